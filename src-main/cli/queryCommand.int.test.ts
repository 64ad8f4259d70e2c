import type { ContainerClient } from '@azure/storage-blob';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { runCliCollecting } from '../../test/support/cliRun.js';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { deltaTableOrders, deltaTableRoot } from '../emulator/seed/deltaTable.js';
import { sampleFiles } from '../emulator/seed/sampleFiles.js';
import { put } from '../preview/testFixtures.js';

let container: ContainerClient;
let env: NodeJS.ProcessEnv;
const url = (p: string) => `${inject('azuriteBlobEndpoint')}/${container.containerName}/${p}`;
const cli = (argv: string[]) => runCliCollecting(argv, env);

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  env = {
    LAKESHORE_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'cli-query-')),
    LAKESHORE_DUCKDB_WORKER: process.env.LAKESHORE_DUCKDB_WORKER,
  };
  container = testBlobService().getContainerClient(uniqueContainerName('cli-query'));
  await container.create();
  for (const f of sampleFiles().filter((f) => f.path.startsWith('curated/')))
    await put(container, f.path, f.body);
  await put(container, 'quoted.csv', 'id,note\n1,"two\nlines"\n2,"a ""quote"", and comma"\n3,\n');
});

describe('lakeshore query', () => {
  it('prints a typed table with the row count', async () => {
    const r = await cli([
      'query',
      url('curated/sales/orders_2025q1.parquet'),
      'SELECT region, count(*) AS n FROM t GROUP BY region ORDER BY region LIMIT 2',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^region\s+n$/);
    expect(lines[1]).toMatch(/^VARCHAR\s+BIGINT$/);
    expect(lines[3]).toMatch(/^Central\s+\d+$/);
    expect(r.stdout).toMatch(/^2 rows in \d+ ms$/m);
  });

  it('--csv quotes fields holding newlines, quotes and commas; null is empty', async () => {
    const r = await cli(['query', url('quoted.csv'), 'SELECT * FROM t ORDER BY id', '--csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('id,note\r\n1,"two\nlines"\r\n2,"a ""quote"", and comma"\r\n3,\r\n');
  });

  it('--json on a Delta table at a version gives its rows and the source', async () => {
    const r = await cli([
      'query',
      url(deltaTableRoot),
      'SELECT count(*) AS n, sum(quantity) AS q FROM t',
      '--json',
      '--as-of',
      '1',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: unknown[][]; source: unknown; rowCount: number };
    const orders = deltaTableOrders(1);
    expect(out.rows).toEqual([[orders.length, orders.reduce((n, o) => n + o.quantity, 0)]]);
    expect(out.source).toEqual({ kind: 'delta', version: 1, latestVersion: 3, files: 3 });
  });

  it("fails with DuckDB's message and exit 1; usage errors exit 2", async () => {
    const bad = await cli(['query', url('quoted.csv'), 'SELEC 1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^lakeshore: InvalidInput: Parser Error: syntax error at or near "SELEC"/,
    );
    const both = await cli(['query', url('quoted.csv'), 'SELECT 1', '--json', '--csv']);
    expect(both.code).toBe(2);
    const version = await cli(['query', url('quoted.csv'), 'SELECT 1', '--as-of', 'x']);
    expect(version.code).toBe(2);
    const missing = await cli(['query', url('nothing.csv'), 'SELECT 1']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NotFound/);
  });

  it('--out saves every row to a local CSV file and to a Parquet blob; refuses to replace without --overwrite', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cli-query-out-'));
    const file = path.join(dir, 'quoted.csv');
    const local = await cli([
      'query',
      url('quoted.csv'),
      'SELECT * FROM t ORDER BY id',
      '--out',
      file,
    ]);
    expect(local.code).toBe(0);
    expect(local.stdout).toMatch(/^Saved 3 rows \(\d+ bytes of csv\) to .*quoted\.csv\n$/);
    expect(await readFile(file, 'utf8')).toBe(
      'id,note\n1,"two\nlines"\n2,"a ""quote"", and comma"\n3,\n',
    );
    const again = await cli(['query', url('quoted.csv'), 'SELECT 1', '--out', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /AlreadyExists: .*quoted\.csv exists; nothing was written.*\(--overwrite\)/,
    );
    const blob = await cli([
      'query',
      url('quoted.csv'),
      'SELECT count(*) AS n FROM t',
      '--out',
      url('results/count.parquet'),
      '--codec',
      'snappy',
      '--json',
    ]);
    expect(blob.code).toBe(0);
    expect(JSON.parse(blob.stdout)).toMatchObject({
      rowsWritten: 1,
      format: 'parquet',
      destination: `${container.containerName}/results/count.parquet`,
    });
    const back = await cli(['query', url('results/count.parquet'), 'SELECT n FROM t', '--csv']);
    expect(back.stdout).toBe('n\r\n3\r\n');
    // On a terminal, stderr says how far the save is and is cleared before the summary.
    const shown = await runCliCollecting(
      ['query', url('quoted.csv'), 'SELECT * FROM t', '--out', url('results/all.csv')],
      env,
      { stderrIsTTY: true },
    );
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr.startsWith('\rWriting csv')).toBe(true);
    expect(shown.stderr.split('\x1b[K')[0]).toMatch(/^\rWriting csv( \(\d+%\))?$/);
    expect(shown.stderr).toContain(
      `\rUploading to ${container.containerName}/results/all.csv: 0.0 of 0.0 MiB\x1b[K`,
    );
    expect(shown.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(shown.stdout).toMatch(/^Saved 3 rows \(\d+ bytes of csv\) to .*results\/all\.csv\n$/);
    const noFormat = await cli([
      'query',
      url('quoted.csv'),
      'SELECT 1',
      '--out',
      path.join(dir, 'x'),
    ]);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toMatch(/--out-format csv\|parquet/);
    const withCsv = await cli(['query', url('quoted.csv'), 'SELECT 1', '--out', file, '--csv']);
    expect(withCsv.code).toBe(2);
  });
});
