import type { ContainerClient } from '@azure/storage-blob';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { deltaTableOrders, deltaTableRoot } from '../emulator/seed/deltaTable.js';
import { sampleFiles } from '../emulator/seed/sampleFiles.js';
import { previewBlob } from '../preview/previewBlob.js';
import { put } from '../preview/testFixtures.js';
import type { LakeFailure } from '../storage/toLakeError.js';
import { createQueryEngine, type QueryEngine } from './queryEngine.js';
import { createRecentViews } from './recentViews.js';
import { runQuery, type QueryDeps } from './runQuery.js';
import { openSourceCache, type SourceCache } from './sourceCache.js';

let container: ContainerClient;
let engine: QueryEngine;
let deps: QueryDeps;
let local: DuckDBConnection;
let localDir: string;
const samples = sampleFiles();
const sample = (p: string) => samples.find((f) => f.path === p)!.body;

/** Rows of `sql` run by a DuckDB of the test's own, over local files: the independent reader. */
async function duck(sql: string): Promise<unknown[][]> {
  const reader = await local.runAndReadAll(sql);
  return reader.getRowsJson();
}

/** Cells as the worker gives them (numbers as numbers, the rest as JSON text). */
const asCells = (rows: unknown[][]) =>
  rows.map((r) =>
    r.map((c) =>
      typeof c === 'string' && /^-?\d+$/.test(c) && Number.isSafeInteger(Number(c)) ? Number(c) : c,
    ),
  );

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  container = testBlobService().getContainerClient(uniqueContainerName('query'));
  await container.create();
  for (const f of samples.filter((f) => !f.path.startsWith('many/')))
    await put(container, f.path, f.body);
  localDir = await mkdtemp(path.join(os.tmpdir(), 'query-local-'));
  for (const p of [
    'curated/sales/orders_2025q1.parquet',
    'raw/sales/2025/01/orders.csv',
    'raw/events/2025-01-15.ndjson',
    'raw/sales/2025/02/returns.tsv',
  ]) {
    await mkdir(path.dirname(path.join(localDir, p)), { recursive: true });
    await writeFile(path.join(localDir, p), sample(p));
  }
  local = await (await DuckDBInstance.create(':memory:')).connect();
  // A hive-partitioned folder written by DuckDB itself, uploaded file by file.
  const hive = path.join(localDir, 'hive');
  await local.run(
    `COPY (SELECT range AS id, 2024 + range % 2 AS year, range % 3 AS part, 'v' || range AS label FROM range(300)) TO '${hive}' (FORMAT parquet, PARTITION_BY (year, part))`,
  );
  for (const entry of await readdir(hive, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    await put(container, `lake/${path.relative(localDir, full)}`, await readFile(full));
  }
  engine = createQueryEngine({ memoryLimitMiB: 512, threads: 2 });
  deps = {
    engine,
    cache: await openSourceCache(
      await mkdtemp(path.join(os.tmpdir(), 'query-cache-')),
      64 * 1024 * 1024,
    ),
  };
});
afterAll(() => engine?.close());

