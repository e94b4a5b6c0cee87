import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { ValidateFunction } from 'ajv';

/**
 * An on-disk cache of validators that Ajv generated as standalone CommonJS code, so that a later
 * process loads ready JavaScript instead of compiling the schemas again.
 *
 * Each entry is one file: a first line `// sha256:<hex>` with the hash of the code that follows.
 * A file is written beside its final name and renamed into place, so processes running in
 * parallel never read half of one; an entry that cannot be read, whose hash does not match or
 * whose code does not evaluate to a function counts as missing, and the caller rebuilds it.
 * Naming an entry after everything that decides its code is the caller's job.
 */

const HEADER = '// sha256:';

/**
 * Loads a validator written by {@link writeValidator}.
 *
 * The code runs with this module's `require`, so the Ajv runtime helpers and formats it refers
 * to resolve from the project wherever the cache lives.
 *
 * @returns the validator, or `undefined` when the entry is missing, unreadable or corrupt
 */
export function readValidator(file: string): ValidateFunction | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  const code = text.slice(newline + 1);
  if (newline < 0 || text.slice(0, newline) !== `${HEADER}${sha256(code)}`) return undefined;
  try {
    const module = { exports: {} as unknown };
    new Function('require', 'module', 'exports', code)(require, module, module.exports);
    return typeof module.exports === 'function' ? (module.exports as ValidateFunction) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores a validator's standalone code atomically. Failing to write (a read-only
 * `node_modules`, a full disk) is not an error: the next run compiles again.
 */
export function writeValidator(file: string, code: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, `${HEADER}${sha256(code)}\n${code}`);
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing more to do: a stray temporary file is never read.
    }
  }
}

/** The SHA-256 of a text, in hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
