import type { ContainerClient } from '@azure/storage-blob';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { put } from '../preview/testFixtures.js';
import type { LakeFailure } from '../storage/toLakeError.js';
import { convertFile } from './convertFile.js';
import { createQueryEngine, type QueryEngine } from './queryEngine.js';
import { openSourceCache, type SourceCache } from './sourceCache.js';

let from: ContainerClient;
let to: ContainerClient;
let engine: QueryEngine;
let cache: SourceCache;
let local: DuckDBConnection;
const deps = () => ({ engine, cache });

/** The rows of a blob read back by a DuckDB of the test's own from a downloaded copy. */
async function readBack(
  container: ContainerClient,
  name: string,
  reader: string,
): Promise<unknown[][]> {
  const file = path.join(
    await mkdtemp(path.join(os.tmpdir(), 'convert-back-')),
    path.basename(name),
  );
  await writeFile(file, await container.getBlobClient(name).downloadToBuffer());
  return (await local.runAndReadAll(`SELECT * FROM ${reader}('${file}')`)).getRowsJson();
}

// A BOM, a quoted newline, quotes, empty fields, and one row whose id is not a number.
const csv =
  '\ufeffid,name,amount,day\r\n' +
  '1,"two\nlines",1.5,2025-01-02\r\n' +
  '2,,2.5,\r\n' +
  'x,bad id,3,2025-01-03\r\n' +
  '4,"say ""hi"", then go",,2025-01-04\r\n';

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  from = testBlobService().getContainerClient(uniqueContainerName('convert-from'));
  to = testBlobService().getContainerClient(uniqueContainerName('convert-to'));
  await from.create();
  await to.create();
  await put(from, 'in/orders.csv', csv);
  engine = createQueryEngine({ memoryLimitMiB: 256, threads: 2 });
  cache = await openSourceCache(
    await mkdtemp(path.join(os.tmpdir(), 'convert-cache-')),
    64 * 1024 * 1024,
  );
  local = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => engine?.close());

describe('convertFile', () => {
  it('CSV → Parquet into another container: every cell read back, the bad row reported with its line', async () => {
    const report = await convertFile(deps(), from, 'in/orders.csv', to, 'out/orders.parquet', {
      to: 'parquet',
      types: { id: 'BIGINT' },
      maxRejects: 1,
    });
    expect(report.schema).toEqual([
      { name: 'id', type: 'BIGINT', nullable: true },
      { name: 'name', type: 'VARCHAR', nullable: true },
      { name: 'amount', type: 'DOUBLE', nullable: true },
      { name: 'day', type: 'DATE', nullable: true },
    ]);
    expect(report).toMatchObject({ rowsWritten: 3, written: true, sourceFormat: 'csv' });
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({
      column: 'id',
      errorType: 'CAST',
      text: 'x,bad id,3,2025-01-03',
    });
    expect(report.rejected[0]!.line).toBeGreaterThanOrEqual(4);
    expect(await readBack(to, 'out/orders.parquet', 'read_parquet')).toEqual([
      ['1', 'two\nlines', 1.5, '2025-01-02'],
      ['2', null, 2.5, null],
      ['4', 'say "hi", then go', null, '2025-01-04'],
    ]);
  });

  it('refuses to write anything when more rows are rejected than allowed, naming their lines', async () => {
    const e = (await convertFile(deps(), from, 'in/orders.csv', to, 'out/refused.parquet', {
      to: 'parquet',
      types: { id: 'BIGINT' },
    }).catch((x: unknown) => x)) as LakeFailure;
    expect(e.error.code).toBe('InvalidInput');
    expect(e.error.message).toMatch(
      /1 row of in\/orders.csv could not be read .*nothing was written:\n {2}line \d+: .*"x"/s,
    );
    expect(await to.getBlobClient('out/refused.parquet').exists()).toBe(false);
  });

  it('Parquet → CSV round-trips the same cells, with snappy Parquet in between', async () => {
    await convertFile(deps(), from, 'in/orders.csv', to, 'out/snappy.parquet', {
      to: 'parquet',
      codec: 'snappy',
      rowGroupSize: 4096,
      types: { id: 'BIGINT' },
      maxRejects: 1,
    });
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'convert-meta-')), 's.parquet');
    await writeFile(file, await to.getBlobClient('out/snappy.parquet').downloadToBuffer());
    const meta = await local.runAndReadAll(
      `SELECT DISTINCT compression FROM parquet_metadata('${file}') ORDER BY ALL`,
    );
    expect(meta.getRowsJson()).toEqual([['SNAPPY']]);
    const report = await convertFile(deps(), to, 'out/snappy.parquet', to, 'out/back.csv', {
      to: 'csv',
    });
    expect(report.rowsWritten).toBe(3);
    const text = (await to.getBlobClient('out/back.csv').downloadToBuffer()).toString('utf8');
    expect(text).toBe(
      'id,name,amount,day\n1,"two\nlines",1.5,2025-01-02\n2,,2.5,\n4,"say ""hi"", then go",,2025-01-04\n',
    );
  });

  it('refuses an existing target without overwrite, a folder, and a same-format pair', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: LakeFailure) => e.error.code,
      );
    expect(
      await code(
        convertFile(deps(), to, 'out/back.csv', to, 'out/orders.parquet', { to: 'parquet' }),
      ),
    ).toBe('AlreadyExists');
    expect(await code(convertFile(deps(), from, 'in', to, 'x.parquet', { to: 'parquet' }))).toBe(
      'InvalidInput',
    );
    expect(await code(convertFile(deps(), to, 'out/back.csv', to, 'y.csv', { to: 'csv' }))).toBe(
      'InvalidInput',
    );
  });

  it('a cancelled conversion leaves nothing under the target name', async () => {
    const controller = new AbortController();
    const running = convertFile(deps(), from, 'in/orders.csv', to, 'out/cancelled.parquet', {
      to: 'parquet',
      signal: controller.signal,
    });
    controller.abort();
    const e = (await running.catch((x: unknown) => x)) as LakeFailure;
    expect(e.error?.code ?? (e as unknown as Error).name).toMatch(/Cancelled|AbortError/);
    expect(await to.getBlobClient('out/cancelled.parquet').exists()).toBe(false);
  });
});
