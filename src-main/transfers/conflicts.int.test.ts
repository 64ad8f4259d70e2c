import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startFaultProxy } from './faultProxy.js';
import type { ConflictPolicy } from '../../shared/contract/transfers.js';
import {
  KiB,
  blobBytes,
  bytes,
  containerThroughProxy,
  downloadArgs,
  engineFor,
  freshContainer,
  tempDir,
  until,
  uploadArgs,
} from './transferFixture.js';

const past = new Date('2020-01-01T00:00:00Z');
const future = new Date(Date.now() + 3_600_000);

/** An upload of `local` (content "new", mtime `mtime`) onto an existing blob "x.txt" ("old") under `policy`. */
async function uploadOnto(policy: ConflictPolicy, mtime: Date) {
  const container = await freshContainer(`upc-${policy}`);
  await container.getBlockBlobClient('x.txt').uploadData(Buffer.from('old'));
  const dir = await tempDir('upc');
  const file = path.join(dir, 'x.txt');
  await writeFile(file, 'new');
  await utimes(file, mtime, mtime);
  const engine = await engineFor(container);
  const [id = ''] = await engine.enqueueUpload(uploadArgs(container, [file], policy));
  return { container, engine, id, file };
}

/** A download of blob "x.txt" ("new") onto an existing local file ("old", mtime `mtime`) under `policy`. */
async function downloadOnto(policy: ConflictPolicy, mtime: Date) {
  const container = await freshContainer(`downc-${policy}`);
  await container.getBlockBlobClient('x.txt').uploadData(Buffer.from('new'));
  const dir = await tempDir('downc');
  await writeFile(path.join(dir, 'x.txt'), 'old');
  await utimes(path.join(dir, 'x.txt'), mtime, mtime);
  const engine = await engineFor(container);
  const [id = ''] = await engine.enqueueDownload(
    downloadArgs(container, [{ path: 'x.txt', kind: 'file' }], dir, policy),
  );
  return { container, engine, id, dir };
}

const text = async (p: string) => (await readFile(p)).toString();

describe('upload conflicts (the blob exists)', () => {
  it('overwrite replaces, skip keeps, rename writes "x (1).txt"', async () => {
    for (const [policy, expected] of [
      ['overwrite', { 'x.txt': 'new' }],
      ['skip', { 'x.txt': 'old' }],
      ['rename', { 'x.txt': 'old', 'x (1).txt': 'new' }],
    ] as const) {
      const { container, engine } = await uploadOnto(policy, past);
      await engine.whenIdle();
      expect(engine.list()[0]?.state.kind).toBe(policy === 'skip' ? 'skipped' : 'completed');
      for (const [name, content] of Object.entries(expected)) {
        expect((await blobBytes(container, name)).toString()).toBe(content);
      }
      const names: string[] = [];
      for await (const b of container.listBlobsFlat()) names.push(b.name);
      expect(names.sort()).toEqual(Object.keys(expected).sort());
      await engine.close();
    }
  });

  it('a file kept under a new name reports the blob it wrote, and the rename', async () => {
    const { engine } = await uploadOnto('rename', past);
    await engine.whenIdle();
    const summary = engine.list()[0]!;
    expect(summary.remotePath).toBe('x (1).txt');
    expect(summary.rewrites).toEqual([
      { from: 'x.txt', to: 'x (1).txt', reason: 'a blob of that name existed' },
    ]);
    await engine.close();
  });

  it('ifNewer uploads only a file newer than the blob', async () => {
    const older = await uploadOnto('ifNewer', past);
    await older.engine.whenIdle();
    expect(older.engine.list()[0]?.state.kind).toBe('skipped');
    expect((await blobBytes(older.container, 'x.txt')).toString()).toBe('old');
    const newer = await uploadOnto('ifNewer', future);
    await newer.engine.whenIdle();
    expect(newer.engine.list()[0]?.state.kind).toBe('completed');
    expect((await blobBytes(newer.container, 'x.txt')).toString()).toBe('new');
  });

  it('ask waits with the conflict shown, then follows the answer', async () => {
    const { container, engine, id } = await uploadOnto('ask', past);
    await until(() => engine.list()[0]?.state.kind === 'waiting');
    expect(engine.list()[0]?.state).toMatchObject({
      kind: 'waiting',
      conflict: { path: 'x.txt', existingSize: 3, incomingSize: 3 },
    });
    engine.resolveConflict({ jobId: id, answer: 'overwrite', applyToAll: false });
    await engine.whenIdle();
    expect(engine.list()[0]?.state.kind).toBe('completed');
    expect((await blobBytes(container, 'x.txt')).toString()).toBe('new');
    await engine.close();
  });

  it('one answer with applyToAll covers every conflict of the batch (all folders)', async () => {
    const container = await freshContainer('upc-all');
    const dir = await tempDir('upc-all');
    const local: string[] = [];
    for (const folder of ['f1', 'f2', 'f3']) {
      const p = path.join(dir, folder);
      await mkdir(p);
      for (const n of ['a.txt', 'b.txt']) {
        await writeFile(path.join(p, n), 'new');
        await container.getBlockBlobClient(`${folder}/${n}`).uploadData(Buffer.from('old'));
      }
      local.push(p);
    }
    const engine = await engineFor(container);
    const ids = await engine.enqueueUpload(uploadArgs(container, local, 'ask'));
    await until(() => engine.list().some((j) => j.state.kind === 'waiting'));
    const waiting = engine.list().find((j) => j.state.kind === 'waiting');
    engine.resolveConflict({ jobId: waiting?.id ?? '', answer: 'skip', applyToAll: true });
    await engine.whenIdle();
    for (const id of ids) {
      expect(engine.list().find((j) => j.id === id)).toMatchObject({
        state: { kind: 'completed' },
        filesSkipped: 2,
      });
    }
    expect(() =>
      engine.resolveConflict({ jobId: ids[0] ?? '', answer: 'skip', applyToAll: false }),
    ).toThrow(/not waiting/);
    await engine.close();
  });
});

