import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectionUpdateSchema } from '../../shared/contract/connectionUpdate.js';
import {
  defaultNetworkSettings,
  newConnectionSchema,
  type NetworkSettings,
} from '../../shared/contract/index.js';
import { startChaosProxy, type ChaosProxy } from '../../test/reliability/chaosProxy.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createActivityLog } from '../observability/activityLog.js';
import { toLakeError } from '../storage/toLakeError.js';
import { createConnectionStore } from './connectionStore.js';
import { createConnections, type EmulatorHandle } from './connections.js';

const noEmulator: EmulatorHandle = {
  ensureRunning: () => Promise.reject(new Error('not used here')),
};

let proxy: ChaosProxy;
let viaProxy: string;
beforeAll(async () => {
  const endpoint = new URL(inject('azuriteBlobEndpoint'));
  await testBlobService().getContainerClient(uniqueContainerName('connnet')).create();
  // `stall` holds a request 20 s, far past the read timeouts here.
  proxy = await startChaosProxy(endpoint.origin, { stallMs: 20_000 });
  viaProxy = inject('azuriteConnectionString').replace(
    /BlobEndpoint=[^;]+/,
    `BlobEndpoint=${proxy.origin}${endpoint.pathname.replace(/\/$/, '')}`,
  );
});
afterAll(() => proxy.close());

/** Connections whose settings (the observer's network) are `settings`, recording into one log. */
function connectionsWithSettings(settings: Partial<NetworkSettings>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lake-connnet-'));
  const log = createActivityLog();
  const connections = createConnections(
    createConnectionStore(dir, plainFileCipher),
    noEmulator,
    undefined,
    (connection) => ({
      connection,
      network: () => ({ ...defaultNetworkSettings, ...settings }),
      record: (e) => log.record(e),
    }),
  );
  return { dir, log, connections };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => toLakeError(e).code,
  );

const stallFirst = (n: number) => {
  let left = n;
  proxy.plan = () => (left-- > 0 ? 'stall' : undefined);
};

