import Ajv, { ValidateFunction, _ } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { loadKubernetesSchema } from './definitions';
import { AJV_OPTIONS, QUANTITY } from './options';
import { strictSchema } from './strict';

/**
 * The module whose `fullFormats` the generated code takes the ajv-formats formats from (`int32`,
 * `byte`, `date-time`...). The `quantity` format is a RegExp, which Ajv writes into the code.
 */
const FORMATS_MODULE = 'ajv-formats/dist/formats';

/** The validators of every served kind, compiled, and as the source of a CommonJS module. */
export interface CompiledValidators {
  /** `apiVersion kind` to the name of its validator in {@link validators}. */
  readonly kinds: Readonly<Record<string, string>>;
  /** The validators by name. */
  readonly validators: Readonly<Record<string, ValidateFunction>>;
  /** A module exporting `kinds` and the validators by name, with absolute `require` paths. */
  readonly code: string;
}

/**
 * Compiles one validator per kind a Kubernetes 1.27 API server serves from the strict schemas
 * (see `strictSchema`), sharing the code of the schemas they have in common, and writes
 * them as Ajv standalone code: one module that a later process loads with `require`, compiling
 * nothing.
 */
export function compileValidators(): CompiledValidators {
  const { kinds: byKind, schemas } = loadKubernetesSchema();
  const ajv = new Ajv({
    ...AJV_OPTIONS,
    code: { ...AJV_OPTIONS.code, formats: _`require(${FORMATS_MODULE}).fullFormats` },
  });
  addFormats(ajv);
  ajv.addFormat('quantity', QUANTITY);
  for (const [id, schema] of Object.entries(schemas)) ajv.addSchema(strictSchema(schema), id);
  const kinds: Record<string, string> = {};
  const exported: Record<string, string> = {};
  Object.entries(byKind).forEach(([kind, id], i) => {
    kinds[kind] = `v${i}`;
    exported[`v${i}`] = id;
  });
  const validators = Object.fromEntries(
    Object.entries(exported).map(([name, id]) => [name, ajv.getSchema(id)!]),
  );
  const code = `${localRequires(standaloneCode(ajv, exported))}\nexports.kinds = ${JSON.stringify(kinds)};\n`;
  return { kinds, validators, code };
}

/**
 * The generated code with its `require`s of Ajv's runtime and of the formats resolved to absolute
 * paths, so that the module loads from wherever it is kept.
 */
function localRequires(code: string): string {
  return code.replace(
    /require\("((?:ajv|ajv-formats)\/[^"]+)"\)/g,
    (_whole, module: string) => `require(${JSON.stringify(require.resolve(module))})`,
  );
}
