import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, snapshotDir, tempDir } from './files';

/** What a copy leaves out: installed packages (linked instead), git, caches and build output. */
const LEFT_OUT = new Set(['node_modules', '.git', '.build', 'lib', 'coverage', 'diagram']);

/**
 * A throw-away copy of this project in a fresh temporary folder, with our node_modules linked in:
 * commands that would destroy a project are tried on it, never on the real one.
 */
export function projectCopy(): string {
  const copy = path.join(tempDir('cdk8s-webapp-project-'), 'project');
  fs.cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(path.relative(ROOT, source).split(path.sep)[0]),
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  fs.writeFileSync(path.join(copy, 'NOTES.txt'), 'uncommitted work\n');
  return copy;
}

/** The project's files (not node_modules or .build), byte for byte. */
export function projectFiles(project: string): Record<string, string> {
  const files = snapshotDir(project);
  return Object.fromEntries(
    Object.entries(files).filter(([file]) => !/^(node_modules|\.build)(\/|$)/.test(file)),
  );
}

/** Runs a command in a project, with extra environment variables. */
export function runIn(
  project: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
) {
  const result = spawnSync(command, args, {
    cwd: project,
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
