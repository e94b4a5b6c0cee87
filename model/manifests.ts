import { record, text } from './data';
import { findManifestFiles, readText } from './files';
import { labelOf } from './object';
import { parseYamlDocuments } from './yaml';

/** One document of a YAML file, parsed. */
export interface Manifest {
  /** The file it came from, as given. */
  readonly file: string;
  /** Its position among the non-empty documents of that file, from 0. */
  readonly index: number;
  /** The parsed document. */
  readonly doc: unknown;
}

/** What kept a document from being read: a duplicate key, or anything else the parser refused. */
export interface ReadProblem {
  /** The file. */
  readonly file: string;
  /** The object as far as it can be read (`Kind/namespace/name`), or `-`. */
  readonly object: string;
  /**
   * `duplicate-key` (which a parser would resolve by keeping one value), `ambiguous` (a value
   * kubectl reads otherwise) or `syntax`.
   */
  readonly kind: 'duplicate-key' | 'ambiguous' | 'syntax';
  /** What is wrong, with its line. */
  readonly message: string;
}

/** The manifests of some YAML texts, and what kept documents from being read. */
export interface ReadResult {
  /** Every non-empty, well-formed document. */
  readonly manifests: Manifest[];
  /** One problem per parser error. */
  readonly problems: ReadProblem[];
}

/**
 * Reads every document of the `*.yaml`, `*.yml` and `*.json` files under some folders (or of
 * single files).
 *
 * @param display turns a file path into the name shown in manifests and problems
 * @throws UnreadablePathError if a path cannot be read
 */
export function readManifestFiles(
  dirs: readonly string[],
  display: (file: string) => string = (f) => f,
): ReadResult & { files: readonly string[] } {
  const files = findManifestFiles(dirs);
  const results = files.map((file) => parseManifests(readText(file), display(file)));
  return {
    files,
    manifests: results.flatMap((r) => r.manifests),
    problems: results.flatMap((r) => r.problems),
  };
}

/** Parses the text of one YAML file, named `file` in the manifests and problems. */
export function parseManifests(source: string, file: string): ReadResult {
  const manifests: Manifest[] = [];
  const problems: ReadProblem[] = [];
  let index = 0;
  for (const document of parseYamlDocuments(source)) {
    if (document.errors.length === 0) {
      if (document.js !== null && document.js !== undefined) {
        manifests.push({ file, index: index++, doc: document.js });
      }
      continue;
    }
    const object = labelOfBroken(document.js);
    for (const error of document.errors) {
      const where = ` at line ${lineOf(source, error.offset)}`;
      if (error.code === 'DUPLICATE_KEY') {
        const key = source
          .slice(error.offset)
          .split(/:\s|\n/)[0]
          .trim();
        problems.push({
          file,
          object,
          kind: 'duplicate-key',
          message: `duplicate mapping key ${JSON.stringify(key)}${where}: a parser would keep only one of its values`,
        });
      } else {
        problems.push({
          file,
          object,
          kind: error.code === 'AMBIGUOUS_BOOLEAN' ? 'ambiguous' : 'syntax',
          message: `${error.message.split('\n')[0]}${where}`,
        });
      }
    }
  }
  return { manifests, problems };
}

/** Names the object of a document that has errors, as far as it can still be read. */
function labelOfBroken(doc: unknown): string {
  const metadata = record(record(doc).metadata);
  return labelOf(text(record(doc).kind), text(metadata.namespace), text(metadata.name));
}

/** The 1-based line number of a character offset. */
function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1))
    line++;
  return line;
}
