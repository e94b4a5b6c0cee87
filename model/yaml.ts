import type * as Yaml from 'yaml';

/** A problem the YAML parser found in one document, at a character offset of the text. */
export interface YamlError {
  /**
   * The parser's code: `DUPLICATE_KEY` for a repeated key, `UNREADABLE` for what cannot be
   * expanded, `AMBIGUOUS_BOOLEAN` for a word YAML 1.1 reads as a boolean.
   */
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
 * Words that YAML 1.2 reads as strings but YAML 1.1 as booleans. kubectl decodes manifests with
 * go-yaml v2 (through sigs.k8s.io/yaml), a YAML 1.1 parser: unquoted, `enabled: yes` is `true` to
 * it, and a string field refuses it (or a key `on:` becomes `"true"`).
 */
const YAML_1_1_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * Parses all documents of a YAML text, rejecting duplicate keys. It fails closed: whatever the
 * parser cannot read exactly is an error of the document, never a document left out. That
 * includes a warning (an unresolved tag, which kubectl would read otherwise), a document whose
 * aliases expand beyond the parser's limit (a "billion laughs" file), and an unquoted word that
 * kubectl reads as a boolean where this parser reads a string (`AMBIGUOUS_BOOLEAN`).
 */
export function parseYamlDocuments(text: string): YamlDocument[] {
  // The YAML parser is loaded on first use: checking objects in memory never parses YAML.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof Yaml;
  const options = { uniqueKeys: true, prettyErrors: false };
  return yaml.parseAllDocuments(text, options).map((document) => {
    const errors: YamlError[] = [...document.errors, ...document.warnings].map((e) => ({
      code: e.code,
      offset: e.pos[0],
      message: e.message,
    }));
    yaml.visit(document, {
      Scalar(_key, node) {
        if (node.type !== 'PLAIN' || typeof node.value !== 'string') return;
        if (!YAML_1_1_BOOLEAN.test(node.value)) return;
        errors.push({
          code: 'AMBIGUOUS_BOOLEAN',
          offset: node.range?.[0] ?? document.range[0],
          message: `unquoted ${node.value} is a string here but a boolean to kubectl, which reads YAML 1.1: quote it ('${node.value}')`,
        });
      },
    });
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
