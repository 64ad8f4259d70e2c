// query.save, query.inspectConversion, delta.planVacuum and the VACUUM and RESTORE jobs through the service's
// dispatch (the handlers the window's IPC and WebSocket reach, arguments checked by the
// contract's schemas) against Azurite and the DuckDB worker the app ships.
import type { ContainerClient } from '@azure/storage-blob';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  ConnectionSummary,
  InspectConversionResult,
  QueryRunResult,
  QuerySaveProgressEvent,
  QuerySaveResult,
  DeltaJobSummary,
  JobSummary,
  TransferProgressEvent,
  Result,
  VacuumPlanSummary,
} from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { deltaTableFiles, deltaTableOrders, deltaTableRoot } from '../emulator/seed/deltaTable.js';
import { put } from '../preview/testFixtures.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

const csv = 'id,region,qty\n1,north,2\n2,south,4\n3,"north, east",1\n';

let service: LakeService;
let connectionId = '';
let source: ContainerClient;
let target: ContainerClient;
let delta: ContainerClient;
let localDir = '';
let ids = 0;
const queryId = () => `q-${++ids}`;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const codeOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const text = async (c: ContainerClient, name: string) =>
  (await c.getBlobClient(name).downloadToBuffer()).toString('utf8');
const names = async (c: ContainerClient) => {
  const out: string[] = [];
  for await (const b of c.listBlobsFlat()) out.push(b.name);
  return out.sort();
};

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-query-handlers-')),
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
  source = blobs.getContainerClient(uniqueContainerName('qh-src'));
  target = blobs.getContainerClient(uniqueContainerName('qh-out'));
  delta = blobs.getContainerClient(uniqueContainerName('qh-delta'));
  for (const c of [source, target, delta]) await c.create();
  await put(source, 'in/orders.csv', csv);
  for (const f of deltaTableFiles()) await put(delta, f.path, f.body);
  localDir = mkdtempSync(path.join(os.tmpdir(), 'lake-query-save-'));
});
afterAll(() => service?.dispose());

