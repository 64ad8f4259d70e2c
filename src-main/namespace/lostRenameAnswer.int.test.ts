import { BlobServiceClient } from '@azure/storage-blob';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConnectionSummary } from '../../shared/contract/index.js';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from '../service/createService.js';
import type { LakeService } from '../service/types.js';
import { startFaultProxy, type FaultProxy } from '../transfers/faultProxy.js';

// An HNS rename that took effect but whose answer was lost is retried by the SDK; the retry
// answers 404 SourcePathNotFound although the path was moved. Found by the reliability fault suite.
let proxy: FaultProxy;
let service: LakeService;
let connection: ConnectionSummary;
let losing = true;
const direct = () => BlobServiceClient.fromConnectionString(inject('hnsConnectionString'));

beforeAll(async () => {
  const endpoint = new URL(inject('hnsBlobEndpoint'));
  proxy = await startFaultProxy(endpoint.origin, (_n, req) => {
    if (losing && req.method === 'PUT' && req.headers['x-ms-rename-source']) {
      losing = false;
      return 'lost';
    }
    return 'pass';
  });
  service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-lost-rename-')),
    cipher: plainFileCipher,
    mode: 'browser',
    version: 't',
  });
  const added = await service.dispatch('connections.add', {
    kind: 'connectionString',
    connectionString: inject('hnsConnectionString').replace(
      /BlobEndpoint=[^;]+/,
      `BlobEndpoint=${proxy.url}${endpoint.pathname}`,
    ),
  });
  if (!added.ok) throw new Error(added.error.message);
  connection = added.value as ConnectionSummary;
});
afterAll(async () => {
  await service.dispose();
  await proxy.close();
});

const opId = () => `op-${Math.random().toString(36).slice(2, 14)}`;

describe('an HNS rename whose answer was lost', () => {
  it.each(['file', 'directory'] as const)('reports the %s moved, not NotFound', async (kind) => {
    const container = direct().getContainerClient(uniqueContainerName(`lost-rename-${kind}`));
    await container.create();
    await container.getBlockBlobClient('a/src/x.txt').upload('moved bytes', 11);
    const from = kind === 'file' ? 'a/src/x.txt' : 'a/src';
    losing = true;
    const result = await service.dispatch('paths.rename', {
      connectionId: connection.id,
      container: container.containerName,
      source: { path: from, kind },
      destination: 'a/dst',
      operationId: opId(),
    });
    expect(losing).toBe(false);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
    const moved = kind === 'file' ? 'a/dst' : 'a/dst/x.txt';
    expect((await container.getBlobClient(moved).downloadToBuffer()).toString()).toBe(
      'moved bytes',
    );
    expect(await container.getBlobClient('a/src/x.txt').exists()).toBe(false);
  });

  it('still says NotFound when the source is really gone', async () => {
    const container = direct().getContainerClient(uniqueContainerName('lost-rename-gone'));
    await container.create();
    losing = false;
    const result = await service.dispatch('paths.rename', {
      connectionId: connection.id,
      container: container.containerName,
      source: { path: 'nothing.txt', kind: 'file' },
      destination: 'dst.txt',
      operationId: opId(),
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('NotFound');
  });
});
