import { BlobServiceClient } from '@azure/storage-blob';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConnectionSummary, Result } from '../../shared/contract/index.js';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from '../service/createService.js';
import type { LakeService } from '../service/types.js';
import { startFaultProxy, type FaultProxy } from '../transfers/faultProxy.js';

// A Copy Blob that took effect but whose answer was lost is retried by the SDK; the retry's
// If-None-Match: * then answers 409 BlobAlreadyExists. Found by the reliability fault suite.
let proxy: FaultProxy;
let service: LakeService;
let connection: ConnectionSummary;
let losing = true;
const direct = () => BlobServiceClient.fromConnectionString(inject('azuriteConnectionString'));

beforeAll(async () => {
  const endpoint = new URL(inject('azuriteBlobEndpoint'));
  proxy = await startFaultProxy(endpoint.origin, (_n, req) => {
    if (losing && req.method === 'PUT' && req.headers['x-ms-copy-source']) {
      losing = false;
      return 'lost';
    }
    return 'pass';
  });
  service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-lost-copy-')),
    cipher: plainFileCipher,
    mode: 'browser',
    version: 't',
  });
  const connectionString = inject('azuriteConnectionString').replace(
    /BlobEndpoint=[^;]+/,
    `BlobEndpoint=${proxy.url}${endpoint.pathname}`,
  );
  const added = await service.dispatch('connections.add', {
    kind: 'connectionString',
    connectionString,
  });
  if (!added.ok) throw new Error(added.error.message);
  connection = added.value as ConnectionSummary;
});
afterAll(async () => {
  await service.dispose();
  await proxy.close();
});

const opId = () => `op-${Math.random().toString(36).slice(2, 14)}`;
const ok = (r: Result<unknown>) => expect(r.ok ? 'ok' : r.error).toBe('ok');

describe('a Copy Blob whose answer was lost', () => {
  it('still moves a file on a flat account: the copy found is verified, then the source deleted', async () => {
    const container = direct().getContainerClient(uniqueContainerName('lost-copy-mv'));
    await container.create();
    await container.getBlockBlobClient('a/src.txt').upload('moved bytes', 11);
    losing = true;
    ok(
      await service.dispatch('paths.rename', {
        connectionId: connection.id,
        container: container.containerName,
        source: { path: 'a/src.txt', kind: 'file' },
        destination: 'a/dst.txt',
        operationId: opId(),
      }),
    );
    expect(losing).toBe(false);
    expect((await container.getBlobClient('a/dst.txt').downloadToBuffer()).toString()).toBe(
      'moved bytes',
    );
    expect(await container.getBlobClient('a/src.txt').exists()).toBe(false);
  });

  it('still copies without replacing, and a blob that was there before stays a conflict', async () => {
    const container = direct().getContainerClient(uniqueContainerName('lost-copy-cp'));
    await container.create();
    await container.getBlockBlobClient('a/one.txt').upload('one', 3);
    losing = true;
    ok(
      await service.dispatch('paths.copy', {
        source: {
          connectionId: connection.id,
          container: container.containerName,
          paths: [{ path: 'a/one.txt', kind: 'file' }],
        },
        destination: {
          connectionId: connection.id,
          container: container.containerName,
          directory: 'b',
        },
        operationId: opId(),
      }),
    );
    expect(losing).toBe(false);
    expect((await container.getBlobClient('b/one.txt').downloadToBuffer()).toString()).toBe('one');
    await container.getBlockBlobClient('c/one.txt').upload('not a copy', 10);
    const refused = await service.dispatch('paths.copy', {
      source: {
        connectionId: connection.id,
        container: container.containerName,
        paths: [{ path: 'a/one.txt', kind: 'file' }],
      },
      destination: {
        connectionId: connection.id,
        container: container.containerName,
        directory: 'c',
      },
      operationId: opId(),
    });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('AlreadyExists');
    expect((await container.getBlobClient('c/one.txt').downloadToBuffer()).toString()).toBe(
      'not a copy',
    );
  });
});
