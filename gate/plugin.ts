/**
 * The manifest gate as a standard cdk8s validation plugin (cdk8s-cli 2.x), for any cdk8s app:
 *
 *     # cdk8s.yaml
 *     validations:
 *       - package: ./node_modules/cdk8s-webapp   # a name is installed from the registry
 *         class: ManifestGate
 *         version: 0.1.0               # exact, as the CLI requires
 *
 * The CLI synthesizes the app, then hands the plugin the manifests it wrote and the construct
 * metadata it recorded; the plugin reports every error and warning of the gate as a violation of
 * its rule, with the object (whose construct path the CLI looks up) and the field path, and fails
 * the report when an error is not waived. Waivers work as everywhere else: an annotation
 * `gate.cdk8s-webapp.dev/waive.<rule>: <reason>` on the object.
 */
import { RULES, checkDirectories } from './gate';
import { summaryLine } from './report';
import type { Finding, GateReport } from './types';

/** The plugin's `properties` in cdk8s.yaml: none yet, and any given is refused. */
export type ManifestGateProperties = Readonly<Record<string, never>>;

/** What the CLI hands a plugin (cdk8s-cli's `ValidationContext`), as far as the gate uses it. */
export interface ValidationContext {
  /** The manifest files the app wrote. */
  readonly manifests: readonly string[];
  /** The construct of each resource, by the name the CLI looks it up by (construct-metadata.json). */
  readonly metadata?: Readonly<Record<string, { readonly path: string }>>;
  /** Receives the violations and the verdict. */
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: readonly {
        readonly resourceName: string;
        readonly locations: readonly string[];
        readonly manifestPath: string;
      }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Readonly<Record<string, string>>): void;
  };
}

/** The manifest gate as a cdk8s validation plugin; see the file's comment. */
export class ManifestGate {
  /** @param properties the `properties` of the plugin in cdk8s.yaml: none are taken */
  public constructor(properties: ManifestGateProperties = {}) {
    const given = Object.keys(properties ?? {});
    if (given.length > 0) {
      throw new Error(
        `ManifestGate: properties must be left out (it takes none), got '${given.join("', '")}'`,
      );
    }
  }

  /** Checks the manifests the CLI wrote and reports the findings. */
  public async validate(context: ValidationContext): Promise<void> {
    // The CLI lists construct-metadata.json beside the manifests when it records metadata.
    const report = checkDirectories(context.manifests.filter((file) => /\.ya?ml$/.test(file)));
    for (const [key, findings] of groupByRuleAndMessage(report.findings)) {
      const [rule] = key.split('\n');
      context.report.addViolation({
        ruleName: rule,
        recommendation: findings[0].message,
        fix: howToFix(rule, RULES.get(rule)?.waivable ?? false),
        violatingResources: findings.map((f) => ({
          resourceName: resourceName(f.object, context.metadata),
          locations: [f.path === '' ? '(the whole object)' : f.path],
          manifestPath: f.file,
        })),
      });
    }
    context.report.submit(report.errors > 0 ? 'failure' : 'success', summaryOf(report));
  }
}

/**
 * The name a finding's object is reported by, which the CLI looks its construct up by: its
 * `Kind/namespace/name` when the metadata has it (runSynth writes it: exact), else its
 * `metadata.name`, as cdk8s keys it (the last construct of that name).
 */
function resourceName(object: string, metadata: ValidationContext['metadata']): string {
  if (metadata !== undefined && Object.hasOwn(metadata, object)) return object;
  return object.split('/').pop() ?? object;
}

/** The findings to report (not waived ones), by rule and message. */
function groupByRuleAndMessage(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings.filter((f) => f.waived === undefined)) {
    const key = `${finding.rule}\n${finding.message}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return groups;
}

function howToFix(rule: string, waivable: boolean): string {
  const change = 'Change the field at each location (see the rule in RULES.md of cdk8s-webapp)';
  return waivable
    ? `${change}, or waive the rule for the object with the annotation gate.cdk8s-webapp.dev/waive.${rule}: "<reason>"`
    : `${change}; this rule cannot be waived`;
}

function summaryOf(report: GateReport): Record<string, string> {
  return {
    summary: summaryLine(report),
    errors: String(report.errors),
    warnings: String(report.warnings),
    waived: String(report.waived),
  };
}
