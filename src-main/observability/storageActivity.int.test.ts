import { createHash } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { defaultNetworkSettings, type NetworkSettings } from '../../shared/contract/index.js';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { openAccount } from '../storage/accountAccess.js';
import { createBlobTransport } from '../storage/blobTransport.js';
import { toLakeError } from '../storage/toLakeError.js';
import { createActivityLog } from './activityLog.js';
import type { StorageObserver } from './storageCallPolicy.js';

const observed = (network: Partial<NetworkSettings> = {}) => {
  const log = createActivityLog();
  const observer: StorageObserver = {
    connection: 'test lake',
    network: () => ({ ...defaultNetworkSettings, ...network }),
    record: (e) => log.record(e),
  };
  return { log, observer };
};

describe('the activity log on a real Azurite', () => {
  it('records each SDK and transfer request with its operation, target, outcome, status and request ids', async () => {
    const { log, observer } = observed();
    const access = openAccount(
      { kind: 'connectionString', connectionString: inject('azuriteConnectionString') },
      'interactive',
      observer,
    );
    const name = uniqueContainerName('activity');
    const container = access.container(name);
    await container.create();
    await container.getBlockBlobClient('dir/a.csv').upload('a,b\n1,2\n', 8);
    for await (const _ of container.listBlobsFlat()) void _;
    const body = await container.getBlobClient('dir/a.csv').downloadToBuffer();
    expect(body.toString()).toBe('a,b\n1,2\n');
    await expect(container.getBlobClient('missing.txt').getProperties()).rejects.toMatchObject({
      statusCode: 404,
    });
    await createBlobTransport(access.container(name)).upload('dir/b.bin', Buffer.from('block'), {
      contentType: 'application/octet-stream',
      contentMD5: new Uint8Array(createHash('md5').update('block').digest()),
      abortSignal: new AbortController().signal,
    });
    await container.getBlobClient('dir/a.csv').delete();

    const entries = log.all();
    const shape = entries.map((e) => [e.area, e.operation, e.container, e.path, e.outcome]);
    expect(shape).toEqual([
      ['blob', 'create', name, '', 'ok'],
      ['blob', 'write', name, 'dir/a.csv', 'ok'],
      ['blob', 'list', name, '', 'ok'],
      // downloadToBuffer asks for the size first.
      ['blob', 'properties', name, 'dir/a.csv', 'ok'],
      ['blob', 'read', name, 'dir/a.csv', 'ok'],
      ['blob', 'properties', name, 'missing.txt', 'failed'],
      ['transfer', 'write', name, 'dir/b.bin', 'ok'],
      ['blob', 'delete', name, 'dir/a.csv', 'ok'],
    ]);
    for (const e of entries) {
      expect(e.connection).toBe('test lake');
      expect(e.account).toBe('devstoreaccount1');
      expect(e.attempts).toBe(1);
      expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.requestId).not.toBe(e.clientRequestId);
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(e.at)).not.toBeNaN();
    }
    expect(entries[1]).toMatchObject({ status: 201, bytes: 8 });
    expect(entries[5]).toMatchObject({
      status: 404,
      errorCode: 'NotFound',
      azureCode: 'BlobNotFound',
    });
    expect(log.list({ outcome: 'failed' }).entries.map((e) => e.path)).toEqual(['missing.txt']);
    expect(log.list({ operation: 'blob.read' }).entries).toHaveLength(1);
    expect(log.list({ text: entries[4]!.requestId! }).entries.map((e) => e.path)).toEqual([
      'dir/a.csv',
    ]);
  });
});

/** A loopback server answering each request with `answer` (called with the request's index). */
async function startServer(
  answer: (index: number, req: http.IncomingMessage, res: http.ServerResponse) => void,
) {
  const seen: Array<{ at: number; closed: boolean }> = [];
  const server = http.createServer((req, res) => {
    const record = { at: Date.now(), closed: false };
    seen.push(record);
    res.on('close', () => (record.closed = true));
    answer(seen.length - 1, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${Buffer.from('k').toString('base64')};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const emptyContainerList =
  '<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="http://x/"><Containers /><NextMarker /></EnumerationResults>';

describe('timeouts and retries against a loopback server', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('aborts an operation past its deadline and fails it with Timeout', async () => {
    const stall = await startServer(() => undefined);
    servers.push(stall);
    const { log, observer } = observed({ operationTimeoutMs: 400 });
    const access = openAccount(
      { kind: 'connectionString', connectionString: stall.connectionString },
      'interactive',
      observer,
    );
    const started = Date.now();
    const error = await access.listContainers().then(
      () => undefined,
      (e: unknown) => toLakeError(e),
    );
    const took = Date.now() - started;
    expect(error?.code).toBe('Timeout');
    expect(error?.message).toMatch(/did not finish within 400 ms and was aborted/);
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(stall.seen).toHaveLength(1);
    expect(stall.seen[0]!.closed).toBe(true);
    expect(log.all()[0]).toMatchObject({ outcome: 'failed', errorCode: 'Timeout', attempts: 1 });
  });

  it('abandons a try that has not connected within the connect timeout, then retries it', async () => {
    // A TCP peer that accepts and never answers the TLS handshake.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    servers.push({
      close: () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          silent.close(() => resolve());
        }),
    });
    const port = (silent.address() as AddressInfo).port;
    const { log, observer } = observed({ connectTimeoutMs: 200, maxAttempts: 2, retryDelayMs: 10 });
    const access = openAccount(
      {
        kind: 'accountKey',
        accountName: 'devstoreaccount1',
        accountKey: Buffer.from('k').toString('base64'),
        blobEndpoint: `https://127.0.0.1:${port}/devstoreaccount1`,
      },
      'interactive',
      observer,
    );
    const started = Date.now();
    const error = await access.listContainers().then(
      () => undefined,
      (e: unknown) => toLakeError(e),
    );
    expect(error?.code).toBe('Transient');
    expect(error?.message).toContain('ETIMEDOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sockets).toHaveLength(2);
    expect(log.all()[0]).toMatchObject({ outcome: 'failed', errorCode: 'Transient', attempts: 2 });
  });

  it('retries a 503 after its Retry-After, and never a 403', async () => {
    const busy = await startServer((i, _req, res) => {
      if (i === 0) {
        res.writeHead(503, {
          'Retry-After': '1',
          'x-ms-error-code': 'ServerBusy',
          'x-ms-request-id': 'r-0',
        });
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/xml', 'x-ms-request-id': `r-${i}` });
        res.end(emptyContainerList);
      }
    });
    const denied = await startServer((_i, _req, res) => {
      res.writeHead(403, { 'x-ms-error-code': 'AuthorizationPermissionMismatch' });
      res.end();
    });
    servers.push(busy, denied);
    const { log, observer } = observed({ retryDelayMs: 10 });
    const open = (cs: string) =>
      openAccount({ kind: 'connectionString', connectionString: cs }, 'interactive', observer);
    expect(await open(busy.connectionString).listContainers()).toEqual([]);
    expect(busy.seen).toHaveLength(2);
    expect(busy.seen[1]!.at - busy.seen[0]!.at).toBeGreaterThanOrEqual(950);
    await expect(open(denied.connectionString).listContainers()).rejects.toMatchObject({
      statusCode: 403,
    });
    expect(denied.seen).toHaveLength(1);
    const [ok, refused] = log.all();
    expect(ok).toMatchObject({ outcome: 'ok', attempts: 2, status: 200, requestId: 'r-1' });
    expect(refused).toMatchObject({
      outcome: 'failed',
      attempts: 1,
      errorCode: 'PermissionDenied',
    });
  });
});