describe('query.save through the service', () => {
  const sql = 'SELECT region, sum(qty) AS qty FROM t GROUP BY region ORDER BY region';
  const saved = 'region,qty\nnorth,2\n"north, east",1\nsouth,4\n';
  const args = (destination: unknown, overwrite = false) => ({
    connectionId,
    container: source.containerName,
    path: 'in/orders.csv',
    sql,
    queryId: queryId(),
    format: 'csv',
    destination,
    ...(overwrite ? { overwrite } : {}),
  });

  it('writes every row to a local file, and refuses to replace it without overwrite', async () => {
    const file = path.join(localDir, 'by-region.csv');
    const report = value<QuerySaveResult>(
      await service.dispatch('query.save', args({ kind: 'local', path: file })),
    );
    expect(report).toMatchObject({ rowsWritten: 3, destination: file });
    expect(readFileSync(file, 'utf8')).toBe(saved);
    expect(report.bytes).toBe(Buffer.byteLength(saved));
    const again = await service.dispatch('query.save', args({ kind: 'local', path: file }));
    expect(codeOf(again)).toBe('AlreadyExists');
    expect(readFileSync(file, 'utf8')).toBe(saved);
  });

  it('writes every row to a blob of a connection, replaced only with overwrite', async () => {
    const destination = {
      kind: 'remote',
      connectionId,
      container: target.containerName,
      path: 'results/by-region.csv',
    };
    value(await service.dispatch('query.save', args(destination)));
    expect(await text(target, 'results/by-region.csv')).toBe(saved);
    const etag = (await target.getBlobClient('results/by-region.csv').getProperties()).etag;
    expect(codeOf(await service.dispatch('query.save', args(destination)))).toBe('AlreadyExists');
    expect((await target.getBlobClient('results/by-region.csv').getProperties()).etag).toBe(etag);
    value(await service.dispatch('query.save', args(destination, true)));
    expect(await text(target, 'results/by-region.csv')).toBe(saved);
  });

  // About 80 MB of CSV: ten of the engine's 8 MiB blocks, so that (on this loopback) the
  // engine's events, ten a second, tell counts between the first and the last.
  const bigSql = 'SELECT range AS n, md5(range::VARCHAR) AS h FROM range(2000000)';
  const progressOf = (id: string) => {
    const seen: QuerySaveProgressEvent[] = [];
    const stop = service.subscribe((name, payload) => {
      if (name === 'query.saveProgress' && (payload as QuerySaveProgressEvent).queryId === id)
        seen.push(payload as QuerySaveProgressEvent);
    });
    return { seen, stop };
  };

  it('tells how far a save to a blob is: DuckDB writing, then bytes sent rising to the file size', async () => {
    const id = queryId();
    const { seen, stop } = progressOf(id);
    const report = value<QuerySaveResult>(
      await service.dispatch('query.save', {
        ...args({
          kind: 'remote',
          connectionId,
          container: target.containerName,
          path: 'results/big.csv',
        }),
        sql: bigSql,
        queryId: id,
      }),
    );
    stop();
    expect(report.rowsWritten).toBe(2_000_000);
    expect((await target.getBlobClient('results/big.csv').getProperties()).contentLength).toBe(
      report.bytes,
    );
    const uploading = seen.flatMap((e) => (e.phase === 'uploading' ? [e] : []));
    expect(seen[0]).toEqual({ queryId: id, phase: 'writing' });
    // Every writing event comes before the first uploading one.
    expect(seen.findIndex((e) => e.phase === 'uploading')).toBe(seen.length - uploading.length);
    for (const e of seen)
      if (e.phase === 'writing' && e.fraction !== undefined)
        expect(e.fraction).toBeGreaterThanOrEqual(0);
    expect(uploading.every((e) => e.bytes === report.bytes)).toBe(true);
    const sent = uploading.map((e) => e.bytesSent);
    expect(sent[0]).toBe(0);
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.at(-1)).toBe(report.bytes);
    expect(sent).toEqual([...new Set(sent)].sort((a, b) => a - b));
  });

  it.each([
    ['as its upload starts', 0],
    ['part way through its upload', 1],
  ])('a save cancelled %s leaves no blob under the name', async (_, after) => {
    const id = queryId();
    const { seen, stop } = progressOf(id);
    const cancelling = service.subscribe((name, payload) => {
      const e = payload as QuerySaveProgressEvent;
      if (name === 'query.saveProgress' && e.queryId === id && e.phase === 'uploading')
        if (e.bytesSent >= after) void service.dispatch('query.cancel', { queryId: id });
    });
    const blob = `cancelled-${after}/big.csv`;
    const answer = await service.dispatch('query.save', {
      ...args({ kind: 'remote', connectionId, container: target.containerName, path: blob }),
      sql: bigSql,
      queryId: id,
    });
    stop();
    cancelling();
    expect(codeOf(answer)).toBe('Cancelled');
    expect(await target.getBlobClient(blob).exists()).toBe(false);
    expect((await names(target)).filter((n) => n.startsWith('cancelled-'))).toEqual([]);
    const uploading = seen.flatMap((e) => (e.phase === 'uploading' ? [e] : []));
    expect(uploading[0]?.bytesSent).toBe(0);
    if (after) expect(uploading.some((e) => e.bytesSent > 0)).toBe(true);
    expect(uploading.filter((e) => e.bytesSent === e.bytes)).toEqual([]);
  });
});

describe('query.inspectConversion through the service', () => {
  it('infers the schema of a CSV blob', async () => {
    const inspected = value<InspectConversionResult>(
      await service.dispatch('query.inspectConversion', {
        queryId: queryId(),
        connectionId,
        container: source.containerName,
        path: 'in/orders.csv',
      }),
    );
    expect(inspected).toMatchObject({ sourceFormat: 'csv', sourceBytes: Buffer.byteLength(csv) });
    expect(inspected.schema.map((c) => [c.name, c.type])).toEqual([
      ['id', 'BIGINT'],
      ['region', 'VARCHAR'],
      ['qty', 'BIGINT'],
    ]);
  });
});