describe("a saved connection's own timeouts and retries", () => {
  it('are saved with it, shown in its summary, and used for its requests over the settings', async () => {
    // Settings: one try, a 60 s read timeout. The connection: 3 tries, cut after 1 s.
    const { dir, log, connections } = connectionsWithSettings({ maxAttempts: 1 });
    proxy.plan = undefined;
    const own = { readTimeoutMs: 1_000, maxAttempts: 3, retryDelayMs: 10 };
    const added = await connections.add({
      kind: 'connectionString',
      name: 'patient lake',
      connectionString: viaProxy,
      network: own,
    });
    expect(added.network).toEqual(own);
    expect((await connections.list()).find((c) => c.id === added.id)?.network).toEqual(own);
    const saved = JSON.parse(readFileSync(path.join(dir, 'connections.json'), 'utf8')) as Array<{
      network?: unknown;
    }>;
    expect(saved[0]?.network).toEqual(own);

    stallFirst(2);
    const started = Date.now();
    const names = await (await connections.access(added.id)).listContainers();
    expect(names.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const listing = log.all().filter((e) => e.operation === 'list' && e.area === 'blob');
    expect(listing.at(-1)).toMatchObject({
      connection: 'patient lake',
      outcome: 'ok',
      attempts: 3,
    });
  });

  it('fall back to the settings for each value the connection does not set', async () => {
    // Settings: cut after 1 s (the test request before saving must pass uncut on a loaded
    // machine, where Azurite may pause a few hundred ms), one try. The connection sets only its
    // backoff.
    const { log, connections } = connectionsWithSettings({ readTimeoutMs: 1_000, maxAttempts: 1 });
    proxy.plan = undefined;
    const added = await connections.add({
      kind: 'connectionString',
      name: 'settings lake',
      connectionString: viaProxy,
      network: { retryDelayMs: 10 },
    });
    stallFirst(1);
    const error = await (await connections.access(added.id)).listContainers().then(
      () => undefined,
      (e: unknown) => toLakeError(e),
    );
    expect(error?.code).toBe('Timeout');
    expect(error?.message).toContain('1000 ms');
    expect(log.all().at(-1)).toMatchObject({ connection: 'settings lake', attempts: 1 });
  });

  it('apply to the test request before the connection is saved', async () => {
    const { dir, connections } = connectionsWithSettings({});
    stallFirst(1);
    const error = await connections
      .add({
        kind: 'connectionString',
        name: 'impatient lake',
        connectionString: viaProxy,
        network: { readTimeoutMs: 300 },
      })
      .then(
        () => undefined,
        (e: unknown) => toLakeError(e),
      );
    expect(error?.code).toBe('Timeout');
    expect(await connections.list()).toEqual([]);
    expect(() => readFileSync(path.join(dir, 'connections.json'))).toThrow();
  });

  it('edited after saving, are saved in place and used by its next request, even with clients open', async () => {
    // Settings: one try, cut after 1 s. The connection starts with its own single try.
    const { dir, log, connections } = connectionsWithSettings({
      readTimeoutMs: 1_000,
      maxAttempts: 1,
    });
    proxy.plan = undefined;
    const added = await connections.add({
      kind: 'connectionString',
      name: 'edited lake',
      connectionString: viaProxy,
      network: { maxAttempts: 1 },
    });
    const before = await connections.access(added.id);
    stallFirst(1);
    expect(
      await before.listContainers().then(
        () => 'ok',
        (e: unknown) => toLakeError(e).code,
      ),
    ).toBe('Timeout');

    const own = { readTimeoutMs: 1_000, maxAttempts: 3, retryDelayMs: 10 };
    const updated = await connections.setNetwork(added.id, own);
    expect(updated).toMatchObject({ id: added.id, name: 'edited lake', network: own });
    expect((await connections.list()).find((c) => c.id === added.id)?.network).toEqual(own);
    const saved = JSON.parse(readFileSync(path.join(dir, 'connections.json'), 'utf8')) as Array<{
      id: string;
      network?: unknown;
    }>;
    expect(saved.map((c) => [c.id, c.network])).toEqual([[added.id, own]]);

    stallFirst(2);
    const names = await (await connections.access(added.id)).listContainers();
    expect(names.length).toBeGreaterThan(0);
    const listing = log.all().filter((e) => e.operation === 'list' && e.area === 'blob');
    expect(listing.at(-1)).toMatchObject({ connection: 'edited lake', outcome: 'ok', attempts: 3 });

    // Emptied, each value follows the settings again: one try, so the stall fails it.
    expect((await connections.setNetwork(added.id, {})).network).toBeUndefined();
    stallFirst(1);
    const error = await (await connections.access(added.id)).listContainers().then(
      () => undefined,
      (e: unknown) => toLakeError(e),
    );
    expect([error?.code, log.all().at(-1)?.attempts]).toEqual(['Timeout', 1]);
    expect(await codeOf(connections.setNetwork('nosuchconnection', own))).toBe('NotFound');
  });

  it('are refused when out of bounds or unknown, naming the field', () => {
    const refused = (network: unknown) =>
      newConnectionSchema.safeParse({ kind: 'connectionString', connectionString: 'x', network })
        .error?.issues[0]?.path;
    expect(refused({ readTimeoutMs: 50 })).toEqual(['network', 'readTimeoutMs']);
    expect(refused({ maxAttempts: 11 })).toEqual(['network', 'maxAttempts']);
    expect(refused({ retries: 3 })).toEqual(['network']);
    expect(refused({ connectTimeoutMs: 2_000 })).toBeUndefined();
    const refusedUpdate = (args: unknown) =>
      connectionUpdateSchema.safeParse(args).error?.issues[0]?.path;
    expect(refusedUpdate({ id: 'c1', network: { operationTimeoutMs: 4_000_000 } })).toEqual([
      'network',
      'operationTimeoutMs',
    ]);
    expect(refusedUpdate({ id: 'c1', network: { maxAttempts: 0 } })).toEqual([
      'network',
      'maxAttempts',
    ]);
    expect(refusedUpdate({ id: 'c1', network: { maxAttempts: 2.5 } })).toEqual([
      'network',
      'maxAttempts',
    ]);
    expect(refusedUpdate({ id: 'c1', network: {}, name: 'x' })).toEqual([]);
    expect(refusedUpdate({ id: '../x', network: {} })).toEqual(['id']);
    expect(refusedUpdate({ id: 'c1', network: { readTimeoutMs: 2_500 } })).toBeUndefined();
  });
});
