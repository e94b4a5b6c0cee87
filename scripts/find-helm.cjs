// Where the bench and its test look for helm: $HELM, else `helm` on the PATH, else the one that
// `node scripts/fetch-helm.mjs` fetched into node_modules/.cache/helm/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** The helm that `node scripts/fetch-helm.mjs` fetches. */
const CACHED_HELM = path.join(__dirname, '..', 'node_modules', '.cache', 'helm', 'helm');

/** The first helm that is a program, or undefined; with $HELM set, only that one counts. */
function findHelm(env = process.env) {
  const onPath = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'helm'));
  return (env.HELM ? [env.HELM] : [...onPath, CACHED_HELM]).find(isProgram);
}

function isProgram(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

module.exports = { CACHED_HELM, findHelm };
