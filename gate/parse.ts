import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';

/** A directory or file that cannot be read; the CLI turns it into exit code 2. */
export class UnreadablePathError extends Error {}

/**
 * One YAML document as the `yaml` package reads it: its value (`undefined` if it cannot be
 * built) and its errors.
 */
export interface RawDocument {
  /** The document's value. */
  readonly js: unknown;
  /** The parse errors: `code` is `DUPLICATE_KEY` for duplicate keys. */
  readonly errors: readonly { code: string; offset: number; message: string }[];
}

/**
 * Parses all documents of a YAML text, rejecting duplicate keys. The gate fails closed: whatever
 * the parser cannot read exactly is an error of the document, never a document left out. That
 * includes a warning (an unresolved tag, which kubectl would read otherwise) and a document whose
 * aliases expand beyond the parser's limit (a "billion laughs" file).
 */
export function rawParse(text: string): RawDocument[] {
  return parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false }).map((document) => {
    const errors: { code: string; offset: number; message: string }[] = [
      ...document.errors,
      ...document.warnings,
    ].map((e) => ({
      code: e.code,
      offset: e.pos[0],
      message: e.message,
    }));
    let js: unknown;
    try {
      js = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const offset = document.range[0];
      errors.push({
        code: 'UNREADABLE',
        offset,
        message: `cannot be read in full: ${(error as Error).message}`,
      });
    }
    return { js, errors };
  });
}

/** One file read and parsed: its raw documents, and its text for locating errors. */
export interface ParsedFile {
  /** The file path. */
  readonly file: string;
  /** Its documents. */
  readonly raw: readonly RawDocument[];
  /** Its text, for locating errors. */
  readonly text: string;
}

/** Reads and parses one file. */
export function readOne(file: string): ParsedFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UnreadablePathError(`cannot read '${file}': ${(e as Error).message}`);
  }
  return { file, raw: rawParse(text), text };
}