describe('runQuery over files on Azurite', () => {
  it('a Parquet file gives the rows DuckDB reads from the same local file', async () => {
    const p = 'curated/sales/orders_2025q1.parquet';
    const sql = 'SELECT * FROM t ORDER BY order_id';
    const answer = await runQuery(deps, container, p, sql, { maxRows: 10_000 });
    const expected = await duck(
      sql.replace('FROM t', `FROM read_parquet('${path.join(localDir, p)}')`),
    );
    expect(answer.result.rowCount).toBe(expected.length);
    expect(answer.result.rows).toEqual(asCells(expected));
    expect(answer.result.columns.map((c) => c.name)).toEqual([
      'order_id',
      'order_date',
      'region',
      'product',
      'quantity',
      'unit_price',
      'shipped',
    ]);
    expect(answer.source.kind).toBe('file');
  });

  it("a CSV file matches DuckDB's local read and the preview's own rows", async () => {
    const p = 'raw/sales/2025/01/orders.csv';
    const answer = await runQuery(deps, container, p, 'SELECT * FROM t', { maxRows: 10_000 });
    const expected = await duck(
      `SELECT * FROM read_csv(['${path.join(localDir, p)}'], hive_partitioning = false, union_by_name = true)`,
    );
    expect(answer.result.rows).toEqual(asCells(expected));
    const preview = await previewBlob(container.getBlobClient(p), { maxRows: 1000 });
    if (preview.kind !== 'table') throw new Error('expected a table preview');
    expect(answer.result.columns.map((c) => c.name)).toEqual(preview.columns.map((c) => c.name));
    expect(answer.result.rowCount).toBe(preview.rows.length);
    // Cell by cell as text: the preview keeps the field text, DuckDB types it.
    const asText = (rows: unknown[][]) => rows.map((r) => r.map((c) => String(c)));
    const orderIds = (rows: unknown[][]) => asText(rows).map((r) => r[0]);
    expect(orderIds(answer.result.rows)).toEqual(orderIds(preview.rows));
  });

  it('TSV and NDJSON files are read with their own formats', async () => {
    const tsv = await runQuery(
      deps,
      container,
      'raw/sales/2025/02/returns.tsv',
      'SELECT count(*) AS n, sum(quantity) AS q FROM t',
      { maxRows: 1 },
    );
    expect(tsv.result.rows).toEqual(
      asCells(
        await duck(
          `SELECT count(*), sum(quantity) FROM read_csv('${path.join(localDir, 'raw/sales/2025/02/returns.tsv')}', delim = '\t')`,
        ),
      ),
    );
    expect(tsv.result.rows[0]![0]).toBe(25);
    const nd = await runQuery(
      deps,
      container,
      'raw/events/2025-01-15.ndjson',
      'SELECT kind, count(*) AS n FROM t GROUP BY kind ORDER BY kind',
      { maxRows: 10 },
    );
    expect(nd.result.rows).toEqual(
      asCells(
        await duck(
          `SELECT kind, count(*) FROM read_json('${path.join(localDir, 'raw/events/2025-01-15.ndjson')}') GROUP BY kind ORDER BY kind`,
        ),
      ),
    );
  });

  it('a folder of CSVs is one table, without _SUCCESS, _temporary or mixed formats', async () => {
    await put(container, 'csvs/a.csv', 'id,name\n1,"one, with comma"\n2,two\n');
    await put(container, 'csvs/sub/b.csv', 'id,name\n3,three\n');
    await put(container, 'csvs/_SUCCESS', '');
    await put(container, 'csvs/_temporary/c.csv', 'id,name\n99,partial\n');
    const folder = await runQuery(deps, container, 'csvs', 'SELECT id, name FROM t ORDER BY id', {
      maxRows: 10,
    });
    expect(folder.source.kind).toBe('folder');
    expect(folder.result.rows).toEqual([
      [1, 'one, with comma'],
      [2, 'two'],
      [3, 'three'],
    ]);
    const mixed = await runQuery(deps, container, 'raw/sales/2025/', 'SELECT 1', {
      maxRows: 1,
    }).catch((e: LakeFailure) => e.error.message);
    expect(mixed).toMatch(/several formats \((csv, tsv|tsv, csv)\)/);
  });

  it('a hive-partitioned folder gives its keys as columns, as DuckDB over the local tree', async () => {
    const sql = 'SELECT year, part, count(*) AS n, sum(id) AS s FROM t GROUP BY ALL ORDER BY ALL';
    const answer = await runQuery(deps, container, 'lake/hive', sql, { maxRows: 100 });
    const expected = await duck(
      sql.replace(
        'FROM t',
        `FROM read_parquet('${path.join(localDir, 'hive')}/**/*.parquet', hive_partitioning = true)`,
      ),
    );
    expect(answer.result.rows).toEqual(asCells(expected));
    expect(answer.result.rows).toHaveLength(6);
  });

  it.each([0, 1, 2, 3])(
    'the Delta table at version %i holds exactly its rows (checkpoint at 2)',
    async (v) => {
      const answer = await runQuery(
        deps,
        container,
        deltaTableRoot,
        'SELECT order_id, region, quantity, shipped, month FROM t ORDER BY order_id',
        { version: v, maxRows: 10_000 },
      );
      const expected = deltaTableOrders(v)
        .sort((a, b) => a.orderId - b.orderId)
        .map((o) => [o.orderId, o.region, o.quantity, o.shipped, o.month]);
      expect(answer.result.rows).toEqual(expected);
      expect(answer.result.columns.find((c) => c.name === 'month')?.sqlType).toBe('INTEGER');
      expect(answer.source).toMatchObject({ kind: 'delta', version: v, latestVersion: 3 });
    },
  );

  it('refuses a folder of mixed formats, an unknown extension, and --version on a file', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: LakeFailure) => e.error.code + ': ' + e.error.message,
      );
    expect(await code(runQuery(deps, container, 'raw/', 'SELECT 1', { maxRows: 1 }))).toMatch(
      /^InvalidInput: .*several formats/,
    );
    expect(
      await code(runQuery(deps, container, 'images/lake.png', 'SELECT 1', { maxRows: 1 })),
    ).toMatch(/^InvalidInput: .*not a file a query reads/);
    expect(
      await code(
        runQuery(deps, container, 'curated/sales/orders_2025q1.parquet', 'SELECT 1', {
          version: 1,
          maxRows: 1,
        }),
      ),
    ).toMatch(/^InvalidInput: A version is for Delta/);
    expect(
      await code(runQuery(deps, container, 'nothing/here', 'SELECT 1', { maxRows: 1 })),
    ).toMatch(/^NotFound/);
    expect(
      await code(
        runQuery(deps, container, 'curated/sales/orders_2025q1.parquet', 'SELECT nope FROM t', {
          maxRows: 1,
        }),
      ),
    ).toMatch(/^InvalidInput: Binder Error: .*nope[\s\S]*LINE 1/);
  });
});

