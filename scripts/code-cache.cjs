// A V8 code cache for the CommonJS modules of one process (Node 20 has no
// `module.enableCompileCache`, which Node 22 adds): each module is compiled with the cache kept
// for its path and content in `.build/code-cache/` (one file per module: a new content replaces
// the cache of the old one), and a module whose cache was missing or
// refused gets a new one written when the process exits, so that it also holds the functions
// the run compiled lazily (the gate's validators, most of the program). The `v8-compile-cache`
// package writes its cache right after compiling, before those functions exist, and so leaves
// them to be compiled again on every run.
//
//   require('./code-cache.cjs').install(cacheDir)
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** Compiles every CommonJS module loaded from now on with a code cache kept in `dir`. */
function install(dir) {
  const fresh = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    const file = path.join(dir, `${hash(filename)}-${hash(content)}.bin`);
    const cachedData = readIfExists(file);
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      return compile.call(this, content, filename); // let Node report the syntax error its way
    }
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ file, script });
    const wrapper = script.runInThisContext({ displayErrors: true });
    const require = Module.createRequire(filename);
    return wrapper.call(
      this.exports,
      this.exports,
      require,
      this,
      filename,
      path.dirname(filename),
    );
  };
  process.once('exit', () => {
    for (const { file, script } of fresh) replaceCache(file, script.createCachedData());
  });
}

function hash(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function readIfExists(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes a module's cache, atomically, and removes the caches of its earlier contents. */
function replaceCache(file, data) {
  const dir = path.dirname(file);
  const module = path.basename(file).split('-')[0];
  const temp = `${file}.${process.pid}`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
    for (const old of fs.readdirSync(dir)) {
      if (old.startsWith(`${module}-`) && old.endsWith('.bin') && path.join(dir, old) !== file) {
        fs.rmSync(path.join(dir, old), { force: true });
      }
    }
  } catch {
    // A cache that cannot be written only costs the next run its compile time; its half-written
    // file goes.
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The folder cannot be written at all: nothing was left behind.
    }
  }
}

module.exports = { install };
