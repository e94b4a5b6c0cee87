import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as net from 'net';

/** What a finished command left behind. */
export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link run}. */
export interface RunOptions {
  /** Environment variables added to (or, when undefined, removed from) this process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Text written to the command's standard input. */
  readonly input?: string;
  /** Run as this OS user, or as `<uid>:<gid>` (see {@link asUser}). */
  readonly user?: string;
  /** The working folder. */
  readonly cwd?: string;
}

/** The environment of this process with some variables added or removed. */
export function withEnv(
  extra: Readonly<Record<string, string | undefined>> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Whether this process runs as root, so programs that refuse root must run as another user. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The uid and primary gid of an OS user, or of `<uid>:<gid>` (IDs that need no entry in
 * /etc/passwd, as a pod's `runAsUser` and `runAsGroup`), or undefined when this process cannot
 * switch users.
 */
export function userIds(user: string): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const numeric = /^(\d+):(\d+)$/.exec(user);
  if (numeric) return { uid: Number(numeric[1]), gid: Number(numeric[2]) };
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A command and its arguments, made to run as `user` (a name, with its primary group and its
 * supplementary groups, or `<uid>:<gid>` with no other group) when this process is root;
 * `setpriv` execs the program, so the child's pid is the program's own.
 */
export function asUser(
  user: string | undefined,
  command: string,
  args: readonly string[],
): [string, string[]] {
  const ids = user ? userIds(user) : undefined;
  if (!ids) return [command, [...args]];
  const groups = /^\d+:\d+$/.test(user ?? '') ? '--clear-groups' : '--init-groups';
  const setpriv = ['--reuid', String(ids.uid), '--regid', String(ids.gid), groups];
  return ['setpriv', [...setpriv, '--', command, ...args]];
}

/** Runs a command to completion without blocking the event loop (servers in this process keep answering). */
export function run(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const [cmd, argv] = asUser(options.user, command, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      env: withEnv(options.env),
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    // A command may exit without reading its input: that is its answer, not an error here.
    child.stdin?.on('error', () => undefined).end(options.input);
  });
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is released for the caller to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `check` until it returns a value other than `undefined` (or stops throwing), at most
 * `timeoutMs`; then fails with the last error. For waiting on real programs, never as an assertion on time.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 20000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const reason = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A long-running program started by a test, with its output kept for failure messages. */
export interface Server {
  readonly process: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Whether it has exited. */
  exited(): boolean;
  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Starts a long-running program (as `user` when given and this process is root). */
export function startServer(
  command: string,
  args: readonly string[],
  options: { env?: Readonly<Record<string, string | undefined>>; user?: string } = {},
): Server {
  const [cmd, argv] = asUser(options.user, command, args);
  const child = spawn(cmd, argv, { env: withEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let done = false;
  const exit = new Promise<void>((resolve) => {
    child.on('exit', () => {
      done = true;
      resolve();
    });
    child.on('error', (error) => {
      output += `\n${error.message}`;
      done = true;
      resolve();
    });
  });
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  return {
    process: child,
    output: () => output,
    exited: () => done,
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10000) {
      if (done) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Runs every clean-up step, even when one fails, then reports the first failure. */
export async function stopAll(
  steps: readonly (() => Promise<unknown> | undefined)[],
): Promise<void> {
  const errors: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}
