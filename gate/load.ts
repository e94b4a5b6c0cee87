import * as fs from 'fs';
import * as path from 'path';
import { labelOf } from './objects';
import { RawDocument, UnreadablePathError, rawParse, readOne } from './parse';
import { isRecord } from './paths';
import { Finding, Manifest } from './types';

/** The manifests of a set of YAML files, and the problems that kept some from being read. */
export interface LoadResult {
  /** The YAML files read, in the order read. */
  readonly files: readonly string[];
  /** Every non-empty, well-formed document. */
  readonly manifests: readonly Manifest[];
  /** Duplicate keys and syntax errors, one finding per problem. */
  readonly findings: readonly Finding[];
}

/**
 * Lists the `*.yaml` and `*.yml` files under each directory, recursively and sorted, so that runs
 * are reproducible. A path that is a file is taken as it is.
 *
 * @throws UnreadablePathError if a path does not exist or cannot be read
 */
export function findYamlFiles(dirs: readonly string[]): string[] {
  const files: string[] = [];
  for (const dir of dirs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch (e) {
      throw new UnreadablePathError(`cannot read '${dir}': ${(e as Error).message}`);
    }
    if (stat.isFile()) files.push(dir);
    else walk(dir, files);
  }
  return files;
}

function walk(dir: string, into: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UnreadablePathError(`cannot read '${dir}': ${(e as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, into);
    else if (/\.ya?ml$/.test(entry.name)) into.push(full);
  }
}

/**
 * Reads every document of every given YAML file. Duplicate mapping keys (which the API server's
 * strict decoding rejects, and which would otherwise silently keep only the last value) are
 * reported with rule `yaml-duplicate-key`; other syntax errors with rule `yaml-syntax`. Empty
 * documents are skipped.
 *
 * @param files the files to read
 * @param display turns a file path into the name shown in findings
 */
export function loadFiles(
  files: readonly string[],
  display: (file: string) => string = (f) => f,
): LoadResult {
  const manifests: Manifest[] = [];
  const findings: Finding[] = [];
  for (const { file, raw, text } of files.map(readOne)) {
    const loaded = fromRaw(raw, text, display(file));
    manifests.push(...loaded.manifests);
    findings.push(...loaded.findings);
  }
  return { files, manifests, findings };
}

/** Parses the text of one YAML file, named `file` in the manifests and findings. */
export function parseYaml(
  text: string,
  file: string,
): { manifests: Manifest[]; findings: Finding[] } {
  return fromRaw(rawParse(text), text, file);
}

/** Turns the raw documents of one file into manifests, and their errors into findings. */
export function fromRaw(
  raw: readonly RawDocument[],
  text: string,
  file: string,
): { manifests: Manifest[]; findings: Finding[] } {
  const manifests: Manifest[] = [];
  const findings: Finding[] = [];
  let index = 0;
  for (const document of raw) {
    if (document.errors.length === 0) {
      const doc = document.js;
      if (doc !== null && doc !== undefined) manifests.push({ file, index: index++, doc });
      continue;
    }
    const object = labelOfBroken(document.js);
    for (const error of document.errors) {
      const where = ` at line ${lineOf(text, error.offset)}`;
      if (error.code === 'DUPLICATE_KEY') {
        const key = text
          .slice(error.offset)
          .split(/:\s|\n/)[0]
          .trim();
        findings.push({
          file,
          object,
          path: '',
          rule: 'yaml-duplicate-key',
          severity: 'error',
          message: `duplicate mapping key ${JSON.stringify(key)}${where}: a parser would keep only one of its values`,
        });
      } else {
        findings.push({
          file,
          object,
          path: '',
          rule: 'yaml-syntax',
          severity: 'error',
          message: `${error.message.split('\n')[0]}${where}`,
        });
      }
    }
  }
  return { manifests, findings };
}

/** Names the object of a document that has errors, as far as it can still be read. */
function labelOfBroken(doc: unknown): string {
  if (!isRecord(doc)) return '-';
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return labelOf(text(doc.kind), text(metadata.namespace), text(metadata.name));
}

/** The 1-based line number of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
