import { parseManifests } from '../../model';

describe('parseManifests', () => {
  test('reports a YAML mapping with a duplicate key, without crashing', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
    const { manifests, problems } = parseManifests(text, 'dup.yaml');
    expect(manifests).toEqual([]);
    expect(problems).toEqual([
      {
        file: 'dup.yaml',
        object: 'ConfigMap/b',
        kind: 'duplicate-key',
        message:
          'duplicate mapping key "name" at line 5: a parser would keep only one of its values',
      },
    ]);
  });

  test('skips empty documents and reports syntax errors', () => {
    const { manifests, problems } = parseManifests(
      '---\n---\n# nothing\n---\nkind: [\n',
      'bad.yaml',
    );
    expect(manifests).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'syntax', file: 'bad.yaml' })]);
  });

  test('numbers the documents of a file, empty ones left out', () => {
    const { manifests } = parseManifests('kind: A\n---\n---\nkind: B\n', 'two.yaml');
    expect(manifests).toEqual([
      { file: 'two.yaml', index: 0, doc: { kind: 'A' } },
      { file: 'two.yaml', index: 1, doc: { kind: 'B' } },
    ]);
  });
});
