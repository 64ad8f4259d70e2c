import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { defaultNetworkSettings, type NetworkSettings } from '../../shared/contract/index.js';
import { startChaosProxy, type ChaosProxy } from '../../test/reliability/chaosProxy.js';
import { openAccount, type RetryChoice } from '../storage/accountAccess.js';
import { toLakeError } from '../storage/toLakeError.js';
import {
  KiB,
  bytes,
  downloadArgs,
  engineFor,
  fileBytes,
  freshContainer,
  tempDir,
} from '../transfers/transferFixture.js';
import { createActivityLog } from './activityLog.js';
import type { StorageObserver } from './storageCallPolicy.js';

const endpoint = () => new URL(inject('azuriteBlobEndpoint'));

/** The test Azurite's connection string with its Blob endpoint at `origin` (a proxy in front of it). */
const connectionStringVia = (origin: string): string =>
  inject('azuriteConnectionString').replace(
    /BlobEndpoint=[^;]+/,
    `BlobEndpoint=${origin}${endpoint().pathname.replace(/\/$/, '')}`,
  );

const observed = (network: Partial<NetworkSettings>) => {
  const log = createActivityLog();
  const observer: StorageObserver = {
    connection: 'stalling lake',
    network: () => ({ ...defaultNetworkSettings, ...network }),
    record: (e) => log.record(e),
  };
  return { log, observer };
};

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

/** A chaos proxy to the test Azurite whose `stall` holds a request for 20 s, far past every read timeout here. */
async function stallingProxy(): Promise<ChaosProxy> {
  const proxy = await startChaosProxy(endpoint().origin, { stallMs: 20_000 });
  closers.push(() => proxy.close());
  return proxy;
}

const account = (proxy: { origin: string }, retry: RetryChoice, observer: StorageObserver) =>
  openAccount(
    { kind: 'connectionString', connectionString: connectionStringVia(proxy.origin) },
    retry,
    observer,
  );

