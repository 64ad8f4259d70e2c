import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { TransferEngine } from './createTransferEngine.js';
import { startFaultProxy, type FaultProxy } from './faultProxy.js';
import {
  KiB,
  blobBytes,
  bytes,
  containerThroughProxy,
  engineFor,
  freshContainer,
  tempDir,
  uploadArgs,
} from './transferFixture.js';

let proxy: FaultProxy | undefined;
let engine: TransferEngine | undefined;
afterEach(async () => {
  await engine?.close();
  await proxy?.close();
  engine = undefined;
  proxy = undefined;
});

/**
 * An upload of `size` bytes through a proxy that holds the answer of its final write (Put Block
 * List, or the one Put Blob of a small file) after the service applied it, and cancels the job
 * then: the cancel arrives while the write's answer is on its way.
 */
async function cancelWhileCommitIsAnswered(label: string, size: number) {
  const container = await freshContainer(label);
  proxy = await startFaultProxy(new URL(inject('azuriteBlobEndpoint')).origin, (_n, req) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const finalWrite =
      req.method === 'PUT' &&
      (url.searchParams.get('comp') === 'blocklist' ||
        (req.headers['x-ms-blob-type'] === 'BlockBlob' && !url.searchParams.has('comp')));
    return finalWrite ? 'held' : 'pass';
  });
  const viaProxy = containerThroughProxy(proxy.url, container.containerName);
  const dir = await tempDir(label);
  const data = bytes(size);
  await writeFile(path.join(dir, 'orders.parquet'), data);
  const running = await engineFor(viaProxy, { blockSizeBytes: 256 * KiB });
  engine = running;
  let id = '';
  proxy.onHeld = () => void running.cancel(id);
  const ids = await running.enqueueUpload(
    uploadArgs(container, [path.join(dir, 'orders.parquet')], 'overwrite'),
  );
  id = ids[0]!;
  await running.whenIdle();
  return { container, data, job: running.list().find((j) => j.id === id) };
}

describe('a cancel that arrives while the final write is being answered', () => {
  it('ends a block upload completed, not cancelled: its Put Block List was applied, the blob is whole', async () => {
    const { container, data, job } = await cancelWhileCommitIsAnswered('cancel-commit', 600 * KiB);
    expect(proxy?.counts.held).toBe(1);
    expect(job?.state).toEqual({ kind: 'completed' });
    expect((await blobBytes(container, 'orders.parquet')).equals(data)).toBe(true);
  });

  it('ends a one-request upload completed when the blob holds its Content-MD5', async () => {
    const { container, data, job } = await cancelWhileCommitIsAnswered('cancel-put', 100 * KiB);
    expect(proxy?.counts.held).toBe(1);
    expect(job?.state).toEqual({ kind: 'completed' });
    expect((await blobBytes(container, 'orders.parquet')).equals(data)).toBe(true);
  });
});
