import type { ContainerClient } from '@azure/storage-blob';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { startTwoAccounts, type TwoAccounts } from '../../test/support/twoAccounts.js';
import { put } from '../preview/testFixtures.js';
import { toLakeError, type LakeFailure } from '../storage/toLakeError.js';
import { convertFile } from './convertFile.js';
import { createQueryEngine, type QueryEngine } from './queryEngine.js';
import type { QueryDeps } from './runQuery.js';
import { saveQueryResult } from './saveQueryResult.js';
import { openSourceCache } from './sourceCache.js';

let source: ContainerClient;
let engine: QueryEngine;
let deps: QueryDeps;
let local: DuckDBConnection;
let folder: string;
let accounts: TwoAccounts;

// A BOM, a quoted newline, quotes, empty fields and a row whose id is not a number.
const csv =
  '\ufeffid,name,amount\r\n' +
  '1,"two\nlines",1.5\r\n' +
  '2,,2.5\r\n' +
  'x,bad id,3\r\n' +
  '4,"say ""hi""",\r\n';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: LakeFailure) => e.error.code,
  );

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  source = testBlobService().getContainerClient(uniqueContainerName('save-from'));
  await source.create();
  await put(source, 'in/orders.csv', '\ufeffid,name,amount\r\n1,"two\nlines",1.5\r\n2,,2.5\r\n');
  await put(
    source,
    'in/big.csv',
    `n\n${Array.from({ length: 200_000 }, (_, i) => i).join('\n')}\n`,
  );
  engine = createQueryEngine({ memoryLimitMiB: 256, threads: 2 });
  deps = {
    engine,
    cache: await openSourceCache(
      await mkdtemp(path.join(os.tmpdir(), 'save-cache-')),
      64 * 1024 * 1024,
    ),
  };
  local = await (await DuckDBInstance.create(':memory:')).connect();
  folder = await mkdtemp(path.join(os.tmpdir(), 'save-out-'));
  accounts = await startTwoAccounts();
}, 60_000);
afterAll(async () => {
  await engine?.close();
  await accounts?.stop();
});

const rows = async (sql: string) => (await local.runAndReadAll(sql)).getRowsJson();

