import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startChaosProxy, type ChaosProxy } from '../../test/reliability/chaosProxy.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { runCliCollecting } from '../../test/support/cliRun.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createConnectionStore } from '../connections/connectionStore.js';
import { createConnections } from '../connections/connections.js';

// `lakeshore … --connection NAME` times and retries its requests with that connection's own
// timeouts and retries (saved in the app, or set in connections.toml), not the defaults
// (60 s operation and read timeouts, 5 tries): every answer here stalls 60 s behind the proxy.
let proxy: ChaosProxy;
let viaProxy: string;
let containerUrl: string;
let dataDir: string;
const accountPath = () => new URL(inject('azuriteBlobEndpoint')).pathname.replace(/\/$/, '');

beforeAll(async () => {
  const endpoint = new URL(inject('azuriteBlobEndpoint'));
  const container = uniqueContainerName('clinet');
  await testBlobService().getContainerClient(container).create();
  proxy = await startChaosProxy(endpoint.origin, { stallMs: 60_000 });
  viaProxy = inject('azuriteConnectionString').replace(
    /BlobEndpoint=[^;]+/,
    `BlobEndpoint=${proxy.origin}${accountPath()}`,
  );
  containerUrl = `${proxy.origin}${accountPath()}/${container}`;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lakeshore-clinet-'));
  // Saved as the app saves it: 2 tries, each cut after 0.5 s without a byte.
  await createConnections(createConnectionStore(dataDir, plainFileCipher), {
    ensureRunning: () => Promise.reject(new Error('not used here')),
  }).add({
    kind: 'connectionString',
    name: 'saved lake',
    connectionString: viaProxy,
    network: { readTimeoutMs: 500, maxAttempts: 2, retryDelayMs: 10 },
  });
  // Provisioned: 1 s for the operation, all its tries included.
  writeFileSync(
    path.join(dataDir, 'connections.toml'),
    `[connections.toml-lake]\nconnection_string = "${viaProxy}"\n\n[connections.toml-lake.timeouts]\noperation_s = 1\n`,
  );
});
afterAll(() => proxy.close());

describe("lakeshore --connection NAME uses that connection's timeouts and retries", () => {
  it("a saved connection's read timeout cuts each stalled try, and its attempts bound the retries", async () => {
    proxy.plan = () => 'stall';
    const before = proxy.requests;
    const r = await runCliCollecting(['ls', containerUrl, '--connection', 'saved lake'], {
      LAKESHORE_DATA_DIR: dataDir,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Timeout|did not answer|timed out/i);
    // Its 2 tries, not the default 5.
    expect(proxy.requests - before).toBe(2);
    expect(proxy.injected.stall).toBeGreaterThanOrEqual(2);
  }, 20_000);

  it("a connections.toml connection's operation timeout ends the stalled operation", async () => {
    proxy.plan = () => 'stall';
    const r = await runCliCollecting(['ls', containerUrl, '--connection', 'toml-lake'], {
      LAKESHORE_DATA_DIR: dataDir,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Timeout|did not answer|timed out/i);
  }, 20_000);

  it('lists through the same connections once the proxy stops stalling', async () => {
    proxy.plan = undefined;
    for (const name of ['saved lake', 'toml-lake']) {
      const r = await runCliCollecting(['ls', containerUrl, '--connection', name], {
        LAKESHORE_DATA_DIR: dataDir,
      });
      expect(r).toMatchObject({ code: 0, stderr: '' });
    }
  });
});
