import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partSuffix } from './downloadFile.js';
import type { JobRecord } from './jobRecord.js';
import {
  KiB,
  blobBytes,
  bytes,
  downloadArgs,
  engineFor,
  fileBytes,
  freshContainer,
  md5,
  tempDir,
  until,
  uploadArgs,
} from './transferFixture.js';

/** A promise that never settles: a request frozen by a crash. */
const frozen = () => new Promise<never>(() => undefined);

/** The journal snapshot of the only job in `journalDir`, once `ready` holds for it (polled every 20 ms). */
async function journalOnce(
  journalDir: string,
  ready: (r: JobRecord) => boolean,
): Promise<JobRecord> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const name = (await readdir(journalDir)).find((n) => n.endsWith('.json'));
    if (name) {
      const r = JSON.parse(await readFile(path.join(journalDir, name), 'utf8')) as JobRecord;
      if (ready(r)) return r;
    }
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error('The journal never reached the expected state');
}

/**
 * A file of `size` bytes uploaded in 128 KiB blocks, two requests at a time, by an engine whose
 * requests freeze after `staged` blocks, as in a crash; resolves once the frozen requests were
 * sent and the journal holds the upload's block plan.
 */
async function uploadFrozenAfter(label: string, size: number, staged: number) {
  const container = await freshContainer(label);
  const dir = await tempDir(label);
  const journalDir = await tempDir(`${label}-journal`);
  const data = bytes(size);
  const file = path.join(dir, 'big.bin');
  await writeFile(file, data);
  let stageCalls = 0;
  const engine = await engineFor(container, {
    journalDir,
    blockSizeBytes: 128 * KiB,
    initialConcurrency: 2,
    hook: (m) => (m === 'stageBlock' && ++stageCalls > staged ? frozen() : undefined),
  });
  await engine.enqueueUpload(uploadArgs(container, [file]));
  await until(() => stageCalls > staged + 1);
  await journalOnce(
    journalDir,
    (r) => r.active[0]?.kind === 'upload' && r.active[0].blockSize === 128 * KiB,
  );
  return { container, journalDir, data };
}

