import type { parseAllDocuments as ParseAllDocuments } from 'yaml';

/** A problem the YAML parser found in one document, at a character offset of the text. */
export interface YamlError {
  /** The parser's code: `DUPLICATE_KEY` for a repeated key, `UNREADABLE` for what cannot be expanded. */
  readonly code: string;
  /** Where in the text. */
  readonly offset: number;
  /** What is wrong. */
  readonly message: string;
}

/** One YAML document as read: its value (`undefined` when it cannot be built) and its errors. */
export interface YamlDocument {
  /** The document's value. */
  readonly js: unknown;
  /** Everything that kept it from being read exactly. */
  readonly errors: readonly YamlError[];
}

/**
 * Parses all documents of a YAML text, rejecting duplicate keys. It fails closed: whatever the
 * parser cannot read exactly is an error of the document, never a document left out. That
 * includes a warning (an unresolved tag, which kubectl would read otherwise) and a document whose
 * aliases expand beyond the parser's limit (a "billion laughs" file).
 */
export function parseYamlDocuments(text: string): YamlDocument[] {
  // The YAML parser is loaded on first use: checking objects in memory never parses YAML.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseAllDocuments } = require('yaml') as { parseAllDocuments: typeof ParseAllDocuments };
  return parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false }).map((document) => {
    const errors: YamlError[] = [...document.errors, ...document.warnings].map((e) => ({
      code: e.code,
      offset: e.pos[0],
      message: e.message,
    }));
    let js: unknown;
    try {
      js = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      errors.push({
        code: 'UNREADABLE',
        offset: document.range[0],
        message: `cannot be read in full: ${(error as Error).message}`,
      });
    }
    return { js, errors };
  });
}
