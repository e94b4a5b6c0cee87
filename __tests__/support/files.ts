import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The project's root folder. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** A fresh, empty temporary folder. */
export function tempDir(prefix = 'cdk8s-webapp-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file below a folder, as relative path to content: a byte-for-byte picture of it. */
export function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = fs.readFileSync(file, 'base64');
  }
  return files;
}

/** Runs a TypeScript entry point the way `npm run synth` does, with extra environment variables. */
export function runEntry(entry: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, ['scripts/run-ts.mjs', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
