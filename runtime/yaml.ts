import { Yaml } from 'cdk8s';
import { DUMP_SCHEMA, NOT_RESOLVED, defineScalarTag, dump } from 'js-yaml';
import { YamlEmitter } from './yaml-emitter';

/**
 * Plain scalars that kubectl's YAML parser (go-yaml) reads as numbers: after dropping '_', what Go
 * parses as an integer or a float (`1e3`, `0x1F`, `0_E0`, `+inf`). Added to js-yaml's dump schema
 * so that strings spelled like them are quoted, whatever the YAML version would say.
 */
const GO_YAML_NUMBER = defineScalarTag('tag:cdk8s-webapp,2026:go-yaml-number', {
  implicit: true,
  implicitFirstChars: [...'0123456789+-.'],
  resolve: (source) => {
    const plain = source.replace(/_/g, '');
    const number =
      /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain) ||
      /^[-+]?0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$/.test(plain) ||
      /^[-+](inf|infinity|nan)$/i.test(plain);
    return number ? Number(plain) : NOT_RESOLVED;
  },
  identify: () => false,
});

/**
 * cdk8s' layout: no line folding, no anchors, double quotes. The schema quotes every string that
 * YAML 1.1, YAML 1.2 or kubectl would read as something else.
 *
 * @internal
 */
export const DUMP_OPTIONS = {
  lineWidth: -1,
  noRefs: true,
  quoteStyle: 'double',
  schema: DUMP_SCHEMA.withTags(GO_YAML_NUMBER),
} as const;

/** Writes the documents `dump` would, reusing the text of every scalar it has seen. */
const EMITTER = new YamlEmitter(DUMP_OPTIONS);

/**
 * The YAML of a chart's manifests, one document each, in the layout cdk8s' `Yaml.stringify`
 * writes (for manifests, the same text) but many times faster: `YamlEmitter` writes exactly what
 * js-yaml's `dump` would, asking js-yaml for the text of each distinct scalar only once. What it
 * does not write goes the way it always went (`stringifyDocument`), among others a document with
 * a multi-line string (a file in a ConfigMap).
 *
 * @internal
 */
export function stringifyYaml(docs: readonly unknown[]): string {
  const written = EMITTER.write(docs);
  return docs.map((doc, i) => written[i] ?? stringifyDocument(doc)).join('---\n');
}

/**
 * One document as js-yaml prints it (about three times faster than the `yaml` package, which
 * first builds a syntax tree), or, if it has a multi-line string, as `Yaml.stringify` does, whose
 * block scalars keep every trailing space and line. The reference `stringifyYaml` is tested against.
 *
 * @internal
 */
export function stringifyDocument(doc: unknown): string {
  return hasLineBreak(doc) ? Yaml.stringify(doc) : dump(doc, DUMP_OPTIONS);
}

/**
 * Whether any string in a value, key or scalar, holds a line break. JSON escapes one as `\n` or
 * `\r`, and the engine's JSON writer is faster than a walk, so the walk runs only when the JSON
 * shows one (a backslash followed by `n` shows one too, and the walk then says no).
 */
function hasLineBreak(value: unknown): boolean {
  const json = JSON.stringify(value);
  return (json.includes('\\n') || json.includes('\\r')) && holdsLineBreak(value);
}

function holdsLineBreak(value: unknown): boolean {
  if (typeof value === 'string') return /[\n\r]/.test(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => /[\n\r]/.test(key) || holdsLineBreak(inner));
}
