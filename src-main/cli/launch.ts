// The `lakeshore` binary (dist/main/cli.mjs, started by bin/lakeshore.mjs): runs the CLI bundle
// (dist/main/cli.cjs, built from main.ts) through V8's code cache.
//
// Node parses a 4.4 MiB bundle on every start: measured on the 2-core VM, `lakeshore --version`
// took 0.30–0.33 s of CPU against 0.11–0.13 s for `node -e 0`, 0.15 s of it compiling the
// bundle (`compileSourceTextModule` in a --cpu-prof). Node 20 has no compile cache for modules
// (module.enableCompileCache came with Node 22), but a `vm.Script` takes V8's cached data:
// with it the same command took 0.17–0.21 s. The cache is written beside the bundle once a
// command has run (so it holds the functions that command compiled too), replaced when the
// bundle or Node changes, and skipped where the folder is read-only (a packaged app).
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.cjs');
const cacheFile = `${bundle}.cache`;

/** What the cache was made from: the Node and V8 version and the bundle's size and mtime, ahead of V8's own, weaker, check of the source length. */
const source = readFileSync(bundle, 'utf8');
const { size, mtimeMs } = statSync(bundle);
const key = Buffer.from(`${process.version} ${process.versions.v8} ${size} ${mtimeMs}\n`);

/** The cached data kept for this key, if any. */
function readCache(): Buffer | undefined {
  try {
    const file = readFileSync(cacheFile);
    return file.subarray(0, key.length).equals(key) ? file.subarray(key.length) : undefined;
  } catch {
    return undefined;
  }
}

const cachedData = readCache();
const script = new Script(Module.wrap(source), {
  filename: bundle,
  ...(cachedData ? { cachedData } : {}),
});
if (!cachedData || script.cachedDataRejected) {
  // Written through a temporary name, so a command started meanwhile reads all of it or none.
  process.once('beforeExit', () => {
    const temporary = `${cacheFile}.${process.pid}`;
    try {
      writeFileSync(temporary, Buffer.concat([key, script.createCachedData()]));
      renameSync(temporary, cacheFile);
    } catch {
      // A read-only folder: the next start compiles the bundle again.
      rmSync(temporary, { force: true });
    }
  });
}
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(
  module.exports,
  module.exports,
  createRequire(bundle),
  module,
  bundle,
  path.dirname(bundle),
);
