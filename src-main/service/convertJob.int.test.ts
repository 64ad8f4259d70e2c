// A conversion as a job of the transfer engine (transfers.enqueueConvert) through the service's
// dispatch, against Azurite and the DuckDB worker the app ships: its transfers.progress events
// carry the phases, bytes and rows, and a cancel leaves nothing under the target name.
import type { ContainerClient } from '@azure/storage-blob';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  ConnectionSummary,
  ConvertJobSummary,
  JobSummary,
  Result,
  TransferProgressEvent,
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
const seen: ConvertJobSummary[] = [];

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const names = async (c: ContainerClient) => {
  const out: string[] = [];
  for await (const b of c.listBlobsFlat()) out.push(b.name);
  return out.sort();
};
/** Resolves with the job's first summary that `done` accepts, from the events seen and to come. */
const until = (jobId: string, done: (j: ConvertJobSummary) => boolean) =>
  new Promise<ConvertJobSummary>((resolve) => {
    const check = () => {
      const hit = seen.find((j) => j.id === jobId && done(j));
      if (hit) resolve(hit);
      else setTimeout(check, 20);
    };
    check();
  });
const ended = (j: JobSummary) => ['completed', 'failed', 'cancelled'].includes(j.state.kind);

const csvRows = (n: number) =>
  `id,text,amount\n${Array.from({ length: n }, (_, i) => `${i},${'x'.repeat(60)},${i * 3}.25\n`).join('')}`;

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-convert-job-')),
    cipher: plainFileCipher,
    mode: 'browser',
    version: 't',
  });
  service.subscribe((name, payload) => {
    if (name !== 'transfers.progress') return;
    for (const job of (payload as TransferProgressEvent).jobs)
      if (job.direction === 'convert') seen.push(structuredClone(job));
  });
  connectionId = value<ConnectionSummary>(
    await service.dispatch('connections.add', {
      kind: 'connectionString',
      connectionString: inject('azuriteConnectionString'),
    }),
  ).id;
  const blobs = testBlobService();
  source = blobs.getContainerClient(uniqueContainerName('cj-src'));
  target = blobs.getContainerClient(uniqueContainerName('cj-out'));
  for (const c of [source, target]) await c.create();
});
afterAll(() => service?.dispose());

describe('a conversion job of the Transfers panel', () => {
  const blob = (c: ContainerClient, p: string) => ({
    connectionId,
    container: c.containerName,
    path: p,
  });

  it('reports reading, converting and writing with bytes and rows, and ends completed with the blob written', async () => {
    const body = csvRows(20_000);
    await put(source, 'in/orders.csv', body);
    const { jobIds } = value<{ jobIds: string[] }>(
      await service.dispatch('transfers.enqueueConvert', {
        source: blob(source, 'in/orders.csv'),
        target: blob(target, 'curated/orders.parquet'),
        to: 'parquet',
      }),
    );
    const last = await until(jobIds[0]!, ended);
    expect(last.state).toEqual({ kind: 'completed' });
    const parquet = await target.getBlobClient('curated/orders.parquet').downloadToBuffer();
    expect(parquet.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(last).toMatchObject({
      direction: 'convert',
      name: 'orders.csv',
      to: 'parquet',
      bytesRead: Buffer.byteLength(body),
      bytesToRead: Buffer.byteLength(body),
      bytesWritten: parquet.length,
      bytesToWrite: parquet.length,
      bytesDone: Buffer.byteLength(body) + parquet.length,
      bytesTotal: Buffer.byteLength(body) + parquet.length,
      convertedFraction: 1,
      rowsWritten: 20_000,
      rowsRejected: 0,
      result: { rowsWritten: 20_000, targetBytes: parquet.length, written: true },
    });
    const mine = seen.filter((j) => j.id === jobIds[0]);
    const phases = [...new Set(mine.map((j) => j.phase))];
    expect(phases).toEqual(['reading', 'converting', 'writing']);
    // Rows are known before the upload starts, and bytes only grow.
    expect(mine.find((j) => j.phase === 'writing')?.rowsWritten).toBe(20_000);
    const done = mine.map((j) => j.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const listed = value<JobSummary[]>(await service.dispatch('transfers.list', {}));
    expect(listed.find((j) => j.id === jobIds[0])?.state.kind).toBe('completed');
  });

  it('a cancelled conversion ends cancelled and leaves nothing under the target name', async () => {
    await put(source, 'in/big.csv', csvRows(600_000));
    const { jobIds } = value<{ jobIds: string[] }>(
      await service.dispatch('transfers.enqueueConvert', {
        source: blob(source, 'in/big.csv'),
        target: blob(target, 'curated/big.parquet'),
        to: 'parquet',
      }),
    );
    const id = jobIds[0]!;
    await until(id, (j) => j.phase === 'converting' || ended(j));
    value(await service.dispatch('transfers.cancel', { jobId: id }));
    const listed = value<JobSummary[]>(await service.dispatch('transfers.list', {}));
    expect(JSON.stringify(listed.find((j) => j.id === id)?.state)).toBe('{"kind":"cancelled"}');
    expect(await names(target)).not.toContain('curated/big.parquet');
    // Retry runs it again to the end.
    value(await service.dispatch('transfers.retry', { jobId: id }));
    const again = await until(id, (j) => j.state.kind === 'completed');
    expect(again.rowsWritten).toBe(600_000);
    expect(await names(target)).toContain('curated/big.parquet');
  });

  it('converts Parquet back to the same CSV', async () => {
    const csv = 'id,region,qty\n1,north,2\n2,south,4\n3,"north, east",1\n';
    await put(source, 'in/round.csv', csv);
    const run = async (from: string, to: string, format: 'parquet' | 'csv') => {
      const { jobIds } = value<{ jobIds: string[] }>(
        await service.dispatch('transfers.enqueueConvert', {
          source: blob(from.startsWith('in/') ? source : target, from),
          target: blob(target, to),
          to: format,
        }),
      );
      return until(jobIds[0]!, ended);
    };
    expect((await run('in/round.csv', 'round/orders.parquet', 'parquet')).state.kind).toBe(
      'completed',
    );
    const back = await run('round/orders.parquet', 'round/orders.csv', 'csv');
    expect(back).toMatchObject({ state: { kind: 'completed' }, rowsWritten: 3 });
    expect((await target.getBlobClient('round/orders.csv').downloadToBuffer()).toString()).toBe(
      csv,
    );
  });

  it('refuses a target that exists, writing nothing', async () => {
    await put(source, 'in/small.csv', 'a,b\n1,2\n');
    await put(target, 'taken.parquet', 'not parquet');
    const { jobIds } = value<{ jobIds: string[] }>(
      await service.dispatch('transfers.enqueueConvert', {
        source: blob(source, 'in/small.csv'),
        target: blob(target, 'taken.parquet'),
        to: 'parquet',
      }),
    );
    const last = await until(jobIds[0]!, ended);
    expect(last.state.kind === 'failed' && last.state.error.code).toBe('AlreadyExists');
    expect((await target.getBlobClient('taken.parquet').downloadToBuffer()).toString()).toBe(
      'not parquet',
    );
  });
});