describe('resume after a crash', () => {
  it('an upload stages only the blocks the service does not hold yet', async () => {
    const { container, journalDir, data } = await uploadFrozenAfter('resume-up', 2048 * KiB, 4);
    const blob = container.getBlockBlobClient('big.bin');
    const uncommitted = (await blob.getBlockList('uncommitted')).uncommittedBlocks ?? [];
    expect(uncommitted).toHaveLength(4);

    const calls: string[] = [];
    const engineB = await engineFor(container, {
      journalDir,
      blockSizeBytes: 128 * KiB,
      hook: (m) => void calls.push(m),
    });
    await engineB.whenIdle();
    expect(engineB.list()[0]).toMatchObject({
      state: { kind: 'completed' },
      bytesDone: data.length,
      // The 4 blocks found staged were sent by the crashed run, not this one.
      bytesResumed: 4 * 128 * KiB,
    });
    expect(calls.filter((m) => m === 'stageBlock')).toHaveLength(16 - 4);
    expect(calls.filter((m) => m === 'getBlockList')).toHaveLength(1);
    expect((await blobBytes(container, 'big.bin')).equals(data)).toBe(true);
    const props = await blob.getProperties();
    expect(Buffer.from(props.contentMD5 ?? []).toString('base64')).toBe(md5(data));
    await engineB.close();
  });

  it('an upload whose staged blocks are gone from the service stages them all again', async () => {
    const { journalDir, data } = await uploadFrozenAfter('resume-gone', 1024 * KiB, 3);
    // The journal's job resumes against a container where the blob and its blocks never were,
    // as after the service garbage-collected them: Get Block List answers 404 BlobNotFound.
    const emptied = await freshContainer('resume-gone-later');
    const calls: string[] = [];
    const engineB = await engineFor(emptied, {
      journalDir,
      blockSizeBytes: 128 * KiB,
      hook: (m) => void calls.push(m),
    });
    await engineB.whenIdle();
    expect(engineB.list()[0]).toMatchObject({ state: { kind: 'completed' }, bytesResumed: 0 });
    expect(calls.filter((m) => m === 'getBlockList')).toHaveLength(1);
    expect(calls.filter((m) => m === 'stageBlock')).toHaveLength(8);
    expect((await blobBytes(emptied, 'big.bin')).equals(data)).toBe(true);
    await engineB.close();
  });

  it('a download continues its part file; with resumeOnStart off the job comes back paused', async () => {
    const container = await freshContainer('resume-down');
    const data = bytes(2048 * KiB);
    await container.getBlockBlobClient('big.bin').uploadData(data);
    // Put Blob stores a Content-MD5, so the resumed part file is verified from its first byte.
    expect(
      (await container.getBlockBlobClient('big.bin').getProperties()).contentMD5,
    ).toBeDefined();
    const dir = await tempDir('resume-down');
    const journalDir = await tempDir('resume-down-journal');
    let rangesA = 0;
    const engineA = await engineFor(container, {
      journalDir,
      blockSizeBytes: 128 * KiB,
      initialConcurrency: 1,
      hook: (m) => (m === 'download' && ++rangesA > 5 ? frozen() : undefined),
    });
    await engineA.enqueueDownload(
      downloadArgs(container, [{ path: 'big.bin', kind: 'file' }], dir),
    );
    await journalOnce(
      journalDir,
      (r) => r.active[0]?.kind === 'download' && r.active[0].verifiedBytes === 5 * 128 * KiB,
    );
    const part = path.join(dir, `big.bin${partSuffix}`);
    expect((await stat(part)).size).toBeGreaterThanOrEqual(5 * 128 * KiB);

    const ranges: number[] = [];
    const engineB = await engineFor(container, {
      journalDir,
      resumeOnStart: false,
      blockSizeBytes: 128 * KiB,
      hook: (m, _n, args) => void (m === 'download' && ranges.push(args[0] as number)),
    });
    const [job] = engineB.list();
    expect(job).toMatchObject({ state: { kind: 'paused' }, bytesDone: 5 * 128 * KiB });
    engineB.resume(job?.id ?? '');
    await engineB.whenIdle();
    expect(engineB.list()[0]).toMatchObject({
      state: { kind: 'completed' },
      bytesDone: data.length,
      bytesResumed: 5 * 128 * KiB,
    });
    expect(ranges).toHaveLength(16 - 5);
    expect(Math.min(...ranges)).toBe(5 * 128 * KiB);
    expect((await fileBytes(path.join(dir, 'big.bin'))).equals(data)).toBe(true);
    await expect(stat(part)).rejects.toThrow();
    await engineB.close();
  });

  it('a folder upload does not repeat the files it finished', async () => {
    const container = await freshContainer('resume-folder');
    const dir = await tempDir('resume-folder');
    const root = path.join(dir, 'many');
    await mkdir(root);
    for (let i = 0; i < 30; i++)
      await writeFile(path.join(root, `f${String(i).padStart(2, '0')}.txt`), bytes(100));
    const journalDir = await tempDir('resume-folder-journal');
    let uploadsA = 0;
    const engineA = await engineFor(container, {
      journalDir,
      initialConcurrency: 1,
      maxConcurrency: 1,
      hook: (m) => (m === 'upload' && ++uploadsA > 10 ? frozen() : undefined),
    });
    await engineA.enqueueUpload(uploadArgs(container, [root]));
    await journalOnce(journalDir, (r) => r.filesDone === 10);
    await new Promise((r) => setTimeout(r, 600));
    const uploadsB: string[] = [];
    const engineB = await engineFor(container, {
      journalDir,
      hook: (m, name) => void (m === 'upload' && uploadsB.push(name)),
    });
    await engineB.whenIdle();
    expect(engineB.list()[0]).toMatchObject({
      state: { kind: 'completed' },
      filesDone: 30,
      filesTotal: 30,
      bytesDone: 3000,
      bytesResumed: 1000,
    });
    expect(uploadsB).toHaveLength(20);
    await engineB.close();
  });
});

describe('pause and resume', () => {
  it('stops scheduling blocks while paused and finishes after resume', async () => {
    const container = await freshContainer('pause');
    const dir = await tempDir('pause');
    const data = bytes(2048 * KiB);
    await writeFile(path.join(dir, 'big.bin'), data);
    let staged = 0;
    let jobId = '';
    let pausing: Promise<void> | undefined;
    const engine = await engineFor(container, {
      blockSizeBytes: 128 * KiB,
      initialConcurrency: 2,
      hook: (m) => {
        if (m === 'stageBlock' && ++staged === 3) pausing = engine.pause(jobId);
      },
    });
    [jobId = ''] = await engine.enqueueUpload(uploadArgs(container, [path.join(dir, 'big.bin')]));
    await until(() => pausing !== undefined);
    await pausing;
    expect(engine.list()[0]?.state).toEqual({ kind: 'paused' });
    const atPause = staged;
    await new Promise((r) => setTimeout(r, 200));
    expect(staged).toBe(atPause);
    expect(atPause).toBeLessThan(16);
    engine.resume(jobId);
    await engine.whenIdle();
    expect(engine.list()[0]).toMatchObject({ state: { kind: 'completed' }, bytesResumed: 0 });
    expect((await blobBytes(container, 'big.bin')).equals(data)).toBe(true);
    expect(await engine.clearFinished()).toEqual([jobId]);
    expect(engine.list()).toEqual([]);
    await engine.close();
  });
});