describe('saveQueryResult', () => {
  it('writes the whole result as CSV to a local file, quoted newline and empty field kept', async () => {
    const file = path.join(folder, 'orders.csv');
    const report = await saveQueryResult(
      deps,
      source,
      'in/orders.csv',
      'SELECT * FROM t ORDER BY id;',
      { kind: 'local', file },
      { format: 'csv' },
    );
    expect(report.rowsWritten).toBe(2);
    const text = await readFile(file, 'utf8');
    expect(text).toBe('id,name,amount\n1,"two\nlines",1.5\n2,,2.5\n');
    expect(report.bytes).toBe(Buffer.byteLength(text));
    expect(await readdir(folder)).toEqual(['orders.csv']);
  });

  it('writes Parquet (snappy) whose rows DuckDB reads back equal to the query over the CSV', async () => {
    const file = path.join(folder, 'sum.parquet');
    const report = await saveQueryResult(
      deps,
      source,
      'in/big.csv',
      'SELECT n % 7 AS k, count(*) AS c, sum(n)::BIGINT AS s FROM t GROUP BY k ORDER BY k',
      { kind: 'local', file },
      { format: 'parquet', codec: 'snappy' },
    );
    expect(report.rowsWritten).toBe(7);
    const csvFile = path.join(folder, 'big-source.csv');
    await writeFile(csvFile, await source.getBlobClient('in/big.csv').downloadToBuffer());
    expect(await rows(`SELECT * FROM read_parquet('${file}') ORDER BY k`)).toEqual(
      await rows(
        `SELECT n % 7 AS k, count(*) AS c, sum(n)::BIGINT AS s FROM read_csv('${csvFile}') GROUP BY k ORDER BY k`,
      ),
    );
    expect(await rows(`SELECT DISTINCT compression FROM parquet_metadata('${file}')`)).toEqual([
      ['SNAPPY'],
    ]);
  });

  it('refuses an existing file without overwrite, a missing folder, and a query DuckDB rejects; nothing is left', async () => {
    const file = path.join(folder, 'orders.csv');
    expect(
      await code(
        saveQueryResult(
          deps,
          source,
          'in/orders.csv',
          'SELECT 1',
          { kind: 'local', file },
          {
            format: 'csv',
          },
        ),
      ),
    ).toBe('AlreadyExists');
    expect(await readFile(file, 'utf8')).toMatch(/^id,name,amount\n/);
    expect(
      await code(
        saveQueryResult(
          deps,
          source,
          'in/orders.csv',
          'SELECT 1',
          { kind: 'local', file: path.join(folder, 'no/such/x.csv') },
          { format: 'csv' },
        ),
      ),
    ).toBe('NotFound');
    const bad = path.join(folder, 'bad.csv');
    const e = (await saveQueryResult(
      deps,
      source,
      'in/orders.csv',
      'SELECT nope FROM t',
      { kind: 'local', file: bad },
      { format: 'csv' },
    ).catch((x: unknown) => x)) as LakeFailure;
    expect(e.error.code).toBe('InvalidInput');
    expect(e.error.message).toMatch(/nope/);
    expect((await readdir(folder)).sort()).toEqual(['big-source.csv', 'orders.csv', 'sum.parquet']);
    const replaced = await saveQueryResult(
      deps,
      source,
      'in/orders.csv',
      'SELECT count(*) AS n FROM t',
      { kind: 'local', file },
      { format: 'csv', overwrite: true },
    );
    expect(replaced.rowsWritten).toBe(1);
    expect(await readFile(file, 'utf8')).toBe('n\n2\n');
  });

  it('a cancelled save leaves nothing under the name', async () => {
    const controller = new AbortController();
    const file = path.join(folder, 'cancelled.parquet');
    const running = saveQueryResult(
      deps,
      source,
      'in/big.csv',
      'SELECT a.n, b.n AS m FROM t a, t b',
      { kind: 'local', file },
      { format: 'parquet', signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 300);
    expect(await code(running)).toBe('Cancelled');
    expect((await readdir(folder)).filter((n) => n.startsWith('cancelled'))).toEqual([]);
  });
});

describe('across two accounts (Azurite with AZURITE_ACCOUNTS)', () => {
  it("account B's key cannot write account A: they are two accounts", async () => {
    const wrong = accounts.wrongKeyContainer('a', uniqueContainerName('wrong'));
    const e = await wrong.create().catch((x: unknown) => x);
    // Azurite answers a bad signature 403 AuthorizationFailure.
    expect(toLakeError(e)).toMatchObject({ code: 'PermissionDenied', status: 403 });
  });

  it('converts CSV in account A to Parquet in account B, every cell read back, the bad row reported', async () => {
    const a = accounts.container('a', uniqueContainerName('raw'));
    const b = accounts.container('b', uniqueContainerName('curated'));
    await a.create();
    await b.create();
    await put(a, 'orders.csv', csv);
    const report = await convertFile(deps, a, 'orders.csv', b, 'orders/part-0.parquet', {
      to: 'parquet',
      types: { id: 'BIGINT' },
      maxRejects: 1,
    });
    expect(report).toMatchObject({ rowsWritten: 3, written: true });
    expect(report.rejected.map((r) => r.text)).toEqual(['x,bad id,3']);
    expect(await a.getBlobClient('orders/part-0.parquet').exists()).toBe(false);
    const back = path.join(folder, 'b.parquet');
    await writeFile(back, await b.getBlobClient('orders/part-0.parquet').downloadToBuffer());
    expect(await rows(`SELECT * FROM read_parquet('${back}') ORDER BY id`)).toEqual([
      ['1', 'two\nlines', 1.5],
      ['2', null, 2.5],
      ['4', 'say "hi"', null],
    ]);
  });

  it("saves a query's result over account A as a CSV blob in account B", async () => {
    const a = accounts.container('a', uniqueContainerName('src'));
    const b = accounts.container('b', uniqueContainerName('results'));
    await a.create();
    await b.create();
    await put(a, 'orders.csv', '\ufeffid,name,amount\r\n1,"two\nlines",1.5\r\n2,,2.5\r\n');
    const report = await saveQueryResult(
      deps,
      a,
      'orders.csv',
      'SELECT id, amount * 2 AS twice FROM t ORDER BY id',
      { kind: 'blob', container: b, blobName: 'results/twice.csv' },
      { format: 'csv' },
    );
    expect(report.rowsWritten).toBe(2);
    expect((await b.getBlobClient('results/twice.csv').downloadToBuffer()).toString()).toBe(
      'id,twice\n1,3.0\n2,5.0\n',
    );
    expect(
      await code(
        saveQueryResult(
          deps,
          a,
          'orders.csv',
          'SELECT 1',
          { kind: 'blob', container: b, blobName: 'results/twice.csv' },
          { format: 'csv' },
        ),
      ),
    ).toBe('AlreadyExists');
  });
});
