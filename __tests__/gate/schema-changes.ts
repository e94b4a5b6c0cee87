// The valid set, and changes that break it in each way the schema messages tell apart: for the
// validator cache test, whose gate runs in processes of their own.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
type Change = (
  get: (kind: string, name?: string) => Doc,
  docs: { file: string; doc: Doc }[],
) => void;

/** The valid set, and changes that break it in each way the schema messages tell apart. */
export const CHANGES: Record<string, Change> = {
  valid: () => {},
  'unknown field': (get) => {
    get('Deployment').spec.template.spec.containers[0].imagePullSecret = 'x';
    get('Service', 'web').metadata.label = { a: 'b' };
  },
  'wrong type': (get) => {
    get('Deployment').spec.replicas = '2';
    get('StatefulSet').spec.template.spec.containers[0].securityContext.capabilities.drop = [null];
  },
  'missing required field': (get) => {
    delete get('Deployment').spec.template.spec.containers[0].name;
  },
  'int-or-string and quantity': (get) => {
    const container = get('Deployment').spec.template.spec.containers[0];
    container.readinessProbe.httpGet.port = true;
    container.resources.limits.cpu = '500x';
  },
  enum: (get) => {
    get('Deployment').spec.template.spec.containers[0].imagePullPolicy = 'Sometimes';
  },
  'ajv-formats formats': (get, docs) => {
    get('CronJob').status = { lastScheduleTime: 'yesterday' };
    docs.push({
      file: 'extra.yaml',
      doc: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', namespace: 'shop' },
        data: { key: 'not base64!' },
      },
    });
  },
};
