/**
 * Runtime types for props: what TypeScript checks at compile time, checked again when the
 * constructs are used from JavaScript or with props read from a JSON or YAML file. A shape checks
 * the type of a value, and of everything inside it, and refuses props no construct has; what a
 * value means (ranges, name grammars) is checked where it is used.
 */

/** What does not fit a shape: where, what was there, and what is allowed. */
export interface Misfit {
  /** The prop path, such as `ports[0].name`. */
  readonly path: string;
  /** The value found there. */
  readonly value: unknown;
  /** What is allowed, completing "must be ...". */
  readonly allowed: string;
}

/** A runtime type. */
export interface Shape {
  /** What it allows, completing "must be ...": `a string`, `a list of strings`. */
  readonly allowed: string;
  /** The first place where `value` (at `path`) does not fit, or `undefined`. */
  readonly misfit: (value: unknown, path: string) => Misfit | undefined;
}

/** A field of an object shape. */
export interface Field {
  readonly shape: Shape;
  readonly required: boolean;
}

/** The fields of a props interface: exactly its keys, so the compiler keeps the two in step. */
export type Fields<T> = { readonly [K in keyof Required<T>]: Field };

/** A shape whose test is a predicate. */
export function shape(allowed: string, test: (value: unknown) => boolean): Shape {
  return { allowed, misfit: (value, path) => (test(value) ? undefined : { path, value, allowed }) };
}

/** Any string (its grammar is checked where it is used). */
export const STRING = shape('a string', (v) => typeof v === 'string');
/** Any number (its range is checked where it is used, NaN and Infinity included). */
export const NUMBER = shape('a number', (v) => typeof v === 'number');
/** A function. */
export const FUNCTION = shape('a function', (v) => typeof v === 'function');
/** true or false. */
export const BOOLEAN = shape('true or false', (v) => typeof v === 'boolean');

/** A cdk8s `Duration` (checked by its methods, so that a second copy of cdk8s works too). */
export const DURATION = shape('a Duration, such as Duration.seconds(30)', (v) =>
  hasMethods(v, 'toSeconds', 'toHumanString'),
);
/** A cdk8s `Size`. */
export const SIZE = shape('a Size, such as Size.mebibytes(128)', (v) =>
  hasMethods(v, 'toMebibytes', 'toKibibytes'),
);
/** A CPU amount: cdk8s-plus' `Cpu` or anything with the same `amount` string. */
export const CPU = shape(
  'a Cpu, such as Cpu.millis(250)',
  (v) =>
    typeof v === 'object' && v !== null && typeof (v as { amount?: unknown }).amount === 'string',
);

/** One of the given values (an enum's values). */
export function oneOf(values: readonly unknown[]): Shape {
  const allowed = `one of ${values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')}`;
  return shape(allowed, (v) => values.includes(v));
}

/** An instance of a class of this library, made by its factories. */
export function instanceOf(type: { readonly prototype: object }, allowed: string): Shape {
  return shape(
    allowed,
    (v) =>
      typeof v === 'object' && v !== null && Object.prototype.isPrototypeOf.call(type.prototype, v),
  );
}

/** A list whose every item has the shape `item`. */
export function listOf(item: Shape, allowed = `a list of ${plural(item.allowed)}`): Shape {
  return {
    allowed,
    misfit: (value, path) => {
      if (!Array.isArray(value)) return { path, value, allowed };
      for (let i = 0; i < value.length; i++) {
        const misfit = item.misfit(value[i], `${path}[${i}]`);
        if (misfit !== undefined) return misfit;
      }
      return undefined;
    },
  };
}

/** An object of names to values of the shape `item` (env, volumes, labels). */
export function mapOf(item: Shape, allowed: string): Shape {
  return {
    allowed,
    misfit: (value, path) => {
      if (!isPlainObject(value)) return { path, value, allowed };
      for (const [key, inner] of Object.entries(value)) {
        const misfit = item.misfit(inner, join(path, key));
        if (misfit !== undefined) return misfit;
      }
      return undefined;
    },
  };
}

/**
 * An object with exactly these fields: required ones present, optional ones absent or of their
 * shape, and no others (a misspelt prop would otherwise be ignored without a word).
 *
 * @param what what the object is, for messages: `the ingress settings`
 */
export function objectOf<T>(what: string, fields: Fields<T>): Shape {
  const known = Object.keys(fields);
  const allowed = `${what} (${known.join(', ')})`;
  return {
    allowed,
    misfit: (value, path) => {
      if (!isPlainObject(value)) return { path, value, allowed };
      for (const [key, inner] of Object.entries(value)) {
        const field = (fields as Record<string, Field | undefined>)[key];
        if (field === undefined || !Object.hasOwn(fields, key)) {
          const guess = closest(key, known);
          return {
            path: join(path, key),
            value: inner,
            allowed: `left out: ${what} have no '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`,
          };
        }
      }
      for (const [key, field] of Object.entries<Field>(fields)) {
        const inner = (value as Record<string, unknown>)[key];
        if (inner === undefined) {
          if (field.required)
            return { path: join(path, key), value: inner, allowed: field.shape.allowed };
          continue;
        }
        const misfit = field.shape.misfit(inner, join(path, key));
        if (misfit !== undefined) return misfit;
      }
      return undefined;
    },
  };
}

/** A required field. */
export function required(shape: Shape): Field {
  return { shape, required: true };
}

/** An optional field: left out or `undefined`, never `null`. */
export function optional(shape: Shape): Field {
  return { shape, required: false };
}

/** The first of several shapes a value has; the message lists them all. */
export function anyOf(allowed: string, ...shapes: Shape[]): Shape {
  return shape(allowed, (v) => shapes.some((s) => s.misfit(v, '') === undefined));
}

/** Whether a value is a plain object: `{...}` or `Object.create(null)`, not an array or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function hasMethods(value: unknown, ...names: string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function plural(allowed: string): string {
  return allowed.replace(/^an? /, '').replace(/^(\w+)/, '$1s');
}

/** The known name nearest to a misspelt one (case, one or two edits), if any is near. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance =
      candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance <= 2 && (best === undefined || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
