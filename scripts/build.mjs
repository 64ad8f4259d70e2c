// Builds the main-process bundles with esbuild and the renderer with Vite.
// Usage: node scripts/build.mjs [--main-only] [--if-missing]
//   --main-only   skip the renderer (the CLI needs only dist/main/cli.mjs)
//   --if-missing  build only when an output is absent (what `npm start` and bin/lakeshore do)
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const out = (p) => path.join(root, 'dist', p);

const mainTargets = [
  {
    entry: 'src-main/hosts/electron/main.ts',
    outfile: out('main/electron-main.cjs'),
    format: 'cjs',
  },
  // The preload runs sandboxed: one CommonJS file with everything but `electron` inlined
  // (`inline`).
  {
    entry: 'src-main/hosts/electron/preload.ts',
    outfile: out('main/preload.cjs'),
    format: 'cjs',
    inline: true,
  },
  { entry: 'src-main/hosts/web/main.ts', outfile: out('main/web.mjs'), format: 'esm' },
  // The CLI starts once per command: its dependencies are inlined, so Node reads one file
  // instead of resolving and loading hundreds (about 0.25 s → 0.13 s to the first request),
  // and it is CommonJS so that its launcher (cli.mjs) can run it through V8's code cache.
  { entry: 'src-main/cli/main.ts', outfile: out('main/cli.cjs'), format: 'cjs', inline: true },
  { entry: 'src-main/cli/launch.ts', outfile: out('main/cli.mjs'), format: 'esm' },
  // DuckDB runs on a worker thread of its own (src-main/query/queryEngine.ts starts it).
  {
    entry: 'src-main/query/duckdbWorker.ts',
    outfile: out('main/duckdb-worker.mjs'),
    format: 'esm',
    inline: true,
  },
];
const rendererIndex = out('renderer/index.html');

const missing = (file) => !existsSync(file);
const wantMain = args.has('--if-missing')
  ? mainTargets.filter((t) => missing(t.outfile))
  : mainTargets;
const wantRenderer =
  !args.has('--main-only') && (!args.has('--if-missing') || missing(rendererIndex));

await Promise.all(
  wantMain.map((t) =>
    build({
      entryPoints: [path.join(root, t.entry)],
      outfile: t.outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: t.format,
      sourcemap: true,
      logLevel: 'warning',
      // DuckDB is a native module: never bundled, loaded from node_modules (asarUnpack).
      ...(t.inline
        ? { external: ['electron', '@duckdb/node-api', '@duckdb/node-bindings*'] }
        : { packages: 'external' }),
      // ESM bundles get `require` for CommonJS dependencies; CommonJS bundles get `import.meta.url`.
      ...(t.format === 'esm'
        ? {
            banner: {
              js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
            },
          }
        : {
            banner: {
              js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
            },
            define: { 'import.meta.url': '__importMetaUrl' },
          }),
    }),
  ),
);

// One character above U+007F (esbuild keeps comments as written, and a regex or two) makes V8
// hold the whole bundle as a two-byte string: the CLI's 7.5 MB became 15 MB scanned and hashed as
// UTF-16 on every start (`CalculateLineEndsImpl<unsigned short>` in a callgrind profile).
// Escaped as `\uXXXX`, which means the same inside strings, templates, regular expressions and
// identifiers; measured with callgrind, `lakeshore --version` ran 10 % fewer instructions. Lines
// keep their numbers, so the source maps still point at the right line.
for (const { outfile } of wantMain) {
  const code = readFileSync(outfile, 'utf8');
  const ascii = code.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (ascii !== code) writeFileSync(outfile, ascii);
}

if (wantRenderer) {
  const vite = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
