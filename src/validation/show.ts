import { inspect } from 'util';

/**
 * Shows a received value in an error message, always on one line: strings quoted (with their
 * line breaks and other control characters escaped), numbers as written (NaN and Infinity too),
 * a bigint with its `n`, plain data as JSON, and anything else (a class instance, a function, a
 * cycle) as Node prints it.
 */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(CONTROL, escapeControl)}'`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (isPlainData(value)) return JSON.stringify(value);
  return inspect(value, { breakLength: Infinity, depth: 2 });
}

/** Characters that would break a message's line or hide in it. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(c: string): string {
  return ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Whether JSON shows a value faithfully: null, booleans, finite numbers, strings, plain arrays and objects of them. */
function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((v) => v !== undefined && isPlainData(v, depth + 1));
}

const UNITS: readonly [seconds: number, one: string][] = [
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/**
 * A number of seconds as people say it: `2 hours`, `1 hour 30 minutes`, `1.5 seconds`,
 * `NaN seconds`.
 */
export function humanDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds === 0) return `${seconds} seconds`;
  const parts: string[] = [];
  let rest = Math.abs(seconds);
  for (const [size, unit] of UNITS) {
    const count = size === 1 ? Math.round(rest * 1000) / 1000 : Math.floor(rest / size);
    if (count === 0) continue;
    parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
    rest -= count * size;
  }
  return `${seconds < 0 ? '-' : ''}${parts.join(' ')}`;
}
