/**
 * `npm run check [--json] [DIR...]`: runs the manifest gate on the YAML files under each DIR
 * (default `dist/`). Exit code 0: no errors; 1: errors found; 2: usage error or unreadable path.
 */
import { checkDirectories } from './gate';
import { formatReport, reportToJson } from './report';
import { UnreadablePathError } from '../model';

const USAGE = `usage: npm run check -- [--json] [DIR...]

Checks every *.yaml and *.yml file under each DIR (default: dist) against the strict
Kubernetes 1.27 schema and the gate's policy rules (gate/RULES.md).

  --json      print the report as JSON
  -h, --help  show this help

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable directory.`;

/** Runs the CLI with the given arguments and returns its exit code. */
export function main(args: readonly string[]): number {
  let json = false;
  const dirs: string[] = [];
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      return 0;
    } else if (arg.startsWith('-')) {
      console.error(`gate: unknown option '${arg}'\n${USAGE}`);
      return 2;
    } else dirs.push(arg);
  }
  if (dirs.length === 0) dirs.push('dist');
  try {
    const report = checkDirectories(dirs);
    if (report.files === 0) {
      console.error(`gate: no *.yaml or *.yml files in ${dirs.join(', ')}`);
      return 2;
    }
    console.log(json ? reportToJson(report) : formatReport(report));
    return report.errors > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UnreadablePathError) {
      console.error(`gate: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
