import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Jest's global setup and teardown: the run gets one temporary folder of its own as `TMPDIR`,
 * which the workers and every program the tests start inherit, and which is removed when the run
 * ends. So the folders the tests make (and those cdk8s' `Testing.app()` makes, one per app,
 * never removed) do not pile up in the system's temporary folder.
 */
const VARIABLE = 'CDK8S_WEBAPP_TEST_TMPDIR';

export async function setup(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-webapp-jest-'));
  // Like /tmp: programs the tests run as other users (PostgreSQL, a pod's user) make files here.
  fs.chmodSync(root, 0o1777);
  process.env[VARIABLE] = root;
  process.env.TMPDIR = root;
}

export async function teardown(): Promise<void> {
  const root = process.env[VARIABLE];
  if (root) fs.rmSync(root, { recursive: true, force: true });
}
