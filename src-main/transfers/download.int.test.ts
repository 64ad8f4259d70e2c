import type { BlockBlobClient } from '@azure/storage-blob';
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partSuffix } from './downloadFile.js';
import {
  KiB,
  bytes,
  downloadArgs,
  engineFor,
  fileBytes,
  freshContainer,
  md5,
  tempDir,
  until,
} from './transferFixture.js';

/** Every file under `dir`, relative, `/`-separated, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Sets a Content-MD5 that does not match the blob's bytes (Set Blob Properties; Put Blob would refuse it). */
const wrongMd5 = (blob: BlockBlobClient) =>
  blob.setHTTPHeaders({ blobContentMD5: Buffer.from(md5(bytes(10)), 'base64') });

describe('downloads', () => {
  it('downloads a blob in parallel ranges, verifying its Content-MD5', async () => {
    const container = await freshContainer('down-file');
    const data = bytes(1100 * KiB);
    await container.getBlockBlobClient('in/big.bin').uploadData(data, {
      blobHTTPHeaders: { blobContentMD5: Buffer.from(md5(data), 'base64') },
    });
    const dir = await tempDir('down-file');
    const ranges: string[] = [];
    const engine = await engineFor(container, {
      blockSizeBytes: 256 * KiB,
      hook: (m, _n, args) =>
        void (m === 'download' && ranges.push(`${String(args[0])}+${String(args[1])}`)),
    });
    const [id] = await engine.enqueueDownload(
      downloadArgs(container, [{ path: 'in/big.bin', kind: 'file' }], dir),
    );
    await engine.whenIdle();
    const job = engine.list().find((j) => j.id === id);
    expect(job).toMatchObject({
      state: { kind: 'completed' },
      bytesDone: data.length,
      bytesTotal: data.length,
      localPath: path.join(dir, 'big.bin'),
    });
    expect(ranges).toHaveLength(5);
    expect((await fileBytes(path.join(dir, 'big.bin'))).equals(data)).toBe(true);
    expect(await filesUnder(dir)).toEqual(['big.bin']);
    await engine.close();
  });

  it('downloads a directory recursively, keeping its structure', async () => {
    const container = await freshContainer('down-folder');
    const blobs: Record<string, Buffer> = {
      'lake/a.txt': bytes(10),
      'lake/sub/b.csv': bytes(300 * KiB),
      'lake/sub/deeper/c.bin': bytes(5),
      'lake/empty.dat': Buffer.alloc(0),
      'other/x.txt': bytes(3),
    };
    for (const [name, data] of Object.entries(blobs))
      await container.getBlockBlobClient(name).uploadData(data);
    const dir = await tempDir('down-folder');
    const engine = await engineFor(container, { blockSizeBytes: 128 * KiB });
    const [id] = await engine.enqueueDownload(
      downloadArgs(container, [{ path: 'lake', kind: 'directory' }], dir),
    );
    await engine.whenIdle();
    expect(engine.list().find((j) => j.id === id)).toMatchObject({
      state: { kind: 'completed' },
      filesDone: 4,
      filesTotal: 4,
      rewrites: [],
    });
    expect(await filesUnder(dir)).toEqual([
      'lake/a.txt',
      'lake/empty.dat',
      'lake/sub/b.csv',
      'lake/sub/deeper/c.bin',
    ]);
    for (const [name, data] of Object.entries(blobs)) {
      if (name.startsWith('lake/'))
        expect((await fileBytes(path.join(dir, name))).equals(data)).toBe(true);
    }
    await engine.close();
  });

  it('fetches each small blob of a folder with one Get Blob and nothing else', async () => {
    const container = await freshContainer('down-small');
    for (let i = 0; i < 20; i++)
      await container.getBlockBlobClient(`s/f${i}.bin`).uploadData(bytes(100 * i));
    const calls: string[] = [];
    const engine = await engineFor(container, {
      hook: (m, name) => void calls.push(`${m} ${name}`),
    });
    const dir = await tempDir('down-small');
    await engine.enqueueDownload(downloadArgs(container, [{ path: 's', kind: 'directory' }], dir));
    await engine.whenIdle();
    expect(engine.list()[0]).toMatchObject({ state: { kind: 'completed' }, filesDone: 20 });
    // f0 is empty: no request at all.
    expect(calls.sort()).toEqual(
      Array.from({ length: 19 }, (_, i) => `download s/f${i + 1}.bin`).sort(),
    );
    await engine.close();
  });

  it('fails a blob changed between ranges (ETag condition), leaving the target untouched', async () => {
    const container = await freshContainer('down-tamper');
    const data = bytes(1024 * KiB);
    const blob = container.getBlockBlobClient('data.bin');
    await blob.uploadData(data);
    const dir = await tempDir('down-tamper');
    const target = path.join(dir, 'data.bin');
    await writeFile(target, 'old content');
    let ranges = 0;
    const engine = await engineFor(container, {
      blockSizeBytes: 128 * KiB,
      initialConcurrency: 1,
      hook: async (m) => {
        if (m === 'download' && ++ranges === 2) await blob.uploadData(bytes(1024 * KiB));
      },
    });
    await engine.enqueueDownload(
      downloadArgs(container, [{ path: 'data.bin', kind: 'file' }], dir),
    );
    await engine.whenIdle();
    const state = engine.list()[0]?.state;
    expect(state).toMatchObject({ kind: 'failed', error: { code: 'Conflict' } });
    expect(state?.kind === 'failed' && state.error.message).toMatch(/changed on the service/);
    expect((await fileBytes(target)).toString()).toBe('old content');
    expect(await filesUnder(dir)).toEqual(['data.bin']);
    await engine.close();
  });

  it('fails a download whose bytes do not match the blob Content-MD5', async () => {
    const container = await freshContainer('down-md5');
    const data = bytes(600 * KiB);
    await container.getBlockBlobClient('bad.bin').uploadData(data);
    await wrongMd5(container.getBlockBlobClient('bad.bin'));
    const dir = await tempDir('down-md5');
    for (const blockSizeBytes of [256 * KiB, 8 * 1024 * KiB]) {
      const engine = await engineFor(container, { blockSizeBytes });
      await engine.enqueueDownload(
        downloadArgs(container, [{ path: 'bad.bin', kind: 'file' }], dir),
      );
      await engine.whenIdle();
      const state = engine.list()[0]?.state;
      expect(state).toMatchObject({ kind: 'failed', error: { code: 'Conflict' } });
      expect(state?.kind === 'failed' && state.error.message).toMatch(/integrity check/);
      expect(await filesUnder(dir)).toEqual([]);
      await engine.close();
    }
  });

  it('verifies the Content-MD5 of blobs found by listing (returned with the ranges)', async () => {
    const container = await freshContainer('down-md5-list');
    await container.getBlockBlobClient('d/bad.bin').uploadData(bytes(300 * KiB));
    await wrongMd5(container.getBlockBlobClient('d/bad.bin'));
    await container.getBlockBlobClient('d/good.bin').uploadData(bytes(300 * KiB));
    const dir = await tempDir('down-md5-list');
    const engine = await engineFor(container, { blockSizeBytes: 128 * KiB });
    await engine.enqueueDownload(downloadArgs(container, [{ path: 'd', kind: 'directory' }], dir));
    await engine.whenIdle();
    const job = engine.list()[0];
    expect(job).toMatchObject({
      state: { kind: 'failed' },
      filesDone: 1,
      filesFailed: 1,
      failures: [{ path: 'd/bad.bin' }],
    });
    expect(await filesUnder(dir)).toEqual(['d/good.bin']);
    await engine.close();
  });

  it('cancels mid-download and removes the part file', async () => {
    const container = await freshContainer('down-cancel');
    await container.getBlockBlobClient('big.bin').uploadData(bytes(2048 * KiB));
    const dir = await tempDir('down-cancel');
    let ranges = 0;
    let partSeen = false;
    let jobId = '';
    let cancelling: Promise<void> | undefined;
    const engine = await engineFor(container, {
      blockSizeBytes: 128 * KiB,
      initialConcurrency: 2,
      hook: async (m) => {
        if (m !== 'download') return;
        if (++ranges === 4) {
          partSeen = await stat(path.join(dir, `big.bin${partSuffix}`)).then(
            () => true,
            () => false,
          );
          cancelling = engine.cancel(jobId);
        }
      },
    });
    [jobId = ''] = await engine.enqueueDownload(
      downloadArgs(container, [{ path: 'big.bin', kind: 'file' }], dir),
    );
    await until(() => cancelling !== undefined);
    await cancelling;
    expect(engine.list()[0]?.state).toEqual({ kind: 'cancelled' });
    expect(partSeen).toBe(true);
    expect(ranges).toBeLessThan(16);
    expect(await filesUnder(dir)).toEqual([]);
    await engine.close();
  });
});
