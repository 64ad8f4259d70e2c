import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Md5Check } from '../../shared/contract/transfers.js';
import {
  KiB,
  bytes,
  downloadArgs,
  engineFor,
  fileBytes,
  freshContainer,
  md5,
  tempDir,
} from './transferFixture.js';

/** A container with "bad.bin" (a wrong Content-MD5), "none.bin" (none) and "good.bin", 600 KiB each. */
async function blobs() {
  const container = await freshContainer('md5-modes');
  const data = { bad: bytes(600 * KiB), none: bytes(600 * KiB), good: bytes(600 * KiB) };
  for (const [name, b] of Object.entries(data)) {
    await container.getBlockBlobClient(`${name}.bin`).uploadData(b);
  }
  await container
    .getBlockBlobClient('bad.bin')
    .setHTTPHeaders({ blobContentMD5: Buffer.from(md5(bytes(10)), 'base64') });
  // Set Blob Properties replaces every content header: without one, the Content-MD5 is gone.
  await container.getBlockBlobClient('none.bin').setHTTPHeaders({ blobContentType: 'x/y' });
  expect(
    (await container.getBlockBlobClient('none.bin').getProperties()).contentMD5,
  ).toBeUndefined();
  return { container, data };
}

/** Downloads `name` with `checkMd5` at both block sizes (one Get Blob; ranges); the job summaries and the local folders. */
async function download(
  container: Awaited<ReturnType<typeof blobs>>['container'],
  name: string,
  checkMd5: Md5Check | undefined,
) {
  const runs = [];
  for (const blockSizeBytes of [8 * 1024 * KiB, 256 * KiB]) {
    const dir = await tempDir('md5-modes');
    const engine = await engineFor(container, { blockSizeBytes });
    await engine.enqueueDownload({
      ...downloadArgs(container, [{ path: name, kind: 'file' }], dir),
      ...(checkMd5 ? { checkMd5 } : {}),
    });
    await engine.whenIdle();
    runs.push({ job: engine.list()[0], dir, files: await readdir(dir) });
    await engine.close();
  }
  return runs;
}

describe('checkMd5 on downloads', () => {
  it('FailIfDifferent (the default) fails a mismatch and takes a blob without Content-MD5', async () => {
    const { container, data } = await blobs();
    for (const mode of [undefined, 'FailIfDifferent'] as const) {
      for (const run of await download(container, 'bad.bin', mode)) {
        expect(run.job?.state).toMatchObject({ kind: 'failed', error: { code: 'Conflict' } });
        expect(run.files).toEqual([]);
      }
      for (const run of await download(container, 'none.bin', mode)) {
        expect(run.job?.state).toEqual({ kind: 'completed' });
        expect((await fileBytes(path.join(run.dir, 'none.bin'))).equals(data.none)).toBe(true);
      }
    }
  });

  it('NoCheck keeps a mismatching file without a word', async () => {
    const { container, data } = await blobs();
    for (const run of await download(container, 'bad.bin', 'NoCheck')) {
      expect(run.job).toMatchObject({ state: { kind: 'completed' }, warnings: [] });
      expect((await fileBytes(path.join(run.dir, 'bad.bin'))).equals(data.bad)).toBe(true);
    }
  });

  it('LogOnly keeps a mismatching file and records the mismatch on the job', async () => {
    const { container, data } = await blobs();
    for (const run of await download(container, 'bad.bin', 'LogOnly')) {
      expect(run.job).toMatchObject({
        state: { kind: 'completed' },
        filesDone: 1,
        filesFailed: 0,
        warnings: [{ path: 'bad.bin', error: { code: 'Conflict' } }],
      });
      expect(run.job?.warnings[0]?.error.message).toMatch(/integrity check/);
      expect((await fileBytes(path.join(run.dir, 'bad.bin'))).equals(data.bad)).toBe(true);
    }
    for (const run of await download(container, 'good.bin', 'LogOnly')) {
      expect(run.job).toMatchObject({ state: { kind: 'completed' }, warnings: [] });
    }
  });

  it('FailIfDifferentOrMissing fails a blob without Content-MD5 with a clear error', async () => {
    const { container, data } = await blobs();
    for (const run of await download(container, 'none.bin', 'FailIfDifferentOrMissing')) {
      expect(run.job?.state).toMatchObject({ kind: 'failed', error: { code: 'Conflict' } });
      expect(run.job?.state.kind === 'failed' && run.job.state.error.message).toMatch(
        /"none\.bin" has no Content-MD5/,
      );
      expect(run.files).toEqual([]);
    }
    for (const run of await download(container, 'good.bin', 'FailIfDifferentOrMissing')) {
      expect(run.job?.state).toEqual({ kind: 'completed' });
      expect((await fileBytes(path.join(run.dir, 'good.bin'))).equals(data.good)).toBe(true);
    }
  });
});
