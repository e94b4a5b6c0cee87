/**
 * `npm run check [--json] [DIR...]`: runs the manifest gate on the YAML files under each DIR
 * (default `dist/`). Exit code 0: no errors; 1: errors found; 2: usage error or unreadable path.
 */
import { parseArgs } from 'util';
import { showUsage, usageProblem } from './command-line';
import { checkDirectories } from './gate';
import { formatReport, reportToJson } from './report';
import { UnreadablePathError } from '../model';

const USAGE = `usage: npm run check -- [--json] [DIR...]

Checks every *.yaml, *.yml and *.json file under each DIR (default: dist) against the strict
Kubernetes 1.27 schema and the gate's policy rules (gate/RULES.md).

  --json      print the report as JSON
  -h, --help  show this help

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable directory.`;

interface Options {
  json: boolean;
  dirs: string[];
}

/** Reads the arguments; a string is a usage error. */
function readArgs(args: readonly string[]): Options | 'help' | string {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) return 'help';
    return { json: values.json ?? false, dirs: positionals.length > 0 ? positionals : ['dist'] };
  } catch (e) {
    return usageProblem(e);
  }
}

/** Runs the CLI with the given arguments and returns its exit code. */
export function main(args: readonly string[]): number {
  const options = readArgs(args);
  if (options === 'help') return showUsage('gate', USAGE);
  if (typeof options === 'string') return showUsage('gate', USAGE, options);
  const { json, dirs } = options;
  try {
    const report = checkDirectories(dirs);
    if (report.files === 0) {
      console.error(`gate: no *.yaml, *.yml or *.json files in ${dirs.join(', ')}`);
      return 2;
    }
    if (report.documents === 0 && report.errors === 0) {
      // Nothing to check is no pass: an emptied dist/ would apply nothing.
      console.error(
        `gate: the ${report.files} file(s) in ${dirs.join(', ')} hold no Kubernetes object`,
      );
      return 1;
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
