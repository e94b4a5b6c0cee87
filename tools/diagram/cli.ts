/**
 * `npm run diagram -- [DIR] [--env NAME] [--out FILE.svg]`: draws the manifests in DIR (default
 * `dist/`), or the app synthesized for APP_ENV=NAME, as an SVG and the DOT source beside it
 * (default `diagram/<env or folder name>.svg`). Exit code 0: written; 2: usage error, unreadable
 * folder or failed synthesis.
 */
import * as path from 'path';
import { parseArgs } from 'util';
import { ManifestReadError, loadObjects } from '../manifests';
import { SynthError, removeSynthesized, synthesizeApp } from '../synth';
import { buildDiagram } from './build';
import { toDot } from './dot';
import { ForeignFileError, writeDiagramFile } from './output';
import { renderSvg } from './render';
import { emptyValueProblem, reportFailure, showUsage, usageProblem } from '../../gate/command-line';
import { DeployOrderError, UnreadablePathError } from '../../model';

const USAGE = `usage: npm run diagram -- [DIR] [--env NAME] [--out FILE.svg]

Draws the manifests in DIR (default: dist) as an SVG, with its DOT source beside it.

  --env NAME   synthesize the app for APP_ENV=NAME into a temporary folder and draw that
  --out FILE   where to write the SVG (default: diagram/<NAME or DIR's name>.svg); the DOT
               source goes beside it with the extension .dot
  -h, --help   show this help

Exit status: 0 written, 2 usage error, unreadable folder or failed synthesis.`;

interface Options {
  dir?: string;
  env?: string;
  out?: string;
}

/** Reads the arguments; a string is a usage error. */
function readArgs(args: readonly string[]): Options | 'help' | string {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        env: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
    if (values.help) return 'help';
    const empty = emptyValueProblem(values, ['env', 'out']);
    if (empty !== undefined) return empty;
    const [dir, other] = positionals;
    if (other !== undefined) return `only one folder can be drawn, got '${dir}' and '${other}'`;
    if (dir !== undefined && values.env !== undefined) {
      return 'give either a folder or --env, not both';
    }
    return { dir, env: values.env, out: values.out };
  } catch (e) {
    return usageProblem(e);
  }
}

/** Runs the CLI with the given arguments and resolves to its exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const options = readArgs(args);
  if (options === 'help') return showUsage('diagram', USAGE);
  if (typeof options === 'string') return showUsage('diagram', USAGE, options);
  let synthesized: string | undefined;
  try {
    const dir =
      options.dir ??
      (options.env === undefined ? 'dist' : (synthesized = synthesizeApp({ appEnv: options.env })));
    const name = options.env ?? path.basename(path.resolve(dir));
    const title =
      options.env === undefined ? `${dir.replace(/\/+$/, '')}/` : `APP_ENV=${options.env}`;
    const dot = toDot(buildDiagram(loadObjects(dir), title));
    const svg = await renderSvg(dot);
    const out = options.out ?? path.join('diagram', `${name}.svg`);
    if (!out.endsWith('.svg')) throw new ForeignFileError(`--out '${out}' must end in .svg`);
    const dotFile = `${out.slice(0, -'.svg'.length)}.dot`;
    writeDiagramFile(out, svg);
    writeDiagramFile(dotFile, dot);
    console.log(`wrote ${out} and ${dotFile}`);
    return 0;
  } catch (e) {
    return reportFailure('diagram', e, [
      UnreadablePathError,
      ManifestReadError,
      SynthError,
      ForeignFileError,
      DeployOrderError,
    ]);
  } finally {
    if (synthesized !== undefined) removeSynthesized(synthesized);
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
