import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startFaultProxy, type Fault } from './faultProxy.js';
import {
  KiB,
  blobBytes,
  bytes,
  downloadArgs,
  engineFor,
  fileBytes,
  freshContainer,
  tempDir,
  uploadArgs,
} from './transferFixture.js';

/** The account name and key of the test Azurite's connection string. */
function accountOf(connectionString: string) {
  const part = (k: string) => new RegExp(`${k}=([^;]+)`).exec(connectionString)?.[1] ?? '';
  return { name: part('AccountName'), key: part('AccountKey') };
}

describe('through a faulty connection', () => {
  it('every job completes byte for byte despite 503s, resets and cut responses', async () => {
    const container = await freshContainer('faults');
    const account = accountOf(inject('azuriteConnectionString'));
    const endpoint = new URL(inject('azuriteBlobEndpoint'));
    const cycle: Fault[] = ['pass', 'busy', 'pass', 'reset', 'pass', 'cut', 'pass'];
    const proxy = await startFaultProxy(endpoint.origin, (n, req) => {
      const fault = cycle[n % cycle.length] ?? 'pass';
      return fault === 'cut' && req.method !== 'GET' ? 'pass' : fault;
    });
    // The SDK's own retry is off so every fault reaches the engine's retry.
    const viaProxy = new ContainerClient(
      `${proxy.url}${endpoint.pathname.replace(/\/$/, '')}/${container.containerName}`,
      new StorageSharedKeyCredential(account.name, account.key),
      { retryOptions: { maxTries: 1 } },
    );
    const dir = await tempDir('faults');
    const root = path.join(dir, 'set');
    await mkdir(path.join(root, 'sub'), { recursive: true });
    const files: Record<string, Buffer> = { 'big.bin': bytes(1500 * KiB) };
    for (let i = 0; i < 12; i++) files[`sub/s${i}.txt`] = bytes(1000 + i);
    for (const [rel, data] of Object.entries(files)) await writeFile(path.join(root, rel), data);

    const engine = await engineFor(viaProxy, {
      blockSizeBytes: 128 * KiB,
      retry: { maxTries: 8, baseDelayMs: 1, maxDelayMs: 20 },
    });
    await engine.enqueueUpload(uploadArgs(container, [root], 'overwrite'));
    await engine.whenIdle();
    expect(engine.list()[0]?.state).toEqual({ kind: 'completed' });
    for (const [rel, data] of Object.entries(files)) {
      expect((await blobBytes(container, `set/${rel}`)).equals(data)).toBe(true);
    }
    const down = await tempDir('faults-down');
    await engine.enqueueDownload(
      downloadArgs(container, [{ path: 'set', kind: 'directory' }], down),
    );
    await engine.whenIdle();
    expect(engine.list()[1]?.state).toEqual({ kind: 'completed' });
    for (const [rel, data] of Object.entries(files)) {
      expect((await fileBytes(path.join(down, 'set', rel))).equals(data)).toBe(true);
    }
    expect(proxy.counts.busy).toBeGreaterThan(3);
    expect(proxy.counts.reset).toBeGreaterThan(3);
    expect(proxy.counts.cut).toBeGreaterThan(1);
    await engine.close();
    await proxy.close();
  });

  it('fails fast with PermissionDenied on permanent 403s', async () => {
    const container = await freshContainer('faults-403');
    const account = accountOf(inject('azuriteConnectionString'));
    const endpoint = new URL(inject('azuriteBlobEndpoint'));
    const forbid = http.createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res.writeHead(403, { 'x-ms-error-code': 'AuthorizationPermissionMismatch' }).end(),
      );
    });
    await new Promise<void>((r) => forbid.listen(0, '127.0.0.1', r));
    const port = (forbid.address() as { port: number }).port;
    const client = new ContainerClient(
      `http://127.0.0.1:${port}${endpoint.pathname.replace(/\/$/, '')}/${container.containerName}`,
      new StorageSharedKeyCredential(account.name, account.key),
      { retryOptions: { maxTries: 1 } },
    );
    const dir = await tempDir('faults-403');
    for (let i = 0; i < 5; i++) await writeFile(path.join(dir, `f${i}.txt`), 'x');
    const engine = await engineFor(client);
    const started = Date.now();
    await engine.enqueueUpload(uploadArgs(container, [dir], 'overwrite'));
    await engine.whenIdle();
    expect(engine.list()[0]?.state).toMatchObject({
      kind: 'failed',
      error: { code: 'PermissionDenied', status: 403 },
    });
    expect(Date.now() - started).toBeLessThan(5000);
    await engine.close();
    forbid.closeAllConnections();
    await new Promise<void>((r) => forbid.close(() => r()));
  });
});
