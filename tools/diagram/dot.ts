import { CLUSTER_DNS } from './externals';
import { ContainerBox, Diagram, DiagramEdge, DiagramNode, EdgeKind, NodeKind } from './graph';

/** How each kind of node is drawn: a Graphviz shape and fill color. */
const NODE_STYLE: Readonly<
  Record<Exclude<NodeKind, 'Workload'>, { shape: string; fill: string; border: string }>
> = {
  Ingress: { shape: 'cds', fill: '#fde7c8', border: '#c7711f' },
  Service: { shape: 'ellipse', fill: '#dbe8f7', border: '#1f4e79' },
  ConfigMap: { shape: 'note', fill: '#fff8c4', border: '#a89a2a' },
  Secret: { shape: 'note', fill: '#fbe0e0', border: '#b23b3b' },
  PersistentVolumeClaim: { shape: 'cylinder', fill: '#e9e9e9', border: '#666666' },
  HorizontalPodAutoscaler: { shape: 'hexagon', fill: '#ece4f7', border: '#6a4c9c' },
  PodDisruptionBudget: { shape: 'octagon', fill: '#ece4f7', border: '#6a4c9c' },
  External: { shape: 'box', fill: '#ffffff', border: '#777777' },
};

/** The header color of a workload box, by kind. */
const WORKLOAD_FILL: Readonly<Record<string, string>> = {
  Deployment: '#cfe0f5',
  StatefulSet: '#cdebd9',
  DaemonSet: '#cfe0f5',
  Job: '#fbe3c0',
  CronJob: '#fbe3c0',
};

/** How each kind of edge is drawn. */
const EDGE_STYLE: Readonly<Record<EdgeKind, string>> = {
  route: 'color="#1f4e79", fontcolor="#1f4e79", penwidth=1.6',
  network: 'color="#2e7d32", fontcolor="#2e7d32", penwidth=1.2',
  blocked: 'color="#c62828", fontcolor="#c62828", style=dashed',
  uses: 'color="#8a8a8a", fontcolor="#666666", style=dashed, arrowhead=vee, arrowsize=0.7',
  controls: 'color="#6a4c9c", fontcolor="#6a4c9c", style=dotted, arrowhead=vee, penwidth=1.4',
};

const LEGEND: readonly [EdgeKind, string][] = [
  ['route', 'routes requests'],
  ['network', 'allowed by NetworkPolicy (port)'],
  ['blocked', 'allowed on one side only'],
  ['uses', 'reads (env, volume)'],
  ['controls', 'scales / limits evictions'],
];

const LEGEND_COLOR: Readonly<Record<EdgeKind, string>> = {
  route: '#1f4e79',
  network: '#2e7d32',
  blocked: '#c62828',
  uses: '#666666',
  controls: '#6a4c9c',
};

/**
 * Writes a diagram as Graphviz DOT: left to right, one cluster per Namespace, workloads as
 * tables of their containers and volumes, a shape per kind, labelled edges styled by meaning,
 * and a legend under the title.
 */
