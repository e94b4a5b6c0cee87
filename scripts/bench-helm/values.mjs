// The values that make the `webapps` chart render what `scripts/bench-stack.ts <N>` synthesizes:
// the same teams (ten apps each, the report's schedule) and apps (an autoscaler for even and 3
// replicas for odd apps). Everything else is in the chart's own values.yaml.
//
//   node scripts/bench-helm/values.mjs <N> [file]     (stdout without a file)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The chart's folder, for `helm template <release> <chart>`. */
export const CHART = path.join(path.dirname(fileURLToPath(import.meta.url)), 'webapps');

/** Apps per team, as in bench-stack.ts. */
const TEAM_SIZE = 10;

const pad = (n, width) => String(n).padStart(width, '0');

/** The values file for `count` apps, as YAML text. */
export function stackValues(count) {
  const lines = [`# ${count} apps: node scripts/bench-helm/values.mjs ${count}`, 'teams:'];
  for (let t = 0; t * TEAM_SIZE < count; t++) {
    lines.push(`  - name: team-${pad(t, 3)}`, `    schedule: "${t % 60} 3 * * *"`, '    apps:');
    for (let i = t * TEAM_SIZE; i < Math.min(count, (t + 1) * TEAM_SIZE); i++) {
      lines.push(`      - name: app-${pad(i, 4)}`);
      if (i % 2 === 0) {
        lines.push(
          '        autoscaling:',
          '          minReplicas: 2',
          '          maxReplicas: 6',
          '          targetCPUUtilizationPercentage: 70',
        );
      } else {
        lines.push('        replicaCount: 3');
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [count, file] = process.argv.slice(2);
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1) {
    console.error('usage: node scripts/bench-helm/values.mjs <N> [file]');
    process.exit(2);
  }
  if (file) fs.writeFileSync(file, stackValues(n));
  else process.stdout.write(stackValues(n));
}
