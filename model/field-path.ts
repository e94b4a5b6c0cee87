import { isRecord } from './data';

/** Field paths in the form reviewers read: `spec.ports[0].name`, `metadata.labels["app.kubernetes.io/name"]`. */
const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/**
 * Appends one step to a field path in the form reviewers read: `a.b`, `a[0]`, and
 * `a["key.with/dots"]` for map keys that are not plain names.
 */
export function joinPath(base: string, step: string | number): string {
  if (typeof step === 'number') return `${base}[${step}]`;
  if (!IDENTIFIER.test(step)) return `${base}[${JSON.stringify(step)}]`;
  return base === '' ? step : `${base}.${step}`;
}

/**
 * Turns a JSON pointer into `root` (`/spec/ports/0/name`) into a field path (`spec.ports[0].name`),
 * writing a step as an index only where `root` has an array.
 */
export function pointerToPath(pointer: string, root: unknown): string {
  if (pointer === '') return '';
  let out = '';
  let value: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      out = joinPath(out, Number(step));
      value = value[Number(step)];
    } else {
      out = joinPath(out, step);
      value = isRecord(value) ? value[step] : undefined;
    }
  }
  return out;
}