export function toDot(diagram: Diagram): string {
  const lines = [
    'digraph manifests {',
    '  graph [rankdir=LR, newrank=true, compound=true, nodesep=0.3, ranksep=0.75, fontname="Helvetica", labelloc=t, labeljust=l, pad=0.3];',
    '  node [fontname="Helvetica", fontsize=11, style=filled];',
    '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.8];',
    `  label=<${caption(diagram.title)}>;`,
  ];
  for (const node of diagram.nodes.filter((n) => n.namespace === ''))
    lines.push(`  ${nodeLine(node)}`);
  for (const ns of diagram.namespaces) {
    const members = diagram.nodes.filter((n) => n.namespace === ns.name);
    if (members.length === 0) continue;
    lines.push(
      `  subgraph ${quote(`cluster_${ns.name}`)} {`,
      `    label=<<B>Namespace ${html(ns.name)}</B>${ns.details.map((d) => `<BR ALIGN="LEFT"/><FONT POINT-SIZE="9" COLOR="#555555">${html(d)}</FONT>`).join('')}<BR ALIGN="LEFT"/>>;`,
      '    style="rounded,filled"; fillcolor="#f6f8fb"; color="#9aa5b1"; fontsize=12; margin=14;',
      ...members.map((n) => `    ${nodeLine(n)}`),
      '  }',
    );
  }
  const sources = diagram.nodes.filter(
    (n) => n.kind === 'External' && !diagram.edges.some((e) => e.to === n.id),
  );
  if (sources.length > 0)
    lines.push(`  { rank=source; ${sources.map((n) => quote(n.id)).join('; ')}; }`);
  for (const edge of diagram.edges) lines.push(`  ${edgeLine(edge)}`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeLine(node: DiagramNode): string {
  if (node.kind === 'Workload') {
    return `${quote(node.id)} [shape=plain, style="", label=<${workloadTable(node)}>];`;
  }
  const style = NODE_STYLE[node.kind];
  const dashed = node.missing || node.kind === 'External' ? 'filled,dashed' : 'filled';
  const rounded = node.kind === 'External' ? ',rounded' : '';
  const heading =
    node.kind === 'External' ? `<I>${html(node.heading)}</I>` : `<B>${html(node.heading)}</B>`;
  const details = node.details
    .map((d) => `<BR/><FONT POINT-SIZE="9" COLOR="#444444">${html(d)}</FONT>`)
    .join('');
  return (
    `${quote(node.id)} [shape=${style.shape}, style="${dashed}${rounded}", fillcolor="${style.fill}", ` +
    `color="${style.border}", margin="${node.kind === 'Ingress' ? '0.3,0.06' : '0.12,0.06'}", label=<${heading}<BR/>${html(node.name)}${details}>];`
  );
}

function workloadTable(node: DiagramNode): string {
  const fill = WORKLOAD_FILL[node.heading] ?? '#e0e0e0';
  const rows = [
    `<TR><TD ALIGN="LEFT" BGCOLOR="${fill}"><B>${html(`${node.heading} ${node.name}`)}</B></TD></TR>`,
    ...node.details.map(
      (d) =>
        `<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#444444">${html(d)}</FONT></TD></TR>`,
    ),
    ...(node.containers ?? []).map((c, i) => containerRow(c, i)),
  ];
  if (node.volumes && node.volumes.length > 0) {
    rows.push(
      `<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#555555">volumes: ${html(node.volumes.join(', '))}</FONT></TD></TR>`,
    );
  }
  return `<TABLE BORDER="1" COLOR="#5b6b7c" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" BGCOLOR="#ffffff">${rows.join('')}</TABLE>`;
}

function containerRow(c: ContainerBox, index: number): string {
  const fill = c.role === 'main' ? '#eef4fb' : c.role === 'init' ? '#f1f1f1' : '#f6f1fb';
  const role = c.role === 'main' ? 'container' : c.role === 'init' ? 'init container' : 'sidecar';
  const ports = c.ports.length > 0 ? ` · port ${c.ports.join(', ')}` : '';
  return (
    `<TR><TD ALIGN="LEFT" PORT="c${index}" BGCOLOR="${fill}" BORDER="1" COLOR="#d0d7de">` +
    `<FONT POINT-SIZE="8" COLOR="#555555">${html(role + ports)}</FONT><BR ALIGN="LEFT"/>` +
    `<B>${html(c.name)}</B><BR ALIGN="LEFT"/>` +
    `<FONT POINT-SIZE="9" COLOR="#444444">${html(c.image)}</FONT><BR ALIGN="LEFT"/></TD></TR>`
  );
}

function edgeLine(edge: DiagramEdge): string {
  const to =
    edge.toContainer === undefined ? quote(edge.to) : `${quote(edge.to)}:c${edge.toContainer}:w`;
  const dns = edge.to === CLUSTER_DNS.id;
  const style = dns ? 'color="#9cc79f", fontcolor="#6d9f71", penwidth=0.8' : EDGE_STYLE[edge.kind];
  return `${quote(edge.from)} -> ${to} [label=${quote(edge.label)}, ${style}];`;
}

function caption(title: string): string {
  const legend = LEGEND.map(
    ([kind, text]) =>
      `<TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="${LEGEND_COLOR[kind]}">→ ${html(text)}</FONT></TD>`,
  ).join('');
  return `<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="10"><TR><TD ALIGN="LEFT" COLSPAN="${LEGEND.length}"><B>${html(title)}</B></TD></TR><TR>${legend}</TR></TABLE>`;
}

/** A DOT double-quoted string. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Text for a Graphviz HTML-like label. */
function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
