/**
 * `stringifyYaml` must write exactly the bytes of the way it replaced: js-yaml's `dump` with
 * cdk8s' options, or `Yaml.stringify` for a document with a multi-line string
 * (`stringifyDocument`). Manifest-like documents with the strings that YAML writers get wrong.
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { DUMP_OPTIONS, stringifyDocument, stringifyYaml } from '../../runtime/yaml';
import { YamlEmitter } from '../../runtime/yaml-emitter';
import { TIMEOUT, params } from './arbitraries';

/** Strings that a YAML writer must quote, escape or keep apart, and some it must not. */
const NASTY = [
  ...['', ' ', '  ', 'a ', ' a', 'a  b', '\t', 'a\tb', '\u3000', 'a\u00a0b'],
  ...[':', 'a:', ':a', 'a: b', 'a :b', 'a:b', '::', 'http://x:80/y?z#w'],
  ...['#', '#a', 'a #b', 'a#b', '-', '--', '- a', '-a', '---', '--- a', '...', '... a', '....'],
  ...['?', '? a', '?a', '*', '*a', '&a', '!a', '!!str', '|', '|-', '>', '>+', '%', '%YAML 1.1'],
  ...['@a', '`a', "'", "'a'", "a'b", '"', '"a"', 'a"b', `'"`, '\\', 'a\\b', '\\t', '\\x41'],
  ...['{', '}', '[', ']', ',', '{}', '[]', 'a,b', '{a: b}', '[a]', '=', '<<', '~'],
  ...['null', 'Null', 'NULL', 'nUll', 'true', 'True', 'FALSE', 'yes', 'Yes', 'no', 'NO'],
  ...['on', 'On', 'off', 'OFF', 'y', 'Y', 'n', 'N', 'nan', 'NaN', '.nan', '.NaN', 'inf'],
  ...['1e3', '1E3', '1e+3', '12e03', '0x1F', '0X1f', '0o17', '0b101', '0_E0', '1_000', '+inf'],
  ...['-inf', '.inf', '-.Inf', '+.inf', '+Infinity', '010', '007', '08', '0.5', '.5', '5.'],
  ...['-0', '+1', '-1', '0', '1.0', '6.8523015e+5', '685_230.15', '1:20', '190:20:30', '0:0'],
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '1.2.3'],
  ...['v1', '250m', '64Mi', '0.5Gi', '8080', 'é', '日本語', '😀', '\u00e9\u0301', 'a\u200bb'],
  ...['\u0085', 'a\u0085b', '\u2028', '\u2029', '\ufeff', '\ufeffa', '\ufffe', '\x00', '\x07'],
  ...['\x1b', '\x7f', '\x9f', '\ud800', 'a\udc00', '\ud83d', 'x'.repeat(1100), 'a '.repeat(600)],
];

/** Strings with a line break, which go to `Yaml.stringify`, and a backslash before n or r. */
const MULTI_LINE = [
  ...['a\nb', 'a\n', '\n', 'a\n\n', '\n\na', ' a\nb', 'a \nb', 'a\n ', 'a\n\t', '\ta\nb'],
  ...['a\r\nb', '\r', 'a\rb', '\\n', 'a\\nb', '\\r', 'echo "a\\nb"', '#!/bin/sh\nexec "$@"\n'],
  ...['--- a\nb', 'a\n---\nb', 'a\n...\n', '- a\n- b\n', 'a: b\nc: d', '"a"\n', "'a'\n"],
  ...['x'.repeat(90) + '\n' + 'y '.repeat(60), 'é\n日本\n😀\n', 'a\u0085\nb', ' \n '],
];

const SPECIAL = 'aZ09-._/:# \'"\\{}[],&*!|>%@`?~=<+eExXyY\t\u00a0\u2028é😀';

/** A string without a line break: nasty, cut from special characters, or any at all. */
const singleLine = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 6 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 12 }), weight: 3 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY), fc.constantFrom(...NASTY))
      .map(([a, b]) => a + b),
    weight: 2,
  },
  { arbitrary: fc.double().map(String), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
);

