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

// An HNS Delete Path that took effect but whose answer was lost is retried by the SDK; the
// retry answers 404 PathNotFound although the delete did what was asked. Found by the
// reliability fault suite ("hns delete folder … failed with NotFound").
let proxy: FaultProxy;
let service: LakeService;
let connection: ConnectionSummary;
let losing = true;
const direct = () => BlobServiceClient.fromConnectionString(inject('hnsConnectionString'));

beforeAll(async () => {
  const endpoint = new URL(inject('hnsBlobEndpoint'));
  proxy = await startFaultProxy(endpoint.origin, (_n, req) => {
    if (losing && req.method === 'DELETE') {
      losing = false;
      return 'lost';
    }
    return 'pass';
  });
  service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-lost-delete-')),
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

describe('an HNS delete whose answer was lost', () => {
  it.each(['file', 'directory'] as const)('completes for a %s, leaving it gone', async (kind) => {
    const container = direct().getContainerClient(uniqueContainerName(`lost-delete-${kind}`));
    await container.create();
    await container.getBlockBlobClient('a/src/x.txt').upload('bytes', 5);
    await container.getBlockBlobClient('a/keep.txt').upload('keep', 4);
    losing = true;
    const result = await service.dispatch('paths.delete', {
      connectionId: connection.id,
      container: container.containerName,
      paths: [{ path: kind === 'file' ? 'a/src/x.txt' : 'a/src', kind }],
      operationId: `op-lost-delete-${kind}`,
    });
    expect(losing).toBe(false);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
    expect(await container.getBlobClient('a/src/x.txt').exists()).toBe(false);
    expect((await container.getBlobClient('a/keep.txt').downloadToBuffer()).toString()).toBe(
      'keep',
    );
  });
});
