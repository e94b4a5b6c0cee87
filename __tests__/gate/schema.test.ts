import { checkDirectories, checkDocuments } from '../../gate';
import { createHash } from 'crypto';
import { loadKubernetesSchema } from '../../gate/schema/definitions';
import { strictSchema } from '../../gate/schema/strict';
import { CACHE_FORMAT } from '../../gate/schema/validators';
import { CONTAINER, VALID_DIR, WEB, checkChanged, problems } from './helpers';

describe('the valid manifest set', () => {
  test('passes with zero findings', () => {
    const report = checkDirectories([VALID_DIR], VALID_DIR);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ files: 4, documents: 13, errors: 0, warnings: 0, waived: 0 });
  });
});

describe('strict schema validation', () => {
  test('fails if a document has an unknown field', () => {
    const report = checkChanged((get) => {
      get('Deployment').spec.template.spec.containers[0].imagePullSecret = 'x';
    });
    expect(problems(report)).toEqual([
      {
        rule: 'schema',
        object: WEB,
        path: `${CONTAINER}.imagePullSecret`,
        message: 'unknown field "imagePullSecret"',
      },
    ]);
  });

  test('fails an integer beyond 64 bits, which the int64 format lets through', () => {
    const report = checkChanged((get) => {
      // As YAML's 99999999999999999999 reads.
      get('Deployment').spec.template.spec.terminationGracePeriodSeconds = 1e20;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'schema',
        object: WEB,
        path: 'spec.template.spec.terminationGracePeriodSeconds',
        message:
          'must be an integer of at most 64 bits (±9223372036854775807), got 100000000000000000000',
      },
    ]);
  });

  test('fails if metadata has an unknown field', () => {
    const report = checkChanged((get) => {
      get('Service', 'web').metadata.label = { a: 'b' };
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({
        rule: 'schema',
        path: 'metadata.label',
        message: 'unknown field "label"',
      }),
    ]);
  });

  test('fails if a field has the wrong type', () => {
    const report = checkChanged((get) => {
      get('Deployment').spec.replicas = '2';
    });
    expect(problems(report)).toContainEqual({
      rule: 'schema',
      object: WEB,
      path: 'spec.replicas',
      message: 'must be integer, got "2"',
    });
  });

  test('fails if a capability list holds null (kplus.Capability has no ALL)', () => {
    const report = checkChanged((get) => {
      get('Deployment').spec.template.spec.containers[0].securityContext.capabilities.drop = [null];
    });
    expect(problems(report)).toContainEqual(
      expect.objectContaining({
        rule: 'schema',
        path: `${CONTAINER}.securityContext.capabilities.drop[0]`,
        message: 'must be string, got null',
      }),
    );
  });

  test('fails if a required field is missing', () => {
    const report = checkChanged((get) => {
      delete get('Deployment').spec.template.spec.containers[0].name;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'schema',
        object: WEB,
        path: `${CONTAINER}.name`,
        message: 'missing required field "name"',
      },
    ]);
  });

  test('fails if an int-or-string or a quantity has the wrong form', () => {
    const report = checkChanged((get) => {
      const container = get('Deployment').spec.template.spec.containers[0];
      container.readinessProbe.httpGet.port = true;
      container.resources.limits.cpu = '500x';
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({
        path: `${CONTAINER}.readinessProbe.httpGet.port`,
        message: 'must be string or integer, got true',
      }),
      expect.objectContaining({
        path: `${CONTAINER}.resources.limits.cpu`,
        message: 'must be number or a valid quantity, got "500x"',
      }),
    ]);
  });

  test('fails if an enum field has a value Kubernetes does not know', () => {
    const report = checkChanged((get) => {
      get('Deployment').spec.template.spec.containers[0].imagePullPolicy = 'Sometimes';
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({
        rule: 'schema',
        message: 'must be one of "Always", "IfNotPresent", "Never", got "Sometimes"',
      }),
    ]);
  });

  test('accepts maps of free keys, such as labels and annotations', () => {
    const report = checkChanged((get) => {
      get('Service', 'web').metadata.annotations = { 'example.com/any-key': 'v' };
    });
    expect(problems(report)).toEqual([]);
  });

  test('fails if the kind is unknown to Kubernetes 1.27', () => {
    const report = checkDocuments([
      {
        file: 'a.yaml',
        doc: { apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } },
      },
      {
        file: 'a.yaml',
        doc: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'y' } },
      },
      { file: 'a.yaml', doc: { kind: 'ConfigMap', metadata: { name: 'z' } } },
    ]);
    expect(problems(report)).toEqual([
      {
        rule: 'schema-unknown-kind',
        object: 'Deploymnet/x',
        path: 'kind',
        message: "Kubernetes 1.27 serves no kind 'Deploymnet' in apiVersion 'apps/v1'",
      },
      {
        rule: 'schema-unknown-kind',
        object: 'Ingress/y',
        path: 'kind',
        message: "Kubernetes 1.27 serves no kind 'Ingress' in apiVersion 'extensions/v1beta1'",
      },
      {
        rule: 'schema-unknown-kind',
        object: 'ConfigMap/z',
        path: 'apiVersion',
        message: 'apiVersion is not set',
      },
    ]);
  });

  test('fails if a document is not a mapping', () => {
    const report = checkDocuments([{ file: 'a.yaml', doc: ['x'] }]);
    expect(problems(report)).toEqual([
      expect.objectContaining({
        rule: 'schema',
        message: 'a document must be a mapping that describes one Kubernetes object',
      }),
    ]);
  });
});

describe('strictSchema', () => {
  test('closes object schemas that list properties, and leaves maps and int-or-string alone', () => {
    expect(
      strictSchema({
        type: 'object',
        properties: {
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          port: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          open: {
            type: 'object',
            properties: { a: {} },
            'x-kubernetes-preserve-unknown-fields': true,
          },
          ref: { oneOf: [{ $ref: 'x#' }, { type: 'null' }] },
        },
      }),
    ).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        port: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        open: {
          type: 'object',
          properties: { a: {} },
          'x-kubernetes-preserve-unknown-fields': true,
        },
        ref: { if: { type: 'null' }, else: { $ref: 'x#' } },
      },
    });
  });

  test('what it makes of the vendored schema is pinned to the validator cache format', () => {
    // The cached validators are named after CACHE_FORMAT, not after strict.ts: when this fails,
    // raise CACHE_FORMAT in gate/schema/validators.ts, and take both new values here.
    const { schemas } = loadKubernetesSchema();
    const strict = Object.entries(schemas).map(([id, schema]) => [id, strictSchema(schema)]);
    const hash = createHash('sha256').update(JSON.stringify(strict)).digest('hex');
    expect({ CACHE_FORMAT, strict: hash }).toEqual({
      CACHE_FORMAT: 3,
      strict: 'b7da2f9208cd47408fcc11d90afd675d692f50b055e92e6e4662577a0422e6a7',
    });
  });
});
