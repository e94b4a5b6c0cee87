/**
 * The manifest gate: proves offline that the YAML this project writes is what Kubernetes 1.27
 * accepts (strict schema validation) and what kube-score, kube-linter, Polaris and the Pod
 * Security Standards "restricted" profile would approve. See `gate/RULES.md`.
 */
export {
  RULES,
  assertGatePasses,
  assertManifestsPass,
  checkDirectories,
  checkDocuments,
} from './gate';
export { formatFinding, formatReport, reportToJson, summaryLine } from './report';
export { WAIVER_PREFIX } from './waivers';
export type { Finding, GateReport, Severity } from './types';
export { ManifestGate } from './plugin';
export type { ManifestGateProperties, ValidationContext } from './plugin';