/** Any string: one in three may hold a line break, or a backslash before n or r. */
const anyLine = fc.oneof(
  { arbitrary: singleLine, weight: 4 },
  { arbitrary: fc.constantFrom(...MULTI_LINE), weight: 1 },
  {
    arbitrary: fc.string({ unit: fc.constantFrom('a', '\n', '\r', ' ', '\\', 'n'), maxLength: 6 }),
    weight: 1,
  },
);

/** JSON's scalars, which is all that `ApiObject.toJson()` returns. */
const json = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    { arbitrary: text, weight: 12 },
    { arbitrary: fc.integer(), weight: 2 },
    { arbitrary: fc.double().filter((d) => !Object.is(d, -0)), weight: 2 },
    { arbitrary: fc.constantFrom(0, 1, 80, 8080, 0.5, 1e21, 1e-7, 2 ** 53), weight: 2 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );

/** Field names, label keys, index-like keys (which JavaScript puts first), and any text. */
const keys = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    {
      arbitrary: fc.constantFrom('name', 'app.kubernetes.io/name', 'kind', 'metadata', 'spec'),
      weight: 4,
    },
    { arbitrary: fc.constantFrom('0', '1', '10', '-1', '01', '4294967295'), weight: 1 },
    { arbitrary: text, weight: 4 },
  );

/** Manifest-like documents (mostly a mapping with the usual fields) of these keys and scalars. */
function documents(key: fc.Arbitrary<string>, scalar: fc.Arbitrary<unknown>, text = singleLine) {
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
    ),
  }));
  const manifest = fc
    .tuple(
      fc.record({
        apiVersion: fc.constantFrom('v1', 'apps/v1'),
        kind: fc.constantFrom('ConfigMap', 'Deployment'),
        metadata: fc.record({ name: text, labels: fc.dictionary(key, text, { maxKeys: 4 }) }),
      }),
      fc.dictionary(key, tree, { maxKeys: 4 }),
    )
    .map(([head, rest]) => ({ ...head, ...rest }));
  return fc.oneof(
    { arbitrary: manifest, weight: 6 },
    { arbitrary: fc.dictionary(key, tree, { maxKeys: 6 }), weight: 3 },
    { arbitrary: tree, weight: 1 },
  );
}

/** Now and then, one of `odd`. */
const rarely = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: usual, weight: 30 }, { arbitrary: odd, weight: 1 });

/**
 * Documents of one or more YAML files: most without a line break; some with a rare key or value
 * (a key that js-yaml writes as an explicit `? key`; what JSON lacks and a backslash before n or
 * r, which send the document the old way); some with line breaks anywhere.
 */
const docs = fc.array(
  fc.oneof(
    { arbitrary: documents(keys(singleLine), json(singleLine)), weight: 4 },
    {
      arbitrary: documents(
        rarely(keys(singleLine), fc.constantFrom('k'.repeat(1025), 'a\\nb')),
        rarely<unknown>(
          json(singleLine),
          fc.constantFrom(-0, undefined, new Date(0), '\\n', 'echo "\\r"'),
        ),
      ),
      weight: 2,
    },
    { arbitrary: documents(keys(anyLine), json(anyLine), anyLine), weight: 1 },
  ),
  { maxLength: 4 },
);

/** What a function returns, or the error it throws (the old way throws on a root `undefined`). */
function outcome(write: () => string): { text: string } | { error: unknown } {
  try {
    return { text: write() };
  } catch (error) {
    return { error };
  }
}

describe('stringifyYaml', () => {
  test(
    'writes exactly what dump or Yaml.stringify wrote, document by document',
    () => {
      fc.assert(
        fc.property(docs, (values) => {
          expect(outcome(() => stringifyYaml(values))).toEqual(
            outcome(() => values.map(stringifyDocument).join('---\n')),
          );
        }),
        params(300),
      );
    },
    TIMEOUT,
  );

  test(
    'YamlEmitter writes most documents itself, each exactly as dump does',
    () => {
      const emitter = new YamlEmitter(DUMP_OPTIONS);
      let written = 0;
      let total = 0;
      fc.assert(
        fc.property(docs, (values) => {
          emitter.write(values).forEach((text, i) => {
            total += 1;
            if (text === undefined) return;
            written += 1;
            expect(text).toBe(dump(values[i], DUMP_OPTIONS));
          });
        }),
        params(300),
      );
      expect(written / total).toBeGreaterThan(0.6);
    },
    TIMEOUT,
  );
});
