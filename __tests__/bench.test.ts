import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support/files';

describe('npm run bench', () => {
  test('prints its table and ratios and writes the results file it is given', () => {
    const committed = path.join(ROOT, 'BENCHMARKS.md');
    const before = fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : undefined;
    const out = path.join(tempDir(), 'BENCHMARKS.md');
    const result = spawnSync(
      process.execPath,
      ['scripts/bench.mjs', '--quick', '--sizes=1,10', `--out=${out}`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const line of [
      "require('cdk8s-plus-27') (the floor)",
      'npm run synth',
      'node .build/main.js (pre-bundled)',
      '10 WebApps, synth + gate',
      '10 WebApps, synth --skip-check',
      '10 WebApps, npm run check (gate alone)',
      'ratios and targets',
      '`npm run synth` vs the floor',
    ]) {
      expect(result.stdout).toContain(line);
    }
    const written = fs.readFileSync(out, 'utf8');
    expect(written).toMatch(/^# Benchmarks\n/);
    for (const heading of [
      '## Machine',
      '## Results',
      '## Generated stacks',
      '## Ratios and targets',
    ]) {
      expect(written).toContain(heading);
    }
    expect(written).toContain(`| Node | ${process.version} |`);
    expect(written).toMatch(/\| 10 \| \d+ \| \d+ \|/);
    // The committed results are the full bench's, never the test's.
    expect(fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : undefined).toBe(before);
  }, 60_000);
});
