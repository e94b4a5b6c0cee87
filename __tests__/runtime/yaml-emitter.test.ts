import { dump } from 'js-yaml';
import { DUMP_OPTIONS } from '../../runtime/yaml';
import { YamlEmitter } from '../../runtime/yaml-emitter';

const MANIFEST = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { labels: { 'app.kubernetes.io/name': 'web', yes: 'no' }, name: 'web' },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          {
            args: [],
            command: ['sh', '-c', 'echo "$(date)" # now'],
            env: [{ name: 'RATIO', value: '0.5' }],
            resources: {},
          },
        ],
        matrix: [[1, 2.5], [[]], [{}], [null, true, '']],
      },
    },
  },
};

describe('YamlEmitter', () => {
  test('writes a manifest exactly as js-yaml dump does', () => {
    const [text] = new YamlEmitter(DUMP_OPTIONS).write([MANIFEST]);
    expect(text).toBe(dump(MANIFEST, DUMP_OPTIONS));
  });

  test('indents sequences under their key, and starts a mapping or sequence item on its dash', () => {
    const doc = { a: [{ b: 1, c: [] }, [2, [3]], {}], d: { e: null, f: 'yes' } };
    expect(new YamlEmitter(DUMP_OPTIONS).write([doc])).toEqual([
      'a:\n  - b: 1\n    c: []\n  - - 2\n    - - 3\n  - {}\nd:\n  e: null\n  f: "yes"\n',
    ]);
  });

  test('writes every document of a batch, and the same again from its memo', () => {
    const emitter = new YamlEmitter(DUMP_OPTIONS);
    const docs = [MANIFEST, { kind: 'Namespace' }, ['a', { b: 'c' }], {}, []];
    const expected = docs.map((doc) => dump(doc, DUMP_OPTIONS));
    expect(emitter.write(docs)).toEqual(expected);
    expect(emitter.write(docs)).toEqual(expected);
    expect(expected.slice(3)).toEqual(['{}\n', '[]\n']);
  });

  test('writes a key longer than 1024 characters as an explicit key, its value below', () => {
    const long = 'k'.repeat(1025);
    const doc = { a: { [long]: 'v', b: { [long]: [1, 2], c: { [long]: { d: 1, e: {} } } } } };
    expect(new YamlEmitter(DUMP_OPTIONS).write([doc])).toEqual([dump(doc, DUMP_OPTIONS)]);
    expect(dump(doc, DUMP_OPTIONS)).toContain(`\n    ? ${long}\n    : - 1\n      - 2\n`);
  });

  test.each([
    ['a multi-line string', { data: { 'a.conf': 'a\nb' } }],
    ['a carriage return', { data: { a: 'a\rb' } }],
    ['a backslash before n, which the old way also sends on', { command: ['printf "\\n"'] }],
    ['a key with a line break', { data: { 'a\nb': 'c' } }],
    ['undefined', { metadata: { name: undefined } }],
    ['a hole in an array', { args: ['a', , 'b'] }], // eslint-disable-line no-sparse-arrays
    ['-0', { value: -0 }],
    ['a Date', { at: new Date(0) }],
    ['a Map', { labels: new Map([['a', 'b']]) }],
    ['a root scalar', 'kind'],
    ['a root null', null],
  ])('leaves to the caller a document with %s', (_, doc) => {
    expect(new YamlEmitter(DUMP_OPTIONS).write([MANIFEST, doc])).toEqual([
      dump(MANIFEST, DUMP_OPTIONS),
      undefined,
    ]);
  });
});
