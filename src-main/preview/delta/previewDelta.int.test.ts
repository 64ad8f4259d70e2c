import type { ContainerClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../../shared/contract/preview.js';
import { testBlobService, uniqueContainerName } from '../../../test/support/azurite.js';
import {
  deltaTableFiles,
  deltaTableOrders,
  deltaTableRoot,
  type DeltaOrder,
} from '../../emulator/seed/deltaTable.js';
import { sampleFiles } from '../../emulator/seed/sampleFiles.js';
import { LakeFailure } from '../../storage/toLakeError.js';
import { put } from '../testFixtures.js';
import { isDeltaTable } from './deltaLog.js';
import { previewDelta } from './previewDelta.js';

let container: ContainerClient;
const seed = deltaTableFiles();
const dataFiles = seed.filter((f) => f.path.endsWith('.snappy.parquet'));
const commitFile = (v: number) =>
  seed.find((f) => f.path.endsWith(`${String(v).padStart(20, '0')}.json`))!;
const logName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Uploads the table's data files and the given commits (no checkpoint) under `root`. */
async function copyTable(root: string, commits: { version: number; body: Buffer | string }[]) {
  for (const f of dataFiles) await put(container, f.path.replace(deltaTableRoot, root), f.body);
  for (const c of commits) {
    await put(container, `${root}/_delta_log/${String(c.version).padStart(20, '0')}.json`, c.body);
  }
}

beforeAll(async () => {
  container = testBlobService().getContainerClient(uniqueContainerName('delta'));
  await container.create();
  const wanted = sampleFiles().filter(
    (f) => f.path.startsWith(`${deltaTableRoot}/`) || f.path.startsWith('curated/sales/'),
  );
  for (const f of wanted) await put(container, f.path, f.body, f.contentType);
});

const cells = (orders: DeltaOrder[]): Cell[][] =>
  orders.map((o) => [
    o.orderId,
    o.orderDate,
    o.region,
    o.product,
    o.quantity,
    o.unitPrice,
    o.shipped,
    o.month,
  ]);

/** Indexes into `dataFiles` (seed order: m1, m2 @0; m3 @1; m1 rewritten @2; m4 @3) active at each version. */
const activeAt = [
  [0, 1],
  [0, 1, 2],
  [1, 2, 3],
  [1, 2, 3, 4],
];

describe('isDeltaTable', () => {
  it('recognises the table root and nothing else', async () => {
    expect(await isDeltaTable(container, deltaTableRoot)).toBe(true);
    expect(await isDeltaTable(container, 'curated/delta')).toBe(false);
    expect(await isDeltaTable(container, 'curated/sales')).toBe(false);
  });
});

describe('previewDelta on the sample table', () => {
  it.each([0, 1, 2, 3])('time travel to version %i shows exactly its rows and files', async (v) => {
    const p = await previewDelta(container, deltaTableRoot, { version: v, maxRows: 1000 });
    const active = activeAt[v]!.map((i) => dataFiles[i]!);
    expect(p).toMatchObject({
      kind: 'delta',
      name: 'orders',
      directory: deltaTableRoot,
      version: v,
      latestVersion: 3,
      partitionColumns: ['month'],
      fileCount: active.length,
      totalBytes: active.reduce((n, f) => n + f.body.length, 0),
      truncated: false,
      notes: [],
    });
    expect(p.checkpoint).toBe(v >= 2 ? 2 : undefined);
    expect(p.rows).toEqual(cells(deltaTableOrders(v)));
    expect(p.columns.map((c) => [c.name, c.type, c.logicalType])).toEqual([
      ['order_id', 'number', 'long'],
      ['order_date', 'date', 'date'],
      ['region', 'text', 'string'],
      ['product', 'text', 'string'],
      ['quantity', 'number', 'integer'],
      ['unit_price', 'number', 'double'],
      ['shipped', 'boolean', 'boolean'],
      ['month', 'number', 'integer'],
    ]);
    expect(p.schema).toEqual(p.columns);
    expect(p.bytesRead).toBeGreaterThan(0);
  });

  it('shows the latest version by default, and the history as recorded, newest first', async () => {
    const p = await previewDelta(container, deltaTableRoot, { maxRows: 1000 });
    expect(p.version).toBe(3);
    const month1 = deltaTableOrders(0).filter((o) => o.month === 1);
    const kept = month1.filter((o) => o.shipped).length;
    const size = (i: number) => dataFiles[i]!.body.length;
    const hour = (v: number) => new Date(Date.UTC(2025, 4, 1, 9 + v)).toISOString();
    expect(p.history).toEqual([
      {
        version: 3,
        timestamp: hour(3),
        operation: 'WRITE',
        operationParameters: { mode: 'Append', partitionBy: '[]' },
        rowsAdded: 40,
        filesAdded: 1,
        filesRemoved: 0,
        bytesAdded: size(4),
      },
      {
        version: 2,
        timestamp: hour(2),
        operation: 'DELETE',
        operationParameters: { predicate: '["((month = 1) AND (NOT shipped))"]' },
        rowsAdded: kept,
        rowsRemoved: 40 - kept,
        filesAdded: 1,
        filesRemoved: 1,
        bytesAdded: size(3),
      },
      {
        version: 1,
        timestamp: hour(1),
        operation: 'WRITE',
        operationParameters: { mode: 'Append', partitionBy: '[]' },
        rowsAdded: 40,
        filesAdded: 1,
        filesRemoved: 0,
        bytesAdded: size(2),
      },
      {
        version: 0,
        timestamp: hour(0),
        operation: 'WRITE',
        operationParameters: { mode: 'ErrorIfExists', partitionBy: '["month"]' },
        rowsAdded: 80,
        filesAdded: 2,
        filesRemoved: 0,
        bytesAdded: size(0) + size(1),
      },
    ]);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(40);
  });

  it('reads only the first rows asked for and marks the rest truncated', async () => {
    const p = await previewDelta(container, deltaTableRoot, { version: 3, maxRows: 50 });
    expect(p.rows).toEqual(cells(deltaTableOrders(3).slice(0, 50)));
    expect(p.truncated).toBe(true);
  });

  it('rejects a version past the latest, and an aborted preview is Cancelled', async () => {
    await expect(
      previewDelta(container, deltaTableRoot, { version: 4, maxRows: 10 }),
    ).rejects.toThrow('Version 4 does not exist: the latest version is 3.');
    const controller = new AbortController();
    controller.abort();
    const err = await previewDelta(container, deltaTableRoot, {
      maxRows: 10,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((err as LakeFailure).error.code).toBe('Cancelled');
  });
});

describe('previewDelta on damaged logs', () => {
  it('rebuilds from the checkpoint alone when the commits before it are gone', async () => {
    const root = 'damaged/cleaned';
    await copyTable(root, [{ version: 3, body: commitFile(3).body }]);
    for (const f of seed.filter((s) => /checkpoint/.test(s.path))) {
      await put(container, f.path.replace(deltaTableRoot, root), f.body);
    }
    const p = await previewDelta(container, root, { maxRows: 1000 });
    expect(p).toMatchObject({ version: 3, notes: [], checkpoint: 2, fileCount: 4 });
    expect(p.rows).toEqual(cells(deltaTableOrders(3)));
    expect(p.history.map((h) => h.version)).toEqual([3]);
    await expect(previewDelta(container, root, { version: 1, maxRows: 10 })).rejects.toThrow(
      'Version 1 cannot be rebuilt',
    );
  });

  it('stops before a missing commit and says so', async () => {
    const root = 'damaged/missing';
    await copyTable(
      root,
      [0, 1, 3].map((v) => ({ version: v, body: commitFile(v).body })),
    );
    const p = await previewDelta(container, root, { maxRows: 1000 });
    expect(p).toMatchObject({
      version: 1,
      latestVersion: 3,
      notes: ['Commit 2 is missing: showing up to version 1.'],
      fileCount: 3,
    });
    expect(p.rows).toEqual(cells(deltaTableOrders(1)));
    expect(p.history.map((h) => h.version)).toEqual([3, 1, 0]);
  });

  it('names the file and line of a malformed commit', async () => {
    const root = 'damaged/malformed';
    const lines = commitFile(1).body.toString('utf8').split('\n');
    lines[1] = lines[1]!.slice(0, 20);
    await copyTable(root, [
      { version: 0, body: commitFile(0).body },
      { version: 1, body: lines.join('\n') },
    ]);
    const err = await previewDelta(container, root, { maxRows: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakeFailure);
    expect((err as LakeFailure).error).toMatchObject({
      code: 'InvalidInput',
      message: expect.stringMatching(
        new RegExp(`^${logName(commitFile(1).path).replace('.', '\\.')} line 2 is not valid JSON`),
      ),
    });
  });
});
