import { checkChanged, problems } from './helpers';

/** The findings of the object-meta rules only. */
const metaProblems = (report: ReturnType<typeof checkChanged>) =>
  problems(report).filter((p) => /^(object-|data-keys)/.test(p.rule));

describe('what the API server checks beyond the schema', () => {
  test('passes the valid set', () => {
    expect(metaProblems(checkChanged(() => undefined))).toEqual([]);
  });

  test('fails names, label and annotation keys, label values and data keys that Kubernetes refuses', () => {
    const report = checkChanged((_get, docs) => {
      docs.push({
        file: 'bad.yaml',
        doc: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'Bad_Name',
            namespace: 'NotANamespace',
            labels: { 'not a key!': 'x', app: 'v'.repeat(64) },
            annotations: { 'bad key': 'x' },
          },
          data: { 'bad key': 'x', same: 'a' },
          binaryData: { same: 'YQ==' },
        },
      });
    });
    const object = 'ConfigMap/NotANamespace/Bad_Name';
    expect(metaProblems(report)).toEqual([
      {
        rule: 'object-name',
        object,
        path: 'metadata.name',
        message:
          "name must be a DNS-1123 subdomain of at most 253 characters (lower-case letters, digits, '-' and '.'), got \"Bad_Name\"",
      },
      expect.objectContaining({
        rule: 'object-name',
        path: 'metadata.namespace',
        message: expect.stringMatching(
          /^namespace must be a DNS-1123 label .* got "NotANamespace"$/,
        ),
      }),
      expect.objectContaining({
        rule: 'object-labels',
        path: 'metadata.labels["not a key!"]',
        message: expect.stringMatching(/^key must be a qualified name: .* got "not a key!"$/),
      }),
      expect.objectContaining({
        rule: 'object-labels',
        path: 'metadata.labels.app',
        message: expect.stringMatching(/^value must be a label value: at most 63 /),
      }),
      expect.objectContaining({
        rule: 'object-annotations',
        path: 'metadata.annotations["bad key"]',
      }),
      expect.objectContaining({ rule: 'data-keys', path: 'data["bad key"]' }),
      {
        rule: 'data-keys',
        object,
        path: 'binaryData.same',
        message: "key 'same' is in both data and binaryData; a ConfigMap may hold each key once",
      },
    ]);
  });

  test('fails a Service name that is no DNS-1035 label, and annotations over 256 KiB together', () => {
    const report = checkChanged((get) => {
      const service = get('Service', 'web');
      service.metadata.name = '1web';
      get('Deployment').metadata.annotations = {
        a: 'x'.repeat(200 * 1024),
        b: 'y'.repeat(60 * 1024),
      };
    });
    expect(metaProblems(report)).toEqual([
      expect.objectContaining({
        rule: 'object-annotations',
        path: 'metadata.annotations',
        message: 'must be at most 256 KiB together (keys and values), got 266242 bytes',
      }),
      expect.objectContaining({
        rule: 'object-name',
        object: 'Service/shop/1web',
        message: expect.stringMatching(/^name must be a DNS-1035 label/),
      }),
    ]);
  });
});
