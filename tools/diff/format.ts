import { styleText } from 'util';
import { Change, FieldChange, Flag } from './types';
import { plural } from '../../gate/plural';
import { displayId, keyOf } from '../../model';

/** Options for {@link formatChanges}. */
export interface FormatOptions {
  /**
   * Color the output with ANSI escapes.
   *
   * @default false
   */
  readonly color?: boolean;
  /**
   * How to name the two sides in the summary line.
   *
   * @default - 'before' and 'after'
   */
  readonly names?: { readonly before: string; readonly after: string };
  /**
   * The number of objects compared, for the summary of an unchanged tree.
   *
   * @default - not shown
   */
  readonly objects?: number;
  /**
   * Lines on the deploy order, shown before the summary (see `deployOrderChange`).
   *
   * @default - none
   */
  readonly deployOrder?: readonly string[];
}

/** The longest a value is shown on one line before it is cut with `…`. */
const MAX_VALUE = 100;

/** A text style, or several, as `util.styleText` takes them: `'green'`, `['red', 'bold']`. */
type Style = Parameters<typeof styleText>[0];

/** Styles a text, or returns it as it is when color is off. */
type Paint = (style: Style, text: string) => string;

/**
 * The changes as text for a terminal: one heading per object (`+` added, `-` removed, `~`
 * changed, `>` renamed), its field changes indented below (`path: old → new`), its consequences
 * (`error:`, `warning:`, `note:`), then a summary line. Colored when `color` is set.
 */
export function formatChanges(changes: readonly Change[], options: FormatOptions = {}): string {
  // `color` decides alone: styleText's own check of stdout (a terminal, NO_COLOR) is turned off.
  const paint: Paint = (style, text) =>
    options.color ? styleText(style, text, { validateStream: false }) : text;
  const ambiguous = ambiguousLabels(changes);
  const lines: string[] = [];
  for (const change of changes) {
    const label = (id: Change['id']): string => displayId(id, ambiguous.has(displayId(id)));
    switch (change.type) {
      case 'added':
        lines.push(paint(['green', 'bold'], `+ ${label(change.id)}`));
        break;
      case 'removed':
        lines.push(paint(['red', 'bold'], `- ${label(change.id)}`));
        break;
      case 'changed':
        lines.push(paint(['yellow', 'bold'], `~ ${label(change.id)}`));
        break;
      case 'renamed':
        lines.push(
          paint(['cyan', 'bold'], `> ${label(change.from ?? change.id)} → ${change.id.name}`) +
            paint('cyan', ' (renamed)'),
        );
        break;
    }
    for (const field of change.fields) lines.push(...formatField(field, paint));
    for (const flag of change.flags) lines.push(formatFlag(flag, paint));
  }
  lines.push(
    ...(options.deployOrder ?? []).map((line, i) => (i === 0 ? paint('bold', line) : line)),
  );
  lines.push(paint('bold', summaryOf(changes, options)));
  return lines.join('\n');
}

/** The last line of the report: what changed, and how many errors and warnings. */
export function summaryOf(changes: readonly Change[], options: FormatOptions = {}): string {
  const { before, after } = options.names ?? { before: 'before', after: 'after' };
  if (changes.length === 0) {
    const count = options.objects === undefined ? '' : ` (${plural(options.objects, 'object')})`;
    return `no changes: ${after} is the same as ${before}${count}`;
  }
  const types: Change['type'][] = ['added', 'removed', 'changed', 'renamed'];
  const parts = types.flatMap((type) => {
    const n = changes.filter((c) => c.type === type).length;
    return n > 0 ? [`${n} ${type}`] : [];
  });
  const flags = changes.flatMap((c) => c.flags);
  const errors = flags.filter((f) => f.severity === 'error').length;
  const warnings = flags.filter((f) => f.severity === 'warning').length;
  return (
    `${changes.length === 1 ? '1 object differs' : `${changes.length} objects differ`} between ${before} and ${after}: ` +
    `${parts.join(', ')}; ${plural(errors, 'error')}${errors > 0 ? ' (apply would fail)' : ''}, ` +
    plural(warnings, 'warning')
  );
}

function formatField(field: FieldChange, paint: Paint): string[] {
  const path = `    ${field.path || '(whole object)'}:`;
  if (field.type === 'added') return [`${path} ${paint('green', `+ ${show(field.after)}`)}`];
  if (field.type === 'removed') return [`${path} ${paint('red', `- ${show(field.before)}`)}`];
  if (isMultiline(field.before) || isMultiline(field.after)) {
    const lines = lineDiff(String(field.before ?? ''), String(field.after ?? ''));
    return [
      path,
      ...lines.map(([op, text]) =>
        op === '+' ? paint('green', `      + ${text}`) : paint('red', `      - ${text}`),
      ),
    ];
  }
  return [
    `${path} ${paint('red', show(field.before))} ${paint('dim', '→')} ${paint('green', show(field.after))}`,
  ];
}

function formatFlag(flag: Flag, paint: Paint): string {
  if (flag.severity === 'error') return `    ${paint(['red', 'bold'], `error: ${flag.message}`)}`;
  if (flag.severity === 'warning')
    return `    ${paint(['magenta', 'bold'], `warning: ${flag.message}`)}`;
  return `    ${paint('blue', `note: ${flag.message}`)}`;
}

/** A value on one line: plain words as they are, anything else as JSON, cut when long. */
export function show(value: unknown): string {
  const text =
    typeof value === 'string' && /^[\w./:@+*=-][\w ./:@+*=-]*$/.test(value) && !value.endsWith(' ')
      ? value
      : (JSON.stringify(value) ?? 'undefined');
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function isMultiline(value: unknown): boolean {
  return typeof value === 'string' && value.includes('\n');
}

/** The lines removed and added between two texts (longest common subsequence). */
function lineDiff(a: string, b: string): ['+' | '-', string][] {
  const x = a.replace(/\n$/, '').split('\n');
  const y = b.replace(/\n$/, '').split('\n');
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () =>
    new Array<number>(y.length + 1).fill(0),
  );
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: ['+' | '-', string][] = [];
  let [i, j] = [0, 0];
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) [i, j] = [i + 1, j + 1];
    else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(['-', x[i++]]);
    } else out.push(['+', y[j++]]);
  }
  return out;
}

/** Labels that two different identities share (same kind, namespace and name, other group). */
function ambiguousLabels(changes: readonly Change[]): Set<string> {
  const seen = new Map<string, string>();
  const out = new Set<string>();
  for (const id of changes.flatMap((c) => (c.from ? [c.id, c.from] : [c.id]))) {
    const label = displayId(id);
    const other = seen.get(label);
    if (other !== undefined && other !== keyOf(id)) out.add(label);
    seen.set(label, keyOf(id));
  }
  return out;
}
