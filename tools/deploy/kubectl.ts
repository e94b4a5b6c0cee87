import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { KubectlCommand } from './commands';

/** What a kubectl run ended with. */
export interface KubectlResult {
  /** The exit code; -1 when it could not be started or was stopped. */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A kubectl run under way. */
export interface RunningKubectl {
  /** Resolves once it has exited. */
  readonly result: Promise<KubectlResult>;
  /** Stops it (when a racing wait has already answered). */
  readonly stop: () => void;
}

/** The first executable `kubectl` on a PATH, or undefined. */
export function findKubectl(searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? '').split(path.delimiter).filter((d) => d !== '')) {
    const candidate = path.join(dir, 'kubectl');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Starts kubectl with a command's arguments and environment; the command's objects go to its
 * stdin as a stream of JSON documents (which is YAML).
 */
/** The kubectl processes running now, so that an interrupted deploy can stop them. */
const running = new Set<ChildProcess>();

/** Stops every kubectl this process started that is still running. */
export function stopAllKubectl(): void {
  for (const child of running) child.kill();
}

export function startKubectl(
  kubectl: string,
  command: KubectlCommand,
  env: NodeJS.ProcessEnv,
): RunningKubectl {
  let child: ChildProcess | undefined;
  const result = new Promise<KubectlResult>((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child = spawn(kubectl, [...command.args], { env: { ...env, ...command.env }, stdio: 'pipe' });
    const started = child;
    running.add(started);
    started.on('close', () => running.delete(started));
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    child.on('error', (error) =>
      resolve({ status: -1, stdout: text(stdout), stderr: error.message }),
    );
    child.on('close', (code) =>
      resolve({ status: code ?? -1, stdout: text(stdout), stderr: text(stderr) }),
    );
    child.stdin!.on('error', () => undefined); // kubectl may exit before reading everything
    child.stdin!.end((command.input ?? []).map((o) => JSON.stringify(o.raw)).join('\n---\n'));
  });
  return { result, stop: () => child?.kill() };
}

/** Runs kubectl to the end. */
export function runKubectl(
  kubectl: string,
  command: KubectlCommand,
  env: NodeJS.ProcessEnv,
): Promise<KubectlResult> {
  return startKubectl(kubectl, command, env).result;
}
