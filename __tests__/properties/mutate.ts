/** The mechanism of the invalid-props generators: a mutation of valid props, and what it expects. */
import fc from 'fast-check';

/**
 * Props with one bad value (built on demand: a factory such as `Probe.httpGet` may refuse its
 * argument already), the prop path the message must name, and the value as shown.
 */
export interface Invalid<P> {
  readonly build: () => P;
  readonly prop: string;
  readonly shown: string;
}

export type Mutation<P> = fc.Arbitrary<(props: P) => Invalid<P>>;

/** How a message shows a received value: strings quoted, numbers as written. */
export const quote = (value: unknown): string =>
  typeof value === 'string' ? `'${value}'` : String(value);

/** A mutation setting `prop` to one of `values` through `apply`. */
export function mutation<P, V>(
  prop: string | ((v: V, p: P) => string),
  values: fc.Arbitrary<V>,
  apply: (p: P, v: V) => P,
  shown: (v: V, p: P) => string = quote,
): Mutation<P> {
  return values.map((v) => (p: P) => ({
    build: () => apply(p, v),
    prop: typeof prop === 'string' ? prop : prop(v, p),
    shown: shown(v, p),
  }));
}

/** Valid props with one of the mutations applied. */
export function invalid<P>(valid: fc.Arbitrary<P>, ...mutations: Mutation<P>[]) {
  return fc.tuple(valid, fc.oneof(...mutations)).map(([p, m]) => m(p));
}