describe('RESTORE and VACUUM as jobs of the Transfers panel, after delta.planVacuum', () => {
  const table = () => ({ connectionId, container: delta.containerName, directory: deltaTableRoot });
  const count = async (version?: number) =>
    value<QueryRunResult>(
      await service.dispatch('query.run', {
        connectionId,
        container: delta.containerName,
        path: deltaTableRoot,
        sql: 'SELECT count(*) AS n FROM t',
        queryId: queryId(),
        ...(version === undefined ? {} : { version }),
      }),
    ).rows[0]![0];
  const events: DeltaJobSummary[] = [];
  /** Enqueues with `call` and resolves with the job's summary once it ended (`transfers.list`). */
  const runJob = async (
    call: 'transfers.enqueueVacuum' | 'transfers.enqueueRestore',
    args: unknown,
  ): Promise<DeltaJobSummary> => {
    const { jobIds } = value<{ jobIds: string[] }>(await service.dispatch(call, args));
    for (;;) {
      const listed = value<JobSummary[]>(await service.dispatch('transfers.list', {}));
      const job = listed.find((j) => j.id === jobIds[0]);
      if (job && ['completed', 'failed', 'cancelled'].includes(job.state.kind))
        return job as DeltaJobSummary;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('restores version 1 as version 4, vacuums file by file only after the lost versions are accepted, and the table still reads', async () => {
    service.subscribe((name, payload) => {
      if (name !== 'transfers.progress') return;
      for (const j of (payload as TransferProgressEvent).jobs)
        if (j.direction === 'vacuum') events.push(structuredClone(j));
    });
    const restored = await runJob('transfers.enqueueRestore', { ...table(), version: 1 });
    expect(restored).toMatchObject({
      direction: 'restore',
      state: { kind: 'completed' },
      filesDone: 1,
      filesTotal: 1,
      restored: { version: 1, commitVersion: 4 },
    });
    expect(Number(await count())).toBe(deltaTableOrders(1).length);

    const plan = value<VacuumPlanSummary>(
      await service.dispatch('delta.planVacuum', { ...table(), retentionHours: 0 }),
    );
    expect(plan.files.length).toBeGreaterThan(0);
    expect(plan.versionsLost.length).toBeGreaterThan(0);
    expect(plan.bytes).toBe(plan.files.reduce((n, f) => n + f.size, 0));
    const before = await names(delta);
    const refused = await runJob('transfers.enqueueVacuum', { ...table(), retentionHours: 0 });
    expect(refused.state.kind === 'failed' && refused.state.error.code).toBe('InvalidInput');
    expect(await names(delta)).toEqual(before);

    const vacuumed = await runJob('transfers.enqueueVacuum', {
      ...table(),
      retentionHours: 0,
      acceptVersionsLost: true,
    });
    expect(vacuumed).toMatchObject({
      state: { kind: 'completed' },
      filesDone: plan.files.length,
      filesTotal: plan.files.length,
      bytesDone: plan.bytes,
      bytesTotal: plan.bytes,
      vacuumed: { deleted: plan.files.length, bytes: plan.bytes },
    });
    // Its events (the last one, throttled, may come after the list shows it ended) count the
    // deletes up, never down.
    while (!events.some((j) => j.id === vacuumed.id && j.state.kind === 'completed'))
      await new Promise((r) => setTimeout(r, 20));
    const done = events.filter((j) => j.id === vacuumed.id).map((j) => j.filesDone);
    expect(done.at(-1)).toBe(plan.files.length);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const after = await names(delta);
    expect(after).toEqual(before.filter((n) => !plan.files.some((f) => f.name === n)));
    expect(after.some((n) => n.startsWith(`${deltaTableRoot}/_delta_log/`))).toBe(true);
    expect(Number(await count())).toBe(deltaTableOrders(1).length);
  });
});
