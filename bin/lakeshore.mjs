#!/usr/bin/env node
// The `lakeshore` CLI: builds dist/main/cli.mjs (the launcher) and cli.cjs (the bundle) on first
// use, then runs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/main/cli.mjs');
if (!existsSync(cli) || !existsSync(path.join(root, 'dist/main/cli.cjs'))) {
  const built = spawnSync(
    process.execPath,
    [path.join(root, 'scripts/build.mjs'), '--main-only', '--if-missing'],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(cli).href);