describe('the query cache', () => {
  it('serves a second query from the cache and fetches a blob again once its ETag changed', async () => {
    const cache = await openSourceCache(
      await mkdtemp(path.join(os.tmpdir(), 'query-cache-')),
      1024 * 1024,
    );
    const d = { engine, cache };
    await put(container, 'cache/a.csv', 'x,y\n1,2\n');
    const first = await runQuery(d, container, 'cache/a.csv', 'SELECT sum(x + y) AS s FROM t', {
      maxRows: 1,
    });
    expect(first.cache).toMatchObject({ fetched: 1, hits: 0 });
    const second = await runQuery(d, container, 'cache/a.csv', 'SELECT sum(x + y) AS s FROM t', {
      maxRows: 1,
    });
    expect(second.cache).toMatchObject({ fetched: 0, hits: 1 });
    expect(second.result.rows).toEqual([[3]]);
    await put(container, 'cache/a.csv', 'x,y\n10,20\n');
    const third = await runQuery(d, container, 'cache/a.csv', 'SELECT sum(x + y) AS s FROM t', {
      maxRows: 1,
    });
    expect(third.cache).toMatchObject({ fetched: 1, hits: 0 });
    expect(third.result.rows).toEqual([[30]]);
  });

  it('a repeated query starts over the view it last had, and a blob changed meanwhile is queried as it is now', async () => {
    const cache = await openSourceCache(
      await mkdtemp(path.join(os.tmpdir(), 'query-cache-')),
      1024 * 1024,
    );
    const runs: string[][] = [];
    const counted: QueryEngine = {
      run: (statements, options) => {
        runs.push(statements);
        return engine.run(statements, options);
      },
      close: () => engine.close(),
    };
    const d = { engine: counted, cache, recent: createRecentViews() };
    const sum = () =>
      runQuery(d, container, 'early/a.csv', 'SELECT sum(x + y) AS s FROM t', { maxRows: 1 });
    await put(container, 'early/a.csv', 'x,y\n1,2\n');
    expect((await sum()).result.rows).toEqual([[3]]);
    expect(runs).toHaveLength(1);

    const again = await sum();
    expect(again.result.rows).toEqual([[3]]);
    expect(again.cache).toMatchObject({ fetched: 0, hits: 1 });
    expect(runs).toHaveLength(2);
    expect(runs[1]).toEqual(runs[0]);

    await put(container, 'early/a.csv', 'x,y\n10,20\n');
    const changed = await sum();
    expect(changed.result.rows).toEqual([[30]]);
    expect(changed.cache).toMatchObject({ fetched: 1, hits: 0 });
    expect(runs).toHaveLength(4);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[3]![0]).not.toEqual(runs[0]![0]);

    // A statement that writes runs once, never early.
    const copied = path.join(await mkdtemp(path.join(os.tmpdir(), 'query-copy-')), 'x.csv');
    await runQuery(d, container, 'early/a.csv', `COPY t TO '${copied}'`, { maxRows: 1 });
    expect(runs).toHaveLength(5);
    expect(await readFile(copied, 'utf8')).toBe('x,y\n10,20\n');

    await expect(
      runQuery(d, container, 'early/a.csv', 'SELECT nope FROM t', { maxRows: 1 }),
    ).rejects.toMatchObject({
      error: { code: 'InvalidInput', message: /Referenced column "nope"/ },
    });
  });

  it('evicts the least recently used files to stay within its size and refuses a source larger than it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'query-cache-'));
    const body = (n: number) => `v\n${String(n).repeat(400)}\n`;
    for (const n of [1, 2, 3]) await put(container, `lru/f${n}.csv`, body(n));
    const size = Buffer.byteLength(body(1));
    const cache = await openSourceCache(dir, size * 2 + 10);
    const d = { engine, cache };
    const q = (n: number) =>
      runQuery(d, container, `lru/f${n}.csv`, 'SELECT length(v::VARCHAR) FROM t', { maxRows: 1 });
    await q(1);
    await q(2);
    await q(1); // f1 is now more recent than f2
    const third = await q(3); // evicts f2
    expect(third.cache.fetched).toBe(1);
    expect(cache.usedBytes()).toBe(size * 2);
    expect((await q(1)).cache.hits).toBe(1);
    expect((await q(2)).cache.fetched).toBe(1);
    // The index survives: a cache opened again on the folder still holds the two newest.
    const reopened = await openSourceCache(dir, size * 2 + 10);
    expect(reopened.usedBytes()).toBe(size * 2);
    const tooBig = await runQuery(d, container, 'lru/', 'SELECT 1', { maxRows: 1 }).catch(
      (e: LakeFailure) => e.error,
    );
    expect(tooBig).toMatchObject({ code: 'InvalidInput' });
    expect((tooBig as { message: string }).message).toMatch(/more than the query cache holds/);
  });

  it("writes a hit's use time to the index once its query is done, so a cache opened again evicts by it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'query-cache-'));
    const body = (n: number) => `v\n${String(n).repeat(400)}\n`;
    for (const n of [1, 2, 3]) await put(container, `used/f${n}.csv`, body(n));
    const room = Buffer.byteLength(body(1)) * 2 + 10;
    const q = (cache: SourceCache, n: number) =>
      runQuery({ engine, cache }, container, `used/f${n}.csv`, 'SELECT count(*) FROM t', {
        maxRows: 1,
      });
    const cache = await openSourceCache(dir, room);
    await q(cache, 1);
    await q(cache, 2);
    expect((await q(cache, 1)).cache.hits).toBe(1);
    const lastUsed = async (name: string) => {
      const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as {
        entries: { file: string; lastUsed: number }[];
      };
      return index.entries.find((e) => e.file.endsWith(name))!.lastUsed;
    };
    await vi.waitFor(async () =>
      expect(await lastUsed('f1.csv')).toBeGreaterThan(await lastUsed('f2.csv')),
    );
    const reopened = await openSourceCache(dir, room);
    expect((await q(reopened, 3)).cache.fetched).toBe(1);
    expect((await q(reopened, 1)).cache.hits).toBe(1);
    expect((await q(reopened, 2)).cache.fetched).toBe(1);
  });
});