describe('upload conditions (a blob created between the check and the write)', () => {
  /** Uploads `size` bytes as "y.bin" under `policy`; `theirs` is written to the blob just before the engine's first Put Block (or Put Blob). */
  async function race(policy: ConflictPolicy, size: number) {
    const container = await freshContainer(`upr-${policy}`);
    const dir = await tempDir('upr');
    const file = path.join(dir, 'y.bin');
    const ours = bytes(size);
    await writeFile(file, ours);
    let raced = false;
    const engine = await engineFor(container, {
      blockSizeBytes: 256 * KiB,
      hook: async (method) => {
        if (raced || (method !== 'stageBlock' && method !== 'upload')) return;
        raced = true;
        await container.getBlockBlobClient('y.bin').uploadData(Buffer.from('theirs'));
      },
    });
    await engine.enqueueUpload(uploadArgs(container, [file], policy));
    await engine.whenIdle();
    const result = { state: engine.list()[0]?.state, blob: await blobBytes(container, 'y.bin') };
    await engine.close();
    return { ...result, ours };
  }

  it('a commit (If-None-Match: *) that meets a new blob fails with Conflict and leaves it', async () => {
    for (const policy of ['ask', 'skip', 'rename', 'ifNewer'] as const) {
      const { state, blob } = await race(policy, 600 * KiB);
      expect(state).toMatchObject({ kind: 'failed', error: { code: 'Conflict' } });
      expect(state?.kind === 'failed' && state.error.message).toMatch(
        /"y\.bin" was created by someone else while it was being uploaded/,
      );
      expect(blob.toString()).toBe('theirs');
    }
  });

  it('overwrite replaces a blob created meanwhile', async () => {
    const { state, blob, ours } = await race('overwrite', 600 * KiB);
    expect(state).toEqual({ kind: 'completed' });
    expect(blob.equals(ours)).toBe(true);
  });

  it('a small file sent without a check meets the blob and follows the policy', async () => {
    const skipped = await race('skip', 100);
    expect(skipped.state?.kind).toBe('skipped');
    expect(skipped.blob.toString()).toBe('theirs');
  });
});

