import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

let built: Promise<string> | undefined;

/**
 * Bundles src-main/query/duckdbWorker.ts as scripts/build.mjs does (DuckDB external) into a
 * folder of its own under node_modules/.cache (where the external package resolves) once per
 * test file, and points `LAKESHORE_DUCKDB_WORKER` at it, so the
 * query engine under test starts the same worker the app ships. Resolves to its path.
 */
export function useBuiltDuckdbWorker(): Promise<string> {
  built ??= (async () => {
    const cache = path.join(root, 'node_modules/.cache');
    mkdirSync(cache, { recursive: true });
    const outfile = path.join(mkdtempSync(path.join(cache, 'duckdb-worker-')), 'w.mjs');
    await build({
      entryPoints: [path.join(root, 'src-main/query/duckdbWorker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'warning',
    });
    process.env.LAKESHORE_DUCKDB_WORKER = outfile;
    return outfile;
  })();
  return built;
}
