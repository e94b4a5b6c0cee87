import { DumpOptions, dump } from 'js-yaml';

/**
 * A string that the old way sends to cdk8s' `Yaml.stringify` (see `stringifyYaml`): one whose
 * JSON holds `\n` or `\r`, that is a line break or a backslash before `n` or `r`.
 */
const LINE_BREAK = /[\n\r]|\\[nr]/;

/** Scalars remembered at most; past that the memo starts afresh, so that it cannot grow forever. */
const MAX_SCALARS = 100_000;

/** The scalars of a batch of documents that have no text yet. */
interface Unseen {
  readonly keys: Set<string>;
  readonly values: Set<unknown>;
}

/**
 * Writes plain data exactly as js-yaml's `dump(doc, options)` does, many times faster: it lays
 * out block mappings and sequences itself and leaves every scalar to js-yaml, once per distinct
 * value. Manifests repeat their scalars enormously (field names, labels, images), so js-yaml
 * renders a few thousand scalars where `dump` would lay out hundreds of thousands of nodes.
 *
 * It writes only what it can guarantee, for the options `stringifyYaml` uses (block style,
 * 2-space indent, no line folding, no references): a root mapping or sequence of plain objects,
 * arrays, strings without a line break (`LINE_BREAK`), numbers other than -0, booleans and null.
 * Without a line break, js-yaml writes a scalar on one line, the same at every depth, as a
 * mapping value or as a sequence item; a key it writes the same at every depth. Any other
 * document (holding a multi-line string, `undefined`, a `Date`...) is left to the caller.
 */
export class YamlEmitter {
  /** js-yaml's text of each scalar as a mapping value or a sequence item. */
  private readonly values = new Map<unknown, string>();
  /** js-yaml's text of each key: `<key>`, or `? <key>` for an explicit key (a very long one). */
  private readonly keys = new Map<string, string>();
  /** `\n` and the indentation of each depth. */
  private readonly lineStarts: string[] = ['\n'];

  constructor(private readonly options: DumpOptions) {}

  /**
   * Each document as `dump(doc, options)` writes it, or undefined for one this emitter does not
   * write. The keys and the scalars new to the emitter are rendered by one `dump` each.
   */
  write(docs: readonly unknown[]): (string | undefined)[] {
    if (this.values.size + this.keys.size > MAX_SCALARS) {
      this.values.clear();
      this.keys.clear();
    }
    const unseen: Unseen = { keys: new Set(), values: new Set() };
    const writable = docs.map(
      (doc) => typeof doc === 'object' && doc !== null && this.learn(doc, unseen),
    );
    this.renderKeys([...unseen.keys]);
    this.renderValues([...unseen.values]);
    return docs.map((doc, i) => (writable[i] ? this.document(doc as object) : undefined));
  }

  /** Whether the emitter can write a value, adding the keys and scalars it has no text for. */
  private learn(value: unknown, unseen: Unseen): boolean {
    switch (typeof value) {
      case 'string':
        if (this.values.has(value)) return true;
        if (LINE_BREAK.test(value)) return false;
        break;
      case 'number':
        // A Map holds -0 as 0, which js-yaml writes otherwise.
        if (Object.is(value, -0)) return false;
        break;
      case 'boolean':
        break;
      case 'object':
        if (value === null) break;
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) if (!this.learn(value[i], unseen)) return false;
          return true;
        }
        if (!isPlainObject(value)) return false;
        for (const key of Object.keys(value)) {
          if (!this.keys.has(key)) {
            if (LINE_BREAK.test(key)) return false;
            unseen.keys.add(key);
          }
          if (!this.learn((value as Record<string, unknown>)[key], unseen)) return false;
        }
        return true;
      default:
        return false;
    }
    if (!this.values.has(value)) unseen.values.add(value);
    return true;
  }

  /**
   * Takes the text of each key from one `dump` of a mapping of them all: a line `<key>: null`, or
   * the two lines `? <key>` and `: null`.
   */
  private renderKeys(keys: readonly string[]): void {
    if (keys.length === 0) return;
    const mapping = Object.fromEntries(keys.map((key) => [key, null]));
    const lines = dump(mapping, this.options).split('\n');
    let line = 0;
    for (const key of Object.keys(mapping)) {
      const text = lines[line++];
      const explicit = text.startsWith('? ');
      if (!(explicit ? lines[line++] === ': null' : text.endsWith(': null'))) {
        throw new Error(`js-yaml wrote the key ${JSON.stringify(key)} over more than one line`);
      }
      this.keys.set(key, explicit ? text : text.slice(0, -': null'.length));
    }
  }

  /** Takes the text of each scalar from one `dump` of them all as a sequence, an item a line. */
  private renderValues(scalars: readonly unknown[]): void {
    if (scalars.length === 0) return;
    const lines = dump(scalars, this.options).split('\n');
    if (
      lines.length !== scalars.length + 1 ||
      !lines.slice(0, -1).every((l) => l.startsWith('- '))
    ) {
      throw new Error('js-yaml wrote a scalar without a line break over more than one line');
    }
    scalars.forEach((scalar, i) => this.values.set(scalar, lines[i].slice(2)));
  }

  private document(doc: object): string {
    const text = this.node(doc, 0, '');
    // An empty root has no space before it.
    return `${text === ' {}' || text === ' []' ? text.slice(1) : text}\n`;
  }

  /**
   * A node at a depth: a scalar or an empty collection after a space, a block mapping or
   * sequence with its first entry after `first` (a space inline, a line start below its key, or
   * nothing at the root) and every other entry on a line of its own.
   */
  private node(value: unknown, depth: number, first: string): string {
    if (typeof value !== 'object' || value === null) return ` ${this.values.get(value)}`;
    if (Array.isArray(value)) {
      return value.length === 0 ? ' []' : this.sequence(value, depth, first);
    }
    const keys = Object.keys(value);
    return keys.length === 0
      ? ' {}'
      : this.mapping(value as Record<string, unknown>, keys, depth, first);
  }

  /** A mapping's pairs; after an explicit key, the value starts the next line as an item would. */
  private mapping(
    object: Record<string, unknown>,
    keys: readonly string[],
    depth: number,
    first: string,
  ): string {
    const next = this.lineStart(depth);
    const below = this.lineStart(depth + 1);
    let text = '';
    let start = first;
    for (const key of keys) {
      const name = this.keys.get(key)!;
      text += name.startsWith('? ')
        ? `${start}${name}${next}:${this.node(object[key], depth + 1, ' ')}`
        : `${start}${name}:${this.node(object[key], depth + 1, below)}`;
      start = next;
    }
    return text;
  }

  private sequence(items: readonly unknown[], depth: number, first: string): string {
    const next = this.lineStart(depth);
    let text = '';
    let start = first;
    for (const item of items) {
      text += `${start}-${this.node(item, depth + 1, ' ')}`;
      start = next;
    }
    return text;
  }

  private lineStart(depth: number): string {
    return (this.lineStarts[depth] ??= `\n${'  '.repeat(depth)}`);
  }
}

/** js-yaml's test for a mapping: an object whose prototype is `Object.prototype` or null. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
