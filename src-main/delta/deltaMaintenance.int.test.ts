import type { ContainerClient } from '@azure/storage-blob';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { deltaTableFiles, deltaTableRoot } from '../emulator/seed/deltaTable.js';
import { put } from '../preview/testFixtures.js';
import { createQueryEngine, type QueryEngine } from '../query/queryEngine.js';
import { runQuery, type QueryDeps } from '../query/runQuery.js';
import { openSourceCache } from '../query/sourceCache.js';
import { toLakeError, type LakeFailure } from '../storage/toLakeError.js';
import { deltaHealth, deltaHistory } from './deltaHealth.js';
import { commitRestore, planRestore } from './restore.js';
import { planVacuum, runVacuum } from './vacuum.js';

let engine: QueryEngine;
let deps: QueryDeps;
const signal = new AbortController().signal;
const sql = 'SELECT * FROM t ORDER BY order_id';

/** A fresh container holding the sample table (versions 0–3, a checkpoint at 2, partitioned by month). */
async function tableContainer(): Promise<ContainerClient> {
  const c = testBlobService().getContainerClient(uniqueContainerName('delta-maint'));
  await c.create();
  for (const f of deltaTableFiles()) await put(c, f.path, f.body);
  return c;
}
const rowsAt = async (c: ContainerClient, version?: number) =>
  (
    await runQuery(deps, c, deltaTableRoot, sql, {
      maxRows: 10_000,
      ...(version === undefined ? {} : { version }),
    })
  ).result.rows;

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  engine = createQueryEngine({ memoryLimitMiB: 256, threads: 2 });
  deps = {
    engine,
    cache: await openSourceCache(
      await mkdtemp(path.join(os.tmpdir(), 'delta-maint-')),
      64 * 1024 * 1024,
    ),
  };
});
afterAll(() => engine?.close());

describe('delta history and health', () => {
  it('lists the commits newest first and finds the small files and partitions', async () => {
    const c = await tableContainer();
    const history = await deltaHistory(c, deltaTableRoot, signal);
    expect(history.map((h) => [h.version, h.operation])).toEqual([
      [3, 'WRITE'],
      [2, 'DELETE'],
      [1, 'WRITE'],
      [0, 'WRITE'],
    ]);
    const health = await deltaHealth(c, deltaTableRoot, signal);
    expect(health).toMatchObject({ version: 3, partitionColumns: ['month'] });
    expect(health.files).toHaveLength(4);
    expect(health.partitions.map((p) => [p.values.month, p.files]).sort()).toEqual([
      ['1', 1],
      ['2', 1],
      ['3', 1],
      ['4', 1],
    ]);
    expect(health.totalBytes).toBe(health.files.reduce((n, f) => n + f.size, 0));
    expect(health.warnings.map((w) => w.kind)).toEqual(['smallFiles', 'smallPartitions']);
  });
});

describe('delta restore', () => {
  it('commits the next version equal to the restored one, row for row, with commitInfo RESTORE', async () => {
    const c = await tableContainer();
    const before = await rowsAt(c, 1);
    const plan = await planRestore(c, deltaTableRoot, 1, signal);
    expect(plan).toMatchObject({ version: 1, fromVersion: 3, commitVersion: 4 });
    await commitRestore(c, plan, signal);
    expect(await rowsAt(c)).toEqual(before);
    expect(await rowsAt(c, 4)).toEqual(before);
    const history = await deltaHistory(c, deltaTableRoot, signal);
    expect(history[0]).toMatchObject({
      version: 4,
      operation: 'RESTORE',
      operationParameters: { version: '1' },
    });
  });

  it('fails cleanly when another writer commits the version between plan and commit', async () => {
    const c = await tableContainer();
    const plan = await planRestore(c, deltaTableRoot, 0, signal);
    const theirs = '{"commitInfo":{"operation":"WRITE","timestamp":1}}\n';
    await put(
      c,
      `${deltaTableRoot}/_delta_log/${String(plan.commitVersion).padStart(20, '0')}.json`,
      theirs,
    );
    const e = (await commitRestore(c, plan, signal).catch((x: unknown) => x)) as LakeFailure;
    expect(e.error.code).toBe('Conflict');
    const kept = await c
      .getBlobClient(
        `${deltaTableRoot}/_delta_log/${String(plan.commitVersion).padStart(20, '0')}.json`,
      )
      .downloadToBuffer();
    expect(kept.toString()).toBe(theirs);
  });
});

describe('delta vacuum', () => {
  it('deletes only unreferenced files: every retained version reads the same, _delta_log is untouched, restore of a lost version is refused', async () => {
    const c = await tableContainer();
    const keep = await planVacuum(c, deltaTableRoot, 168, signal);
    expect(keep.files).toEqual([]); // everything is younger than 7 days
    const latestBefore = await rowsAt(c);
    const logBefore: string[] = [];
    for await (const b of c.listBlobsFlat({ prefix: `${deltaTableRoot}/_delta_log/` }))
      logBefore.push(b.name);
    const plan = await planVacuum(c, deltaTableRoot, 0, signal, Date.now() + 5_000);
    // Version 2 removed month 1's first file: only it is unreferenced by the latest version.
    expect(plan.files).toHaveLength(1);
    expect(plan.files[0]!.name).toMatch(/month=1\//);
    expect(plan.versionsLost).toEqual([0, 1, 2]);
    expect(await runVacuum(c, plan, signal)).toBe(1);
    expect(await c.getBlobClient(plan.files[0]!.name).exists()).toBe(false);
    expect(await rowsAt(c)).toEqual(latestBefore);
    const logAfter: string[] = [];
    for await (const b of c.listBlobsFlat({ prefix: `${deltaTableRoot}/_delta_log/` }))
      logAfter.push(b.name);
    expect(logAfter).toEqual(logBefore);
    const refused = (await planRestore(c, deltaTableRoot, 0, signal).catch(
      (x: unknown) => x,
    )) as LakeFailure;
    expect(refused.error.code).toBe('NotFound');
    expect(refused.error.message).toMatch(/vacuumed/);
  });
  it('cancelled part way, stops: the files it deleted stay deleted, the others and _delta_log stay', async () => {
    const c = testBlobService().getContainerClient(uniqueContainerName('vacuum-cancel'));
    await c.create();
    const files = Array.from({ length: 200 }, (_, i) => ({
      name: `t/part-${String(i).padStart(3, '0')}.parquet`,
      size: 3,
    }));
    await Promise.all(
      [...files, { name: 't/_delta_log/00000000000000000000.json' }].map((f) =>
        put(c, f.name, 'abc'),
      ),
    );
    const controller = new AbortController();
    const plan = {
      directory: 't',
      retentionHours: 0,
      cutoff: new Date().toISOString(),
      files,
      bytes: 600,
      versionsLost: [],
    };
    let seen = 0;
    const error = await runVacuum(c, plan, controller.signal, (done) => {
      seen = done;
      if (done === 20) controller.abort();
    }).catch((e: unknown) => e);
    expect(toLakeError(error).code).toBe('Cancelled');
    const left: string[] = [];
    for await (const b of c.listBlobsFlat()) left.push(b.name);
    // The deletes on their way when it was cancelled (at most 16) finish and are counted;
    // nothing starts after: the count is exactly what is gone.
    expect(seen).toBeGreaterThanOrEqual(20);
    expect(seen).toBeLessThanOrEqual(20 + 15);
    expect(left).toHaveLength(201 - seen);
    expect(left).toContain('t/_delta_log/00000000000000000000.json');
    const deleted = files.map((f) => f.name).filter((n) => !left.includes(n));
    expect(deleted).toHaveLength(seen);
  });
});
