/**
 * `npm run diagram -- [DIR] [--env NAME] [--out FILE.svg]`: draws the manifests in DIR (default
 * `dist/`), or the app synthesized for APP_ENV=NAME, as an SVG and the DOT source beside it
 * (default `diagram/<env or folder name>.svg`). Exit code 0: written; 2: usage error, unreadable
 * folder or failed synthesis.
 */
import * as path from 'path';
import { ManifestReadError, loadObjects } from '../manifests';
import { SynthError, removeSynthesized, synthesizeApp } from '../synth';
import { buildDiagram } from './build';
import { toDot } from './dot';
import { ForeignFileError, writeDiagramFile } from './output';
import { renderSvg } from './render';
import { UnreadablePathError } from '../../model';

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

function parseArgs(args: readonly string[]): Options | 'help' | string {
  const options: Options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const name = arg.split('=')[0];
    if (name === '-h' || name === '--help') return 'help';
    if (name === '--env' || name === '--out') {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (value === undefined || value === '') return `option '${name}' needs a value`;
      if (name === '--env') options.env = value;
      else options.out = value;
    } else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else if (options.dir !== undefined)
      return `only one folder can be drawn, got '${options.dir}' and '${arg}'`;
    else options.dir = arg;
  }
  if (options.dir !== undefined && options.env !== undefined)
    return 'give either a folder or --env, not both';
  return options;
}

/** Runs the CLI with the given arguments and resolves to its exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    console.error(`diagram: ${options}\n${USAGE}`);
    return 2;
  }
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
    const known = [UnreadablePathError, ManifestReadError, SynthError, ForeignFileError];
    if (known.some((type) => e instanceof type)) {
      console.error(`diagram: ${(e as Error).message}`);
      return 2;
    }
    console.error(e);
    return 2;
  } finally {
    if (synthesized !== undefined) removeSynthesized(synthesized);
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
