import * as path from 'path';
import { Context, Issue, RuleFamily, RuleInfo } from './context';
import {
  KubeObject,
  Manifest,
  ReadProblem,
  isRecord,
  readManifestFiles,
  toKubeObject,
} from '../model';
import { formatReport } from './report';
import { conflicts } from './rules/conflicts';
import { deployOrder } from './rules/deploy-order';
import { objectMeta } from './rules/object-meta';
import { podSecurity } from './rules/pod-security';
import { practices } from './rules/practices';
import { references } from './rules/references';
import { validateSchema } from './schema';
import { Finding, GateReport } from './types';
import { WAIVER_RULES, readWaivers } from './waivers';

/** The policy rule families, applied in this order. */
const FAMILIES: readonly RuleFamily[] = [
  objectMeta,
  podSecurity,
  practices,
  references,
  conflicts,
  deployOrder,
];

/** The rules of loading and schema validation; none can be waived. */
const BASE_RULES: readonly RuleInfo[] = [
  'yaml-duplicate-key',
  'yaml-ambiguous',
  'yaml-syntax',
  'schema',
  'schema-unknown-kind',
].map((id) => ({ id, waivable: false }));

/** Every rule of the gate by id. */
export const RULES: ReadonlyMap<string, RuleInfo> = new Map(
  [...BASE_RULES, ...WAIVER_RULES, ...FAMILIES.flatMap((f) => f.rules)].map((r) => [r.id, r]),
);

/**
 * Checks parsed documents: each against the strict Kubernetes 1.27 schema of its kind, then all
 * of them together against the policy rules, then applies the waiver annotations.
 *
 * @param docs the documents, each with the file name to show in findings
 */
export function checkDocuments(docs: readonly { file: string; doc: unknown }[]): GateReport {
  const counters = new Map<string, number>();
  const manifests: Manifest[] = docs.map(({ file, doc }) => {
    const index = counters.get(file) ?? 0;
    counters.set(file, index + 1);
    return { file, index, doc };
  });
  return checkManifests(manifests, [], counters.size);
}

/**
 * Reads every `*.yaml`, `*.yml` and `*.json` file under the given directories (recursively) and checks
 * all their documents together, as {@link checkDocuments} does.
 *
 * @param dirs directories (or single files) to read
 * @param relativeTo when given, file names in findings are relative to this directory
 * @throws UnreadablePathError if a directory or file cannot be read
 */
export function checkDirectories(dirs: readonly string[], relativeTo?: string): GateReport {
  const display =
    relativeTo === undefined ? (f: string) => f : (f: string) => path.relative(relativeTo, f);
  const read = readManifestFiles(dirs, display);
  return checkManifests(read.manifests, read.problems.map(readFinding), read.files.length);
}

/**
 * Runs the gate on one directory and throws if it finds errors.
 *
 * @throws Error whose message is the formatted report (file names relative to `dir`), when any
 *   finding is an error that is not waived
 */
export function assertGatePasses(dir: string): void {
  throwOnErrors(checkDirectories([dir], dir));
}

/**
 * Runs the gate on objects already in memory and throws if it finds errors: the synth program
 * calls it on what it has just written, before the manifests replace `dist/`, so the YAML is not
 * parsed again (the writer's output reads back as the same objects; its tests prove it).
 *
 * @throws Error whose message is the formatted report, when any finding is an error that is not
 *   waived
 */
export function assertManifestsPass(docs: readonly { file: string; doc: unknown }[]): void {
  throwOnErrors(checkDocuments(docs));
}

function throwOnErrors(report: GateReport): void {
  if (report.errors > 0) {
    const failing = { ...report, findings: report.findings.filter((f) => f.waived === undefined) };
    throw new Error(`manifest gate failed:\n${formatReport(failing)}`);
  }
}

function checkManifests(
  manifests: readonly Manifest[],
  loadFindings: readonly Finding[],
  fileCount: number,
): GateReport {
  const findings: Finding[] = [...loadFindings];
  const positions = new Map<Finding, number>();
  const add = (finding: Finding, index: number): void => {
    findings.push(finding);
    positions.set(finding, index);
  };
  const objects: KubeObject[] = [];
  for (const manifest of manifests) {
    const object = toKubeObject(manifest);
    const base = { file: manifest.file, object: object.label, severity: 'error' as const };
    if (!isRecord(manifest.doc)) {
      add(
        {
          ...base,
          path: '',
          rule: 'schema',
          message: 'a document must be a mapping that describes one Kubernetes object',
        },
        manifest.index,
      );
      continue;
    }
    const result = validateSchema(manifest.doc);
    if (!result.known) {
      add(
        {
          ...base,
          path: object.apiVersion === '' ? 'apiVersion' : 'kind',
          rule: 'schema-unknown-kind',
          message: unknownKindMessage(object),
        },
        manifest.index,
      );
      continue;
    }
    for (const error of result.errors) {
      add({ ...base, path: error.path, rule: 'schema', message: error.message }, manifest.index);
    }
    objects.push(object);
  }

  const context = new Context(objects);
  const issues: Issue[] = FAMILIES.flatMap((family) => family.check(context));
  const waivers = new Map<KubeObject, Map<string, string>>();
  for (const object of objects) waivers.set(object, readWaivers(object, RULES, issues));
  for (const issue of issues) {
    const reason = waivers.get(issue.object)?.get(issue.rule);
    add(
      {
        file: issue.object.manifest.file,
        object: issue.object.label,
        path: issue.path,
        rule: issue.rule,
        severity: issue.severity ?? 'error',
        message: issue.message,
        ...(reason === undefined ? {} : { waived: reason }),
      },
      issue.object.manifest.index,
    );
  }
  return summarize(sortFindings(findings, positions), manifests.length, fileCount);
}

/** A document the parser could not read, as a finding of the rule that says why. */
const READ_RULES: Readonly<Record<ReadProblem['kind'], string>> = {
  'duplicate-key': 'yaml-duplicate-key',
  ambiguous: 'yaml-ambiguous',
  syntax: 'yaml-syntax',
};

function readFinding(problem: ReadProblem): Finding {
  return {
    file: problem.file,
    object: problem.object,
    path: '',
    rule: READ_RULES[problem.kind],
    severity: 'error',
    message: problem.message,
  };
}

function unknownKindMessage(object: KubeObject): string {
  if (object.apiVersion === '') return 'apiVersion is not set';
  if (object.kind === '') return 'kind is not set';
  return `Kubernetes 1.27 serves no kind '${object.kind}' in apiVersion '${object.apiVersion}'`;
}

/**
 * Orders findings by file (in the order read), then by document, keeping the rules' order for
 * the findings of one document. Findings of unreadable documents come first in their file.
 */
function sortFindings(findings: Finding[], positions: ReadonlyMap<Finding, number>): Finding[] {
  const order = new Map<string, number>();
  for (const f of findings) if (!order.has(f.file)) order.set(f.file, order.size);
  return findings
    .map((finding, i) => ({ finding, i }))
    .sort(
      (a, b) =>
        order.get(a.finding.file)! - order.get(b.finding.file)! ||
        (positions.get(a.finding) ?? -1) - (positions.get(b.finding) ?? -1) ||
        a.i - b.i,
    )
    .map(({ finding }) => finding);
}

function summarize(findings: Finding[], documents: number, files: number): GateReport {
  let errors = 0;
  let warnings = 0;
  let waived = 0;
  for (const f of findings) {
    if (f.waived !== undefined) waived++;
    else if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { files, documents, errors, warnings, waived, findings };
}
