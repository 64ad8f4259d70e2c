import { BlobServiceClient } from '@azure/storage-blob';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  AccountDescription,
  ConnectionSummary,
  OperationProgressEvent,
  PathPage,
  Result,
} from '../../shared/contract/index.js';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

let service: LakeService;
let flat: ConnectionSummary;
let hns: ConnectionSummary;
const events: OperationProgressEvent[] = [];

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const errorOf = (r: Result<unknown>) => (r.ok ? undefined : r.error);
const opId = () => `op-${Math.random().toString(36).slice(2, 14)}`;

beforeAll(async () => {
  service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-ns-svc-')),
    cipher: plainFileCipher,
    mode: 'browser',
    version: 't',
  });
  service.subscribe((name, payload) => {
    if (name === 'operations.progress') events.push(payload as OperationProgressEvent);
  });
  const add = async (connectionString: string) =>
    value<ConnectionSummary>(
      await service.dispatch('connections.add', { kind: 'connectionString', connectionString }),
    );
  flat = await add(inject('azuriteConnectionString'));
  hns = await add(inject('hnsConnectionString'));
});
afterAll(() => service.dispose());

describe('namespace calls through the service', () => {
  it('describes each account by its namespace', async () => {
    expect(
      value<AccountDescription>(
        await service.dispatch('accounts.describe', { connectionId: flat.id }),
      ).namespace,
    ).toBe('flat');
    expect(
      value<AccountDescription>(
        await service.dispatch('accounts.describe', { connectionId: hns.id }),
      ).namespace,
    ).toBe('hns');
  });

  it.each(['Upper', 'ab', 'a--b', '-ab', 'x'.repeat(64), 'ab_c'])(
    'refuses the container name %j before any request',
    async (container) => {
      const error = errorOf(
        await service.dispatch('containers.create', { connectionId: flat.id, container }),
      );
      expect(error).toMatchObject({ code: 'InvalidInput' });
      expect(error?.message).toMatch(/container: Container names are 3–63 lowercase letters/);
    },
  );

  it('deletes a container only when its name is typed again', async () => {
    const container = uniqueContainerName('svc-del');
    value(await service.dispatch('containers.create', { connectionId: flat.id, container }));
    const refused = errorOf(
      await service.dispatch('containers.delete', {
        connectionId: flat.id,
        container,
        confirmName: 'nope',
      }),
    );
    expect(refused).toMatchObject({ code: 'InvalidInput' });
    const client = BlobServiceClient.fromConnectionString(
      inject('azuriteConnectionString'),
    ).getContainerClient(container);
    expect(await client.exists()).toBe(true);
    value(
      await service.dispatch('containers.delete', {
        connectionId: flat.id,
        container,
        confirmName: container,
      }),
    );
    expect(await client.exists()).toBe(false);
  });

  it('lists an empty HNS directory created through the service with the DFS listing', async () => {
    const container = uniqueContainerName('svc-hns');
    value(await service.dispatch('containers.create', { connectionId: hns.id, container }));
    value(
      await service.dispatch('paths.createDirectory', {
        connectionId: hns.id,
        container,
        path: 'landing/empty',
      }),
    );
    const page = value<PathPage>(
      await service.dispatch('paths.list', {
        connectionId: hns.id,
        container,
        directory: 'landing',
      }),
    );
    expect(page.entries).toEqual([{ kind: 'directory', name: 'empty', path: 'landing/empty' }]);
    const moved = errorOf(
      await service.dispatch('paths.rename', {
        connectionId: hns.id,
        container,
        source: { path: 'landing', kind: 'directory' },
        destination: 'landing/empty/inside',
        operationId: opId(),
      }),
    );
    expect(moved?.code).toBe('InvalidInput');
    const acl = errorOf(
      await service.dispatch('paths.setAccessControl', {
        connectionId: hns.id,
        container,
        path: 'landing',
        acl: 'user::rwz',
      }),
    );
    expect(acl).toMatchObject({ code: 'InvalidInput' });
    expect(acl?.message).toMatch(/user::rwz/);
  });

  it('reports a delete as progress events and stops it on operations.cancel', async () => {
    const container = uniqueContainerName('svc-cancel');
    const client = BlobServiceClient.fromConnectionString(
      inject('azuriteConnectionString'),
    ).getContainerClient(container);
    await client.create();
    const names = Array.from({ length: 1200 }, (_, i) => `big/${String(i).padStart(4, '0')}.txt`);
    for (let i = 0; i < names.length; i += 100) {
      await Promise.all(
        names.slice(i, i + 100).map((n) => client.getBlockBlobClient(n).upload('x', 1)),
      );
    }
    const operationId = opId();
    const cancelOnFirstBatch = service.subscribe((name, payload) => {
      const e = payload as OperationProgressEvent;
      if (name === 'operations.progress' && e.operationId === operationId && e.done > 0) {
        void service.dispatch('operations.cancel', { operationId });
      }
    });
    const result = await service.dispatch('paths.delete', {
      connectionId: flat.id,
      container,
      paths: [{ path: 'big', kind: 'directory' }],
      operationId,
    });
    cancelOnFirstBatch();
    expect(errorOf(result)?.code).toBe('Cancelled');
    const mine = events.filter((e) => e.operationId === operationId);
    expect(mine.at(-1)).toMatchObject({
      state: 'cancelled',
      kind: 'delete',
      title: 'Deleting big',
    });
    let left = 0;
    for await (const _ of client.listBlobsFlat({ prefix: 'big/' })) left += 1;
    expect(left).toBeGreaterThan(0);
    expect(left).toBe(1200 - mine.at(-1)!.done);
  });
});
