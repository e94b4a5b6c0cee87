import * as fs from 'fs';
import * as path from 'path';
import { loadObjects } from '../../tools/manifests';
import { buildDiagram } from '../../tools/diagram/build';
import { toDot } from '../../tools/diagram/dot';
import { runEntry, tempDir } from '../support/files';

const APP = path.join(__dirname, 'fixtures', 'app');

/** The DOT text of the fixture app. */
function fixtureDot(): string {
  return toDot(buildDiagram(loadObjects(APP), 'fixture'));
}

/** The DOT lines of the edges from one node to another. */
function edgesBetween(dot: string, from: string, to: string): string[] {
  return dot.split('\n').filter((line) => line.trim().startsWith(`"${from}" -> "${to}"`));
}

describe('the diagram', () => {
  const dot = fixtureDot();

  test('groups the objects by Namespace, with the external peers outside', () => {
    expect(dot).toContain('subgraph "cluster_shop" {');
    expect(dot).toContain('<B>Namespace shop</B>');
    const outside = dot.slice(0, dot.indexOf('subgraph'));
    expect(outside).toContain('"external/ingress-controller"');
    expect(outside).toContain('"external/dns"');
    expect(outside).toContain('"external/internet"');
  });

  test('says in which step npm run deploy applies each object: a ConfigMap before the pods that read it', () => {
    const diagram = buildDiagram(loadObjects(APP), 'fixture');
    const step = (id: string) =>
      diagram.nodes.find((n) => n.id === id)?.details.find((d) => d.startsWith('deploy step'));
    expect(step('ConfigMap/shop/site')).toMatch(/^deploy step 2 of \d$/);
    expect(step('Deployment/shop/web')).toMatch(/^deploy step 3 of \d$/);
    expect(dot).toContain('deploy step 3 of');
  });

  test('draws each kind with its own shape, and leaves out ServiceAccounts', () => {
    expect(dot).toMatch(/"Ingress\/shop\/web" \[shape=cds/);
    expect(dot).toMatch(/"Service\/shop\/web" \[shape=ellipse/);
    expect(dot).toMatch(/"Deployment\/shop\/web" \[shape=plain/);
    expect(dot).toMatch(/"ConfigMap\/shop\/site" \[shape=note/);
    expect(dot).toMatch(/"PersistentVolumeClaim\/shop\/data-db" \[shape=cylinder/);
    expect(dot).toMatch(/"HorizontalPodAutoscaler\/shop\/web" \[shape=hexagon/);
    expect(dot).toMatch(/"PodDisruptionBudget\/shop\/web" \[shape=octagon/);
    expect(dot).not.toContain('ServiceAccount');
    expect(dot).toContain('rankdir=LR');
  });

  test('routes the ingress controller to the Ingress, the Service and the container with the port', () => {
    expect(edgesBetween(dot, 'external/ingress-controller', 'Ingress/shop/web')[0]).toContain(
      'label="class nginx"',
    );
    expect(edgesBetween(dot, 'Ingress/shop/web', 'Service/shop/web')[0]).toContain(
      'label="/ → http"',
    );
    expect(dot).toContain('"Service/shop/web" -> "Deployment/shop/web":c1:w [label="80 → 8080"');
    expect(edgesBetween(dot, 'external/internet', 'Service/shop/web')[0]).toContain(
      'label="node port 30080"',
    );
  });

  test('shows the pods: init container, container, sidecar, volumes', () => {
    const web = dot.split('\n').find((l) => l.includes('"Deployment/shop/web" [')) ?? '';
    expect(web).toContain('init container</FONT><BR ALIGN="LEFT"/><B>seed</B>');
    expect(web).toContain('container · port 8080 http</FONT><BR ALIGN="LEFT"/><B>web</B>');
    expect(web).toContain('sidecar</FONT><BR ALIGN="LEFT"/><B>sync</B>');
    expect(web).toContain('volumes: content (ConfigMap), tmp (emptyDir)');
    expect(web).toContain('replicas set by the autoscaler');
  });

  test('shows the CronJob with its schedule', () => {
    expect(dot).toContain('schedule 0 6 * * * (Etc/UTC)');
  });

  test('links the ConfigMaps, Secrets and claims the pods use, marking missing ones', () => {
    expect(edgesBetween(dot, 'Deployment/shop/web', 'ConfigMap/shop/site')[0]).toContain(
      'label="volume content"',
    );
    expect(edgesBetween(dot, 'Deployment/shop/web', 'Secret/shop/db-credentials')[0]).toContain(
      'label="env DB_PASSWORD"',
    );
    expect(edgesBetween(dot, 'CronJob/shop/report', 'Secret/shop/db-credentials')[0]).toContain(
      'label="envFrom"',
    );
    expect(edgesBetween(dot, 'Ingress/shop/web', 'Secret/shop/shop-tls')[0]).toContain(
      'label="TLS certificate"',
    );
    expect(dot).toMatch(/"Secret\/shop\/db-credentials" \[shape=note, style="filled,dashed"/);
  });

  test('draws the autoscaler and the disruption budget acting on the Deployment', () => {
    expect(
      edgesBetween(dot, 'HorizontalPodAutoscaler/shop/web', 'Deployment/shop/web'),
    ).toHaveLength(1);
    expect(dot).toContain('2–5 replicas');
    expect(edgesBetween(dot, 'PodDisruptionBudget/shop/web', 'Deployment/shop/web')).toHaveLength(
      1,
    );
  });

  test('draws what the NetworkPolicies allow, and what only one side allows', () => {
    expect(edgesBetween(dot, 'Deployment/shop/web', 'StatefulSet/shop/db')[0]).toContain(
      'label="5432/TCP", color="#2e7d32"',
    );
    expect(edgesBetween(dot, 'external/ingress-controller', 'Deployment/shop/web')[0]).toContain(
      'label="8080/TCP"',
    );
    expect(edgesBetween(dot, 'Deployment/shop/web', 'external/dns')[0]).toContain('label="53/UDP"');
    expect(edgesBetween(dot, 'CronJob/shop/report', 'StatefulSet/shop/db')[0]).toContain(
      'label="5432/TCP blocked by NetworkPolicy db (ingress)"',
    );
  });
});

describe('npm run diagram', () => {
  // Graphviz's WebAssembly build is an ES module that jest cannot load, so SVG rendering is tested
  // through the CLI, the way it runs.
  test('renders the SVG with the WebAssembly Graphviz, and writes the DOT source beside it', () => {
    const out = path.join(tempDir('diagram-'), 'pictures', 'shop.svg');
    const result = runEntry('tools/diagram/cli.ts', {}, [APP, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const svg = fs.readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('<svg');
    expect(svg).toContain('Deployment web');
    expect(fs.readFileSync(out.replace(/svg$/, 'dot'), 'utf8')).toBe(
      toDot(buildDiagram(loadObjects(APP), `${APP}/`)),
    );
  });

  test('replaces a diagram it wrote, and refuses to overwrite any other file', () => {
    const dir = tempDir('diagram-');
    const out = path.join(dir, 'shop.svg');
    expect(runEntry('tools/diagram/cli.ts', {}, [APP, '--out', out]).status).toBe(0);
    expect(runEntry('tools/diagram/cli.ts', {}, [APP, '--out', out]).status).toBe(0);
    const notes = path.join(dir, 'notes.svg');
    fs.writeFileSync(notes, '<svg>my own drawing</svg>');
    const refused = runEntry('tools/diagram/cli.ts', {}, [APP, '--out', notes]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `diagram: '${notes}' exists and is not a diagram this tool wrote; choose another --out or move it away\n`,
    );
    expect(fs.readFileSync(notes, 'utf8')).toBe('<svg>my own drawing</svg>');
    const readme = runEntry('tools/diagram/cli.ts', {}, [
      APP,
      '--out',
      path.join(dir, 'README.md'),
    ]);
    expect(readme.stderr).toMatch(/^diagram: --out '.*README\.md' must end in \.svg\n$/);
    expect(fs.readdirSync(dir).sort()).toEqual(['notes.svg', 'shop.dot', 'shop.svg']);
  }, 60_000);

  test('fails with exit code 2 on a folder that does not exist', () => {
    const result = runEntry('tools/diagram/cli.ts', {}, ['no-such-folder']);
    expect(result.stderr).toMatch(/^diagram: cannot read 'no-such-folder'/);
    expect(result.status).toBe(2);
  });
});