describe('upload conditions in a folder job', () => {
  it('a file whose blob appeared before its commit fails with Conflict; their bytes stay, the rest goes on', async () => {
    for (const policy of ['skip', 'rename', 'ask'] as const) {
      const container = await freshContainer(`uprf-${policy}`);
      const dir = await tempDir('uprf');
      const root = path.join(dir, 'set');
      await mkdir(root);
      const big = bytes(600 * KiB);
      await writeFile(path.join(root, 'big.bin'), big);
      await writeFile(path.join(root, 'small.txt'), 'small');
      let raced = false;
      const engine = await engineFor(container, {
        blockSizeBytes: 256 * KiB,
        hook: async (method, name) => {
          if (raced || method !== 'stageBlock' || name !== 'set/big.bin') return;
          raced = true;
          await container.getBlockBlobClient('set/big.bin').uploadData(Buffer.from('theirs'));
        },
      });
      await engine.enqueueUpload(uploadArgs(container, [root], policy));
      await engine.whenIdle();
      expect(engine.list()[0]).toMatchObject({
        state: { kind: 'failed', error: { code: 'Conflict' } },
        filesDone: 1,
        filesFailed: 1,
        failures: [{ path: path.join(root, 'big.bin'), error: { code: 'Conflict', status: 409 } }],
      });
      expect((await blobBytes(container, 'set/big.bin')).toString()).toBe('theirs');
      expect((await blobBytes(container, 'set/small.txt')).toString()).toBe('small');
      await engine.close();
    }
  });

  it("a conditional write applied whose answer was lost is not taken for someone else's blob on its retry", async () => {
    const container = await freshContainer('upr-lost');
    const endpoint = new URL(inject('azuriteBlobEndpoint'));
    // The first conditional Put Blob and Put Block List of each blob reach the service, which
    // applies them, but their answers never come back.
    const lostOnce = new Set<string>();
    const proxy = await startFaultProxy(endpoint.origin, (_n, req) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const write =
        req.method === 'PUT' &&
        (url.searchParams.get('comp') === 'blocklist' ||
          req.headers['x-ms-blob-type'] === 'BlockBlob');
      if (!write || req.headers['if-none-match'] !== '*' || lostOnce.has(url.pathname))
        return 'pass';
      lostOnce.add(url.pathname);
      return 'lost';
    });
    // Opened as the service opens a transfer connection, so its pipelines carry the storage
    // layer's lost-answer rules, which confirm the retried writes as this upload's own.
    const viaProxy = containerThroughProxy(proxy.url, container.containerName);
    const dir = await tempDir('upr-lost');
    const big = bytes(600 * KiB);
    const small = bytes(1000);
    await writeFile(path.join(dir, 'big.bin'), big);
    await writeFile(path.join(dir, 'small.bin'), small);
    const engine = await engineFor(viaProxy, { blockSizeBytes: 256 * KiB });
    const ids = await engine.enqueueUpload(
      uploadArgs(container, [path.join(dir, 'big.bin'), path.join(dir, 'small.bin')], 'rename'),
    );
    await engine.whenIdle();
    expect(
      [...lostOnce].map((p) => decodeURIComponent(p.slice(p.lastIndexOf('/') + 1))).sort(),
    ).toEqual(['big.bin', 'small.bin']);
    for (const id of ids) {
      expect(engine.list().find((j) => j.id === id)?.state).toEqual({ kind: 'completed' });
    }
    expect((await blobBytes(container, 'big.bin')).equals(big)).toBe(true);
    expect((await blobBytes(container, 'small.bin')).equals(small)).toBe(true);
    const names: string[] = [];
    for await (const b of container.listBlobsFlat()) names.push(b.name);
    expect(names.sort()).toEqual(['big.bin', 'small.bin']);
    await engine.close();
    await proxy.close();
  });
});

describe('download conflicts (the local file exists)', () => {
  it('overwrite replaces, skip keeps, rename writes "x (1).txt"', async () => {
    for (const [policy, expected] of [
      ['overwrite', { 'x.txt': 'new' }],
      ['skip', { 'x.txt': 'old' }],
      ['rename', { 'x.txt': 'old', 'x (1).txt': 'new' }],
    ] as const) {
      const { engine, dir } = await downloadOnto(policy, future);
      await engine.whenIdle();
      expect(engine.list()[0]?.state.kind).toBe(policy === 'skip' ? 'skipped' : 'completed');
      for (const [name, content] of Object.entries(expected)) {
        expect(await text(path.join(dir, name))).toBe(content);
      }
      await engine.close();
    }
  });

  it('ifNewer downloads only a blob newer than the file', async () => {
    const older = await downloadOnto('ifNewer', future);
    await older.engine.whenIdle();
    expect(older.engine.list()[0]?.state.kind).toBe('skipped');
    expect(await text(path.join(older.dir, 'x.txt'))).toBe('old');
    const newer = await downloadOnto('ifNewer', past);
    await newer.engine.whenIdle();
    expect(newer.engine.list()[0]?.state.kind).toBe('completed');
    expect(await text(path.join(newer.dir, 'x.txt'))).toBe('new');
  });

  it('ask waits, and rename answers it', async () => {
    const { engine, id, dir } = await downloadOnto('ask', past);
    await until(() => engine.list()[0]?.state.kind === 'waiting');
    expect(engine.list()[0]?.state).toMatchObject({
      kind: 'waiting',
      conflict: { path: path.join(dir, 'x.txt') },
    });
    engine.resolveConflict({ jobId: id, answer: 'rename', applyToAll: false });
    await engine.whenIdle();
    expect(await text(path.join(dir, 'x.txt'))).toBe('old');
    expect(await text(path.join(dir, 'x (1).txt'))).toBe('new');
    // The job names the file it wrote, and the rename.
    expect(engine.list()[0]?.localPath).toBe(path.join(dir, 'x (1).txt'));
    expect(engine.list()[0]?.rewrites).toEqual([
      {
        from: path.join(dir, 'x.txt'),
        to: path.join(dir, 'x (1).txt'),
        reason: 'a file of that name existed',
      },
    ]);
    await engine.close();
  });
});