describe('the read timeout (a try that moves no byte is cut and retried)', () => {
  it('cuts a stalled listing after the read timeout and retries it, long before the stall ends', async () => {
    const container = await freshContainer('readtimeout-list');
    const proxy = await stallingProxy();
    let stalls = 1;
    proxy.plan = () => (stalls-- > 0 ? 'stall' : undefined);
    // 1 s: a loaded machine's Azurite may pause a few hundred ms before a real answer.
    const { log, observer } = observed({ readTimeoutMs: 1_000, retryDelayMs: 10 });
    const started = Date.now();
    const names = (await account(proxy, 'interactive', observer).listContainers()).map(
      (c) => c.name,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(names).toContain(container.containerName);
    expect(proxy.injected.stall).toBe(1);
    expect(log.all()).toHaveLength(1);
    expect(log.all()[0]).toMatchObject({ operation: 'list', outcome: 'ok', attempts: 2 });
  });

  it('fails an operation whose every try stalls with Timeout once the operation timeout is reached', async () => {
    const proxy = await stallingProxy();
    proxy.plan = () => 'stall';
    const { log, observer } = observed({
      readTimeoutMs: 300,
      operationTimeoutMs: 1_500,
      maxAttempts: 10,
      retryDelayMs: 10,
      maxRetryDelayMs: 50,
    });
    const started = Date.now();
    const error = await account(proxy, 'interactive', observer)
      .listContainers()
      .then(
        () => undefined,
        (e: unknown) => toLakeError(e),
      );
    const took = Date.now() - started;
    expect(error?.code).toBe('Timeout');
    expect(took).toBeGreaterThanOrEqual(1_400);
    expect(took).toBeLessThan(10_000);
    const [entry] = log.all();
    expect(entry).toMatchObject({ outcome: 'failed', errorCode: 'Timeout' });
    // Cut every 300 ms, so several tries fit in the 1.5 s (at least two on a loaded machine);
    // the last may be aborted by the deadline before the proxy saw it.
    expect(entry!.attempts).toBeGreaterThanOrEqual(2);
    expect(proxy.injected.stall).toBeGreaterThanOrEqual(entry!.attempts - 1);
    expect(proxy.injected.stall).toBeLessThanOrEqual(entry!.attempts);
  });

  it('fails a single stalled try with Timeout naming the read timeout, when no retry is left', async () => {
    const proxy = await stallingProxy();
    proxy.plan = () => 'stall';
    const { observer } = observed({ readTimeoutMs: 300, maxAttempts: 1 });
    const error = await account(proxy, 'interactive', observer)
      .listContainers()
      .then(
        () => undefined,
        (e: unknown) => toLakeError(e),
      );
    expect(error).toMatchObject({ code: 'Timeout' });
    expect(error?.message).toMatch(/moved no data for 300 ms, so the try was cut/);
    expect(error?.message).toContain('read timeout');
  });
});

describe('the read timeout on a reused connection', () => {
  it("holds on a socket reused from the pool: the setting's, not none and not the Keep-Alive hint's 1 s", async () => {
    // Keep-Alive: timeout=2, for which Node would give a free socket a 1 s idle timeout (with
    // an agent timeout) or none. The second answer takes 1.5 s, within the 2 s read timeout;
    // the third never comes, so its try must be cut and retried.
    let seen = 0;
    const server = http.createServer((_req, res) => {
      const index = seen++;
      if (index === 2) return;
      setTimeout(
        () => {
          res.writeHead(200, { 'Content-Type': 'application/xml' });
          res.end(
            '<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="http://x/"><Containers /><NextMarker /></EnumerationResults>',
          );
        },
        index === 1 ? 1_500 : 0,
      );
    });
    server.keepAliveTimeout = 2_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const { log, observer } = observed({ readTimeoutMs: 2_000, retryDelayMs: 10 });
    const access = openAccount(
      {
        kind: 'connectionString',
        connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${Buffer.from('k').toString('base64')};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
      },
      'interactive',
      observer,
    );
    for (let i = 0; i < 3; i++) await access.listContainers();
    expect(log.all().map((e) => [e.outcome, e.attempts])).toEqual([
      ['ok', 1],
      ['ok', 1],
      ['ok', 2],
    ]);
    expect(seen).toBe(4);
  });
});

describe('a download whose ranges stall', () => {
  it('cuts each stalled range after the read timeout and retries it: the file ends byte-identical', async () => {
    const container = await freshContainer('readtimeout');
    const data = bytes(640 * KiB);
    await container.getBlockBlobClient('big.bin').uploadData(data);
    const proxy = await stallingProxy();
    // The first two reads of the blob stall; its listing and properties pass.
    let stalls = 2;
    proxy.plan = (req) =>
      req.method === 'GET' && req.url?.includes('/big.bin') && stalls-- > 0 ? 'stall' : undefined;
    const { log, observer } = observed({ readTimeoutMs: 1_000 });
    const viaProxy = account(proxy, 'transfer', observer).container(container.containerName);
    const engine = await engineFor(viaProxy, { blockSizeBytes: 128 * KiB });
    closers.push(() => engine.close());
    const down = await tempDir('readtimeout-down');
    const started = Date.now();
    await engine.enqueueDownload(
      downloadArgs(container, [{ path: 'big.bin', kind: 'file' }], down),
    );
    await engine.whenIdle();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(engine.list()[0]?.state).toEqual({ kind: 'completed' });
    expect((await fileBytes(path.join(down, 'big.bin'))).equals(data)).toBe(true);
    expect(proxy.injected.stall).toBe(2);
    const cut = log.all().filter((e) => e.area === 'transfer' && e.errorCode === 'Timeout');
    expect(cut).toHaveLength(2);
    expect(cut[0]).toMatchObject({ operation: 'read', path: 'big.bin', outcome: 'failed' });
  });

  it('fails the job with Timeout when every try of a range stalls', async () => {
    const container = await freshContainer('readtimeout-all');
    await container.getBlockBlobClient('stuck.bin').uploadData(bytes(64 * KiB));
    const proxy = await stallingProxy();
    proxy.plan = (req) =>
      req.method === 'GET' && req.url?.includes('/stuck.bin') ? 'stall' : undefined;
    const { observer } = observed({ readTimeoutMs: 300 });
    const viaProxy = account(proxy, 'transfer', observer).container(container.containerName);
    const engine = await engineFor(viaProxy, {
      retry: { maxTries: 3, baseDelayMs: 5, maxDelayMs: 20 },
    });
    closers.push(() => engine.close());
    const down = await tempDir('readtimeout-all-down');
    await engine.enqueueDownload(
      downloadArgs(container, [{ path: 'stuck.bin', kind: 'file' }], down),
    );
    await engine.whenIdle();
    const state = engine.list()[0]?.state;
    expect(state).toMatchObject({ kind: 'failed', error: { code: 'Timeout' } });
    expect(proxy.injected.stall).toBe(3);
  });

  it('cuts a body that stops half way and reads the range again', async () => {
    const container = await freshContainer('readtimeout-body');
    const data = bytes(256 * KiB);
    await container.getBlockBlobClient('half.bin').uploadData(data);
    // Forwards everything, but the first read of the blob sends its headers and 10 KiB, then nothing.
    const upstream = endpoint();
    let held = 0;
    const server = http.createServer((req, res) => {
      const up = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          const hold = req.method === 'GET' && req.url?.includes('/half.bin') && held++ === 0;
          if (!hold) return void answer.pipe(res);
          answer.once('data', (chunk: Buffer) => {
            res.write(chunk.subarray(0, 10 * KiB));
            answer.pause();
          });
        },
      );
      req.pipe(up);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { observer } = observed({ readTimeoutMs: 1_000 });
    const viaProxy = account({ origin }, 'transfer', observer).container(container.containerName);
    const engine = await engineFor(viaProxy, { blockSizeBytes: 4 * 1024 * KiB });
    closers.push(() => engine.close());
    const down = await tempDir('readtimeout-body-down');
    await engine.enqueueDownload(
      downloadArgs(container, [{ path: 'half.bin', kind: 'file' }], down),
    );
    await engine.whenIdle();
    expect(engine.list()[0]?.state).toEqual({ kind: 'completed' });
    expect((await fileBytes(path.join(down, 'half.bin'))).equals(data)).toBe(true);
    expect(held).toBeGreaterThanOrEqual(2);
  });
});
