'use strict';
/**
 * Loads the CLI bundle's CommonJS files (dist-cli/*.cjs, cli/build.mjs) with V8's code cache, so a
 * run does not parse and compile again what the last run compiled. Node 20 keeps no compile cache of
 * its own (module.enableCompileCache is Node ≥ 22.1), so this is the one thing vm.Script offers:
 * `cachedData`, written next to the file (`<file>.v8cache`) when a run found none or V8 refused it.
 *
 * V8 checks its version and flags but, of the source, only the length; each cache therefore starts
 * with a line naming the source's size and mtime and the Node version, and is used only when they
 * match. A cache that cannot be written (a read-only install) is simply not written.
 * BUDGET_WORKBENCH_CODE_CACHE=off neither reads nor writes one (to measure without it).
 *
 * Copied into dist-cli/ by the build: cli/bin.mjs and the bundles require it from there, so one
 * instance sees every file loaded. Caches are written by `save`: cli/bin.mjs calls it at exit (a
 * worker thread of `check DIR` never does; requiring node:worker_threads here to ask would cost
 * every start a few ms).
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');
const { isAscii } = require('node:buffer');

const enabled = process.env.BUDGET_WORKBENCH_CODE_CACHE !== 'off';
/** file → { module, script, stamp, fromCache, stale } */
const loaded = new Map();

const cacheFileOf = (file) => `${file}.v8cache`;
const stampOf = (stat) => `${stat.size}:${stat.mtimeMs}:${process.version}:${process.arch}\n`;

function readCache(file, stamp) {
  if (!enabled) return undefined;
  let bytes;
  try {
    bytes = fs.readFileSync(cacheFileOf(file));
  } catch {
    return undefined;
  }
  const eol = bytes.indexOf(10);
  return eol > 0 && bytes.subarray(0, eol + 1).toString('latin1') === stamp ? bytes.subarray(eol + 1) : undefined;
}

/**
 * A bundle's text. ASCII (cli/build.mjs writes main.cjs so) is decoded as Latin-1, into a one-byte
 * string at memcpy speed; UTF-8 with Chinese in it decodes to a two-byte string, ~10 ms for main.cjs.
 */
const sourceText = (bytes) => (isAscii?.(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));

/** The exports of a CommonJS file, evaluated once per thread. */
function load(target) {
  const file = path.resolve(target);
  const known = loaded.get(file);
  if (known) return known.module.exports;
  const fd = fs.openSync(file, 'r');
  let source;
  let stamp;
  try {
    stamp = stampOf(fs.fstatSync(fd));
    source = sourceText(fs.readFileSync(fd));
  } finally {
    fs.closeSync(fd);
  }
  const cachedData = readCache(file, stamp);
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  const module = { exports: {}, id: file, filename: file, loaded: false };
  const fromCache = cachedData !== undefined && script.cachedDataRejected !== true;
  loaded.set(file, { module, script, stamp, fromCache, stale: !fromCache });
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

/** Writes the cache of every file loaded whose cache was missing or refused (all with `force`). */
function save(force = false) {
  if (!enabled) return;
  for (const [file, entry] of loaded) {
    if (!force && !entry.stale) continue;
    const target = cacheFileOf(file);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      // A read-only install: not even the cache's bytes are made.
      fs.accessSync(path.dirname(target), fs.constants.W_OK);
      // After the run: the cache then holds the functions this run compiled, not only the top level.
      fs.writeFileSync(temp, Buffer.concat([Buffer.from(entry.stamp, 'latin1'), entry.script.createCachedData()]));
      fs.renameSync(temp, target);
      entry.stale = false;
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        /* nothing to clean */
      }
    }
  }
}

/** The bundle files this thread has loaded (base names, in load order) and whether V8 took their cache. */
const loadedFiles = () => [...loaded].map(([f, e]) => ({ name: path.basename(f), fromCache: e.fromCache }));

module.exports = { load, save, loadedFiles };
