import { BlobServiceClient } from '@azure/storage-blob';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulatorSupervisor } from './emulatorSupervisor.js';

const countBlobs = async (connectionString: string, prefix: string) => {
  let n = 0;
  for await (const _ of BlobServiceClient.fromConnectionString(connectionString)
    .getContainerClient('samples')
    .listBlobsFlat({ prefix }))
    n += 1;
  return n;
};

describe('the embedded emulator', () => {
  it('seeds samples on first start, keeps the data, does not seed again unless the container is gone', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-emu-'));
    const log: string[] = [];
    const seeding: { done: number; total: number }[] = [];
    const first = createEmulatorSupervisor({
      dataDir,
      manyCount: 12,
      log: (m) => log.push(m),
      onSeeding: (e) => seeding.push(e),
    });
    const [a, b] = await Promise.all([first.ensureRunning(), first.ensureRunning()]);
    expect(a).toBe(b);
    expect(await countBlobs(a.connectionString, 'many/')).toBe(12);
    // The count in files: rising, one total throughout, the last report all of them.
    const total = await countBlobs(a.connectionString, '');
    expect(seeding.length).toBeGreaterThan(0);
    expect(seeding.every((e) => e.total === total)).toBe(true);
    expect(seeding.map((e) => e.done)).toEqual(
      [...seeding.map((e) => e.done)].sort((x, y) => x - y),
    );
    expect(seeding.at(-1)).toEqual({ done: total, total });
    expect(
      JSON.parse(readFileSync(path.join(dataDir, 'emulator', 'running.json'), 'utf8')),
    ).toMatchObject({ blobEndpoint: a.blobEndpoint });
    await BlobServiceClient.fromConnectionString(a.connectionString)
      .getContainerClient('samples')
      .getBlockBlobClient('mine.txt')
      .upload('kept', 4);
    await first.stop();
    expect(existsSync(path.join(dataDir, 'emulator', 'running.json'))).toBe(false);
    expect(log.filter((m) => m.startsWith('Seeding'))).toHaveLength(1);

    const second = createEmulatorSupervisor({
      dataDir,
      manyCount: 12,
      log: (m) => log.push(m),
      onSeeding: (e) => seeding.push(e),
    });
    const again = await second.ensureRunning();
    const kept = await BlobServiceClient.fromConnectionString(again.connectionString)
      .getContainerClient('samples')
      .getBlobClient('mine.txt')
      .downloadToBuffer();
    expect(kept.toString()).toBe('kept');
    expect(log.filter((m) => m.startsWith('Seeding'))).toHaveLength(1);
    // Nothing to seed, nothing counted.
    expect(seeding.at(-1)).toEqual({ done: total, total });
    const reported = seeding.length;
    await BlobServiceClient.fromConnectionString(again.connectionString)
      .getContainerClient('samples')
      .delete();
    await second.stop();
    expect(seeding).toHaveLength(reported);

    const third = createEmulatorSupervisor({ dataDir, manyCount: 12, log: (m) => log.push(m) });
    const reseeded = await third.ensureRunning();
    expect(log.filter((m) => m.startsWith('Seeding'))).toHaveLength(2);
    expect(await countBlobs(reseeded.connectionString, 'many/')).toBe(12);
    await third.stop();
    await third.stop();
  });
});
