import { plural } from './plural';
import { Finding, GateReport } from './types';

/** One finding as a line: `file: Kind/namespace/name: path: [rule-id] message`. */
export function formatFinding(finding: Finding): string {
  const where = finding.path === '' ? '' : `${finding.path}: `;
  const status =
    finding.waived !== undefined
      ? `waived (${finding.waived}): `
      : finding.severity === 'warning'
        ? 'warning: '
        : '';
  return `${finding.file}: ${finding.object}: ${where}[${finding.rule}] ${status}${finding.message}`;
}

/**
 * The report as text: one line per finding, then a summary line such as
 * `checked 12 documents in 5 files: 0 errors, 1 waived`.
 */
export function formatReport(report: GateReport): string {
  const lines = report.findings.map(formatFinding);
  lines.push(summaryLine(report));
  return lines.join('\n');
}

/** `checked 12 documents in 5 files: 0 errors, 1 waived` (warnings only when there are some). */
export function summaryLine(report: GateReport): string {
  const counts = [plural(report.errors, 'error')];
  if (report.warnings > 0) counts.push(plural(report.warnings, 'warning'));
  counts.push(`${report.waived} waived`);
  return `checked ${plural(report.documents, 'document')} in ${plural(report.files, 'file')}: ${counts.join(', ')}`;
}

/** The report as the JSON document `--json` prints. */
export function reportToJson(report: GateReport): string {
  return JSON.stringify({ ...report, passed: report.errors === 0 }, null, 2);
}
