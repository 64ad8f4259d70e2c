// A folder conversion (transfers.enqueueConvertFolder) through the service's dispatch, against
// Azurite and the DuckDB worker the app ships: one conversion job per convertible file under the
// folder, each at its relative path under the target folder with its extension changed, the
// others reported skipped.
import type { ContainerClient } from '@azure/storage-blob';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  ConnectionSummary,
  ConvertFolderPlan,
  JobSummary,
  QueryRunResult,
  Result,
} from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { put } from '../preview/testFixtures.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

let service: LakeService;
let connectionId = '';
let source: ContainerClient;
let target: ContainerClient;
let queries = 0;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const names = async (c: ContainerClient) => {
  const out: string[] = [];
  for await (const b of c.listBlobsFlat()) out.push(b.name);
  return out.sort();
};
const blob = (c: ContainerClient, p: string) => ({
  connectionId,
  container: c.containerName,
  path: p,
});
const select = async (c: ContainerClient, p: string) =>
  value<QueryRunResult>(
    await service.dispatch('query.run', {
      connectionId,
      container: c.containerName,
      path: p,
      sql: 'SELECT * FROM t ORDER BY id',
      queryId: `folder-${++queries}`,
    }),
  );
const ended = (j: JobSummary | undefined) =>
  !!j && ['completed', 'failed', 'cancelled'].includes(j.state.kind);
const untilEnded = async (ids: string[]) => {
  for (;;) {
    const jobs = value<JobSummary[]>(await service.dispatch('transfers.list', {}));
    const mine = ids.map((id) => jobs.find((j) => j.id === id));
    if (mine.every(ended)) return mine as JobSummary[];
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-convert-folder-')),
    cipher: plainFileCipher,
    mode: 'browser',
    version: 't',
  });
  connectionId = value<ConnectionSummary>(
    await service.dispatch('connections.add', {
      kind: 'connectionString',
      connectionString: inject('azuriteConnectionString'),
    }),
  ).id;
  const blobs = testBlobService();
  source = blobs.getContainerClient(uniqueContainerName('cf-src'));
  target = blobs.getContainerClient(uniqueContainerName('cf-out'));
  for (const c of [source, target]) await c.create();
});
afterAll(() => service?.dispose());

describe('converting a folder', () => {
  const north = 'id,region,qty\n1,north,2\n2,"north, east",4\n';
  const south = 'id,region,qty\n3,south,1\n4,"south\nwest",7\n5,,9\n';

  it('converts each CSV under it to Parquet at its relative path, reading back equal, the .txt skipped', async () => {
    await put(source, 'raw/2026/north.csv', north);
    await put(source, 'raw/2026/south.csv', south);
    await put(source, 'raw/readme.txt', 'not data');
    const args = {
      source: blob(source, 'raw'),
      target: blob(target, 'curated/raw'),
      to: 'parquet',
      types: { qty: 'INTEGER' },
    };
    const dry = value<ConvertFolderPlan>(
      await service.dispatch('transfers.enqueueConvertFolder', { ...args, dryRun: true }),
    );
    expect(dry).toEqual({
      jobIds: [],
      files: [
        { sourcePath: 'raw/2026/north.csv', targetPath: 'curated/raw/2026/north.parquet' },
        { sourcePath: 'raw/2026/south.csv', targetPath: 'curated/raw/2026/south.parquet' },
      ],
      skipped: [{ path: 'raw/readme.txt', reason: 'not CSV, TSV or NDJSON' }],
    });
    expect(await names(target)).toEqual([]);

    const plan = value<ConvertFolderPlan>(
      await service.dispatch('transfers.enqueueConvertFolder', args),
    );
    expect(plan.jobIds).toHaveLength(2);
    expect(plan.skipped).toEqual(dry.skipped);
    const jobs = await untilEnded(plan.jobIds);
    expect(jobs.map((j) => [j.direction, j.state.kind])).toEqual([
      ['convert', 'completed'],
      ['convert', 'completed'],
    ]);
    expect(await names(target)).toEqual([
      'curated/raw/2026/north.parquet',
      'curated/raw/2026/south.parquet',
    ]);
    for (const name of ['north', 'south']) {
      const parquet = await target
        .getBlobClient(`curated/raw/2026/${name}.parquet`)
        .downloadToBuffer();
      expect(parquet.subarray(0, 4).toString('latin1')).toBe('PAR1');
      const [csvRows, parquetRows] = [
        await select(source, `raw/2026/${name}.csv`),
        await select(target, `curated/raw/2026/${name}.parquet`),
      ];
      expect(parquetRows.rows).toEqual(csvRows.rows);
      expect(parquetRows.rows.length).toBe(name === 'north' ? 2 : 3);
      // The type confirmed once (from the first file) applies to both.
      expect(parquetRows.columns.map((c) => [c.name, c.sqlType])).toEqual([
        ['id', 'BIGINT'],
        ['region', 'VARCHAR'],
        ['qty', 'INTEGER'],
      ]);
    }
  });

  it('answers NotFound, enqueuing nothing, for a folder with nothing to convert', async () => {
    await put(source, 'notes/a.txt', 'x');
    await put(source, 'notes/_SUCCESS', '');
    const r = await service.dispatch('transfers.enqueueConvertFolder', {
      source: blob(source, 'notes'),
      target: blob(target, 'notes'),
      to: 'parquet',
    });
    expect(r.ok || r.error).toMatchObject({
      code: 'NotFound',
      message: 'notes holds no file to convert to Parquet (2 other skipped).',
    });
  });
});
