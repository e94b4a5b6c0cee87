/** What decides the code of the compiled validators, besides the schemas: shared by compile.ts and the cache key. */

/**
 * Ajv's options. `verbose` gives each error the `data` it is about, which the messages show;
 * `inlineRefs: false` compiles each definition once, shared by every kind that refers to it.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: false,
  inlineRefs: false,
  code: { optimize: false, source: true },
} as const;

/** A Kubernetes resource quantity such as `500m`, `1Gi` or `1e3`. */
export const QUANTITY = /^[+-]?(?:\d+|\d+\.\d*|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
