import * as fs from 'fs';
import * as path from 'path';
import { ROOT, snapshotDir, tempDir } from './support/files';
import { projectCopy, runIn } from './support/project-copy';

/** The first `ts` code block after a README heading. */
function codeAfter(heading: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`\n${heading}\n`));
  const block = /```ts\n([\s\S]*?)\n```/.exec(section);
  if (block === null) throw new Error(`no ts code block after '${heading}'`);
  return block[1];
}

describe('the README', () => {
  test('the chart of "Use the constructs in your own chart" type-checks, synthesizes and passes the gate', () => {
    const project = projectCopy();
    // In this repository the package is its own root, index.ts.
    const example = codeAfter('## Use the constructs in your own chart').replace(
      "from 'cdk8s-webapp'",
      "from './index'",
    );
    fs.writeFileSync(path.join(project, 'readme-example.ts'), example);
    // Type-checked as the project's own code is.
    const config = { extends: './tsconfig.json', include: ['readme-example.ts'] };
    fs.writeFileSync(path.join(project, 'tsconfig.readme.json'), JSON.stringify(config));
    const tsc = path.join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    const typeCheck = runIn(project, process.execPath, [tsc, '-p', 'tsconfig.readme.json']);
    expect(typeCheck.stdout).toBe('');
    expect(typeCheck.status).toBe(0);
    const outdir = path.join(tempDir(), 'dist');
    const result = runIn(project, process.execPath, ['scripts/run-ts.mjs', 'readme-example.ts'], {
      CDK8S_OUTDIR: outdir,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(Object.keys(snapshotDir(outdir))).toEqual(['.synth-output.sha256', 'shop.k8s.yaml']);
  }, 120_000);
});
