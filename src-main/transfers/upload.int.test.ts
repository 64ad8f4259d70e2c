import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockId } from './blockPlan.js';
import { restError } from './testSupport.js';
import {
  KiB,
  blobBytes,
  bytes,
  downloadArgs,
  engineFor,
  freshContainer,
  md5,
  tempDir,
  until,
  uploadArgs,
} from './transferFixture.js';

describe('uploads', () => {
  it('puts a small file in one Put Blob with Content-MD5 and Content-Type', async () => {
    const container = await freshContainer('up-small');
    const dir = await tempDir('up-small');
    const data = bytes(10 * KiB);
    await writeFile(path.join(dir, 'sales.csv'), data);
    const calls: string[] = [];
    const engine = await engineFor(container, { hook: (m) => void calls.push(m) });
    const [id] = await engine.enqueueUpload(
      uploadArgs(container, [path.join(dir, 'sales.csv')], 'overwrite', 'in/2024'),
    );
    await engine.whenIdle();
    const job = engine.list().find((j) => j.id === id);
    expect(job?.state).toEqual({ kind: 'completed' });
    expect(job).toMatchObject({
      bytesDone: data.length,
      bytesTotal: data.length,
      filesDone: 1,
      remotePath: 'in/2024/sales.csv',
    });
    expect(calls).toEqual(['upload']);
    const props = await container.getBlockBlobClient('in/2024/sales.csv').getProperties();
    expect(props.contentType).toBe('text/csv');
    expect(Buffer.from(props.contentMD5 ?? []).toString('base64')).toBe(md5(data));
    expect((await blobBytes(container, 'in/2024/sales.csv')).equals(data)).toBe(true);
    await engine.close();
  });

  it('stages blocks in parallel and commits them with the whole-file MD5', async () => {
    const container = await freshContainer('up-blocks');
    const dir = await tempDir('up-blocks');
    const data = bytes(1300 * KiB);
    const file = path.join(dir, 'big.parquet');
    await writeFile(file, data);
    const staged: string[] = [];
    const engine = await engineFor(container, {
      blockSizeBytes: 256 * KiB,
      hook: (m, _n, args) => void (m === 'stageBlock' && staged.push(args[0] as string)),
    });
    await engine.enqueueUpload(uploadArgs(container, [file]));
    await engine.whenIdle();
    expect(engine.list()[0]?.state).toEqual({ kind: 'completed' });
    expect(staged.sort()).toEqual([0, 1, 2, 3, 4, 5].map(blockId).sort());
    const blob = container.getBlockBlobClient('big.parquet');
    const list = await blob.getBlockList('committed');
    expect(list.committedBlocks?.map((b) => b.name)).toEqual([0, 1, 2, 3, 4, 5].map(blockId));
    expect(list.committedBlocks?.map((b) => b.size)).toEqual([
      ...Array(5).fill(256 * KiB),
      20 * KiB,
    ]);
    const props = await blob.getProperties();
    expect(Buffer.from(props.contentMD5 ?? []).toString('base64')).toBe(md5(data));
    expect(props.contentType).toBe('application/vnd.apache.parquet');
    expect((await blobBytes(container, 'big.parquet')).equals(data)).toBe(true);
    await engine.close();
  });

  it('uploads a folder recursively, keeping its structure', async () => {
    const container = await freshContainer('up-folder');
    const dir = await tempDir('up-folder');
    const root = path.join(dir, 'lake');
    const files: Record<string, Buffer> = {
      'a.txt': bytes(100),
      'sub/b.json': bytes(3000),
      'sub/deeper/c.bin': bytes(600 * KiB),
      'sub/deeper/empty.dat': Buffer.alloc(0),
      'other/d.csv': bytes(10),
    };
    for (const [rel, data] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), data);
    }
    const events: number[] = [];
    const engine = await engineFor(container, {
      blockSizeBytes: 256 * KiB,
      onEvent: () => void events.push(Date.now()),
    });
    const [id] = await engine.enqueueUpload(uploadArgs(container, [root], 'overwrite', 'drop'));
    await engine.whenIdle();
    const job = engine.list().find((j) => j.id === id);
    expect(job).toMatchObject({
      kind: 'folder',
      state: { kind: 'completed' },
      filesDone: 5,
      filesTotal: 5,
    });
    expect(job?.bytesDone).toBe(Object.values(files).reduce((s, b) => s + b.length, 0));
    for (const [rel, data] of Object.entries(files)) {
      expect((await blobBytes(container, `drop/lake/${rel}`)).equals(data)).toBe(true);
    }
    await until(() => events.length > 0);
    for (let i = 1; i < events.length; i++) {
      expect((events[i] ?? 0) - (events[i - 1] ?? 0)).toBeGreaterThanOrEqual(90);
    }
    await engine.close();
  });

  it('sends each new small file of a folder with one Put Blob and nothing else', async () => {
    const container = await freshContainer('up-small');
    const dir = await tempDir('up-small');
    await mkdir(path.join(dir, 's'));
    for (let i = 0; i < 20; i++) await writeFile(path.join(dir, 's', `f${i}.bin`), bytes(100 * i));
    const calls: string[] = [];
    const engine = await engineFor(container, {
      hook: (m, name) => void calls.push(`${m} ${name}`),
    });
    await engine.enqueueUpload(uploadArgs(container, [path.join(dir, 's')], 'ask'));
    await engine.whenIdle();
    expect(engine.list()[0]).toMatchObject({ state: { kind: 'completed' }, filesDone: 20 });
    expect(calls.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `upload s/f${i}.bin`).sort());
    await engine.close();
  });

  it('retries 503 (honouring Retry-After) on Put Block and connection resets, then succeeds', async () => {
    const container = await freshContainer('up-retry');
    const dir = await tempDir('up-retry');
    const data = bytes(700 * KiB);
    await writeFile(path.join(dir, 'f.bin'), data);
    let failures = 0;
    let stageCalls = 0;
    const engine = await engineFor(container, {
      blockSizeBytes: 256 * KiB,
      hook: (m) => {
        if (m !== 'stageBlock') return;
        stageCalls++;
        if (failures < 3) {
          failures++;
          throw failures === 2
            ? Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
            : restError(503, { 'retry-after': '0' });
        }
      },
    });
    await engine.enqueueUpload(uploadArgs(container, [path.join(dir, 'f.bin')]));
    await engine.whenIdle();
    expect(engine.list()[0]?.state).toEqual({ kind: 'completed' });
    expect(stageCalls).toBe(3 + 3);
    expect((await blobBytes(container, 'f.bin')).equals(data)).toBe(true);
    await engine.close();
  });

  it('fails after the retry budget with the last error', async () => {
    const container = await freshContainer('up-budget');
    const dir = await tempDir('up-budget');
    await writeFile(path.join(dir, 'f.bin'), bytes(100));
    let calls = 0;
    const engine = await engineFor(container, {
      hook: (m) => {
        if (m === 'upload') {
          calls++;
          throw restError(calls < 4 ? 503 : 500);
        }
      },
    });
    await engine.enqueueUpload(uploadArgs(container, [path.join(dir, 'f.bin')]));
    await engine.whenIdle();
    expect(calls).toBe(4);
    expect(engine.list()[0]?.state).toMatchObject({
      kind: 'failed',
      error: { code: 'Transient', status: 500 },
    });
    await engine.close();
  });

  it('does not retry AuthFailed, and a folder job stops at once', async () => {
    const container = await freshContainer('up-auth');
    const dir = await tempDir('up-auth');
    for (let i = 0; i < 20; i++) await writeFile(path.join(dir, `f${i}.txt`), bytes(10));
    let calls = 0;
    const engine = await engineFor(container, {
      hook: () => {
        calls++;
        throw restError(403, { 'x-ms-error-code': 'AuthenticationFailed' });
      },
    });
    await engine.enqueueUpload(uploadArgs(container, [dir], 'skip'));
    await engine.whenIdle();
    expect(engine.list()[0]?.state).toMatchObject({
      kind: 'failed',
      error: { code: 'AuthFailed' },
    });
    expect(calls).toBeLessThanOrEqual(32);
    await engine.close();
  });

  it('cancels mid-upload without committing a blob', async () => {
    const container = await freshContainer('up-cancel');
    const dir = await tempDir('up-cancel');
    await writeFile(path.join(dir, 'big.bin'), bytes(2048 * KiB));
    let staged = 0;
    let jobId = '';
    let cancelling: Promise<void> | undefined;
    const engine = await engineFor(container, {
      blockSizeBytes: 128 * KiB,
      initialConcurrency: 2,
      hook: (m) => {
        if (m === 'stageBlock' && ++staged === 3) cancelling = engine.cancel(jobId);
      },
    });
    [jobId = ''] = await engine.enqueueUpload(uploadArgs(container, [path.join(dir, 'big.bin')]));
    await until(() => cancelling !== undefined);
    await cancelling;
    expect(engine.list()[0]?.state).toEqual({ kind: 'cancelled' });
    expect(staged).toBeLessThan(16);
    expect(await container.getBlockBlobClient('big.bin').exists()).toBe(false);
    await engine.close();
  });

  it('a folder job goes on past a failed file, and retry sends only what failed', async () => {
    const container = await freshContainer('up-retry-failed');
    const dir = await tempDir('up-retry-failed');
    for (const n of ['a', 'b', 'c', 'd']) await writeFile(path.join(dir, `${n}.txt`), n);
    let broken = true;
    const uploads: string[] = [];
    const engine = await engineFor(container, {
      hook: (m, name) => {
        if (m !== 'upload') return;
        uploads.push(name);
        if (broken && name.endsWith('/c.txt')) throw restError(500);
      },
    });
    const [id = ''] = await engine.enqueueUpload(uploadArgs(container, [dir]));
    await engine.whenIdle();
    const failed = engine.list()[0];
    expect(failed).toMatchObject({
      filesDone: 3,
      filesFailed: 1,
      state: { kind: 'failed', error: { code: 'Transient' } },
    });
    expect(failed?.failures[0]?.path).toBe(path.join(dir, 'c.txt'));
    expect(failed?.state.kind === 'failed' && failed.state.error.message).toMatch(
      /^1 of 4 files failed/,
    );
    broken = false;
    uploads.length = 0;
    engine.retry(id);
    await engine.whenIdle();
    expect(engine.list()[0]).toMatchObject({
      filesDone: 4,
      filesFailed: 0,
      failures: [],
      state: { kind: 'completed' },
    });
    expect(uploads.map((n) => n.slice(n.lastIndexOf('/') + 1))).toEqual(['c.txt']);
    await engine.close();
  });

  it('uploads empty folders as zero-length hdi_isfolder blobs, and downloads them back as folders', async () => {
    const container = await freshContainer('up-empty-dirs');
    const dir = await tempDir('up-empty-dirs');
    const root = path.join(dir, 'lake');
    await mkdir(path.join(root, 'empty'), { recursive: true });
    await mkdir(path.join(root, 'sub', 'deeper', 'leaf'), { recursive: true });
    await writeFile(path.join(root, 'sub', 'a.txt'), 'a');
    const engine = await engineFor(container);
    await engine.enqueueUpload(uploadArgs(container, [root], 'skip', 'drop'));
    await engine.whenIdle();
    expect(engine.list()[0]).toMatchObject({ state: { kind: 'completed' }, filesDone: 3 });
    const blobs = [];
    for await (const b of container.listBlobsFlat({ prefix: 'drop/', includeMetadata: true })) {
      blobs.push([b.name, b.properties.contentLength, b.metadata?.hdi_isfolder]);
    }
    expect(blobs).toEqual([
      ['drop/lake/empty', 0, 'true'],
      ['drop/lake/sub/a.txt', 1, undefined],
      ['drop/lake/sub/deeper/leaf', 0, 'true'],
    ]);
    // Running it again leaves the markers (and skips the file).
    const [again] = await engine.enqueueUpload(uploadArgs(container, [root], 'skip', 'drop'));
    await engine.whenIdle();
    expect(engine.list().find((j) => j.id === again)).toMatchObject({
      state: { kind: 'completed' },
      filesDone: 2,
      filesSkipped: 1,
    });
    await engine.close();

    const out = await tempDir('up-empty-dirs-out');
    const down = await engineFor(container);
    await down.enqueueDownload(
      downloadArgs(container, [{ path: 'drop/lake', kind: 'directory' }], out),
    );
    await down.whenIdle();
    expect(down.list()[0]?.state).toEqual({ kind: 'completed' });
    expect((await stat(path.join(out, 'lake', 'empty'))).isDirectory()).toBe(true);
    expect((await stat(path.join(out, 'lake', 'sub', 'deeper', 'leaf'))).isDirectory()).toBe(true);
    await down.close();
  });

  it('uploads an empty root folder as one folder marker under its name', async () => {
    const container = await freshContainer('up-empty-root');
    const dir = await tempDir('up-empty-root');
    await mkdir(path.join(dir, 'nothing'));
    const engine = await engineFor(container);
    const [id] = await engine.enqueueUpload(
      uploadArgs(container, [path.join(dir, 'nothing')], 'skip', 'drop'),
    );
    await engine.whenIdle();
    expect(engine.list().find((j) => j.id === id)).toMatchObject({
      kind: 'folder',
      state: { kind: 'completed' },
      filesDone: 1,
      filesTotal: 1,
      bytesTotal: 0,
    });
    const blobs = [];
    for await (const b of container.listBlobsFlat({ includeMetadata: true })) {
      blobs.push([b.name, b.properties.contentLength, b.metadata?.hdi_isfolder]);
    }
    expect(blobs).toEqual([['drop/nothing', 0, 'true']]);
    await engine.close();
  });
});
