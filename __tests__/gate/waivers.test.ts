import { formatReport } from '../../gate';
import { CONTAINER, WEB, checkChanged, problems, webContainer } from './helpers';

const WAIVE = 'gate.cdk8s-webapp.dev/waive.';

describe('waiver annotations', () => {
  test('waive a rule for one object, and list the finding as waived', () => {
    const report = checkChanged((get) => {
      delete webContainer(get).livenessProbe;
      get('Deployment').metadata.annotations = {
        [`${WAIVE}liveness-probe`]: 'nginx restarts itself; a probe adds nothing',
      };
    });
    expect(problems(report)).toEqual([]);
    expect(report).toMatchObject({ errors: 0, waived: 1 });
    expect(report.findings).toEqual([
      {
        file: 'web.yaml',
        object: WEB,
        path: `${CONTAINER}.livenessProbe`,
        rule: 'liveness-probe',
        severity: 'error',
        message: 'livenessProbe is not set',
        waived: 'nginx restarts itself; a probe adds nothing',
      },
    ]);
    expect(formatReport(report)).toBe(
      `web.yaml: ${WEB}: ${CONTAINER}.livenessProbe: [liveness-probe] waived (nginx restarts itself; a probe adds nothing): livenessProbe is not set\n` +
        'checked 13 documents in 4 files: 0 errors, 1 waived',
    );
  });

  test('waive only the named rule, on the annotated object only', () => {
    const report = checkChanged((get) => {
      delete webContainer(get).livenessProbe;
      delete get('StatefulSet').spec.template.spec.containers[0].livenessProbe;
      get('Deployment').metadata.annotations = { [`${WAIVE}readiness-probe`]: 'wrong rule' };
    });
    expect(problems(report).map((p) => [p.rule, p.object])).toEqual([
      ['liveness-probe', 'StatefulSet/shop/db'],
      ['liveness-probe', WEB],
    ]);
  });

  test('fails if a waiver gives no reason, and waives nothing then', () => {
    const report = checkChanged((get) => {
      delete webContainer(get).livenessProbe;
      get('Deployment').metadata.annotations = { [`${WAIVE}liveness-probe`]: '  ' };
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({ rule: 'liveness-probe' }),
      {
        rule: 'waiver-reason',
        object: WEB,
        path: 'metadata.annotations["gate.cdk8s-webapp.dev/waive.liveness-probe"]',
        message: "the waiver of 'liveness-probe' must give a reason",
      },
    ]);
  });

  test('fails if a waiver names an unknown rule or one that cannot be waived', () => {
    const report = checkChanged((get) => {
      get('Deployment').metadata.annotations = {
        [`${WAIVE}livenes-probe`]: 'typo',
        [`${WAIVE}schema`]: 'no',
      };
    });
    expect(problems(report).map((p) => [p.rule, p.message])).toEqual([
      ['waiver-unknown-rule', "'livenes-probe' is not a rule of the gate; see gate/RULES.md"],
      ['waiver-unknown-rule', "rule 'schema' cannot be waived"],
    ]);
  });
});
