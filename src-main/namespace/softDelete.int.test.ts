import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { openAccount } from '../storage/accountAccess.js';
import { toLakeError } from '../storage/toLakeError.js';
import type { NamespaceTarget } from './namespaceTarget.js';
import { listDeleted, undeleteBlobs } from './softDelete.js';

// Azurite has no soft delete; test/support/softDelete keeps deleted blobs in front of it.
describe('soft-deleted blobs on a flat account', () => {
  let target: NamespaceTarget;
  let service: BlobServiceClient;
  beforeAll(async () => {
    const connectionString = inject('softDeleteConnectionString');
    service = BlobServiceClient.fromConnectionString(connectionString);
    await service.setProperties({ deleteRetentionPolicy: { enabled: true, days: 7 } });
    const container = uniqueContainerName('soft');
    await service.getContainerClient(container).create();
    target = {
      access: openAccount({ kind: 'connectionString', connectionString }),
      container,
      namespace: 'flat',
    };
  });
  afterAll(() => service.setProperties({ deleteRetentionPolicy: { enabled: false } }));

  it('lists deleted blobs below a folder with the policy, and undeletes them byte for byte', async () => {
    const blobs = service.getContainerClient(target.container);
    await blobs.getBlockBlobClient('raw/a.csv').upload('a,1\n', 4);
    await blobs.getBlockBlobClient('raw/deep/b.csv').upload('b,22\n', 5);
    await blobs.getBlockBlobClient('raw/kept.csv').upload('k', 1);
    await blobs.getBlobClient('raw/a.csv').delete();
    await blobs.getBlobClient('raw/deep/b.csv').delete();

    const listing = await listDeleted(target, 'raw');
    expect(listing.softDelete).toEqual({ enabled: true, days: 7 });
    expect(listing.truncated).toBe(false);
    expect(listing.entries.map((e) => [e.path, e.size])).toEqual([
      ['raw/a.csv', 4],
      ['raw/deep/b.csv', 5],
    ]);

    expect(await undeleteBlobs(target, ['raw/deep/b.csv'])).toBe(1);
    expect((await blobs.getBlobClient('raw/deep/b.csv').downloadToBuffer()).toString()).toBe(
      'b,22\n',
    );
    expect((await listDeleted(target, 'raw')).entries.map((e) => e.path)).toEqual(['raw/a.csv']);
  });

  it('says when the account does not keep deleted blobs, and refuses HNS accounts', async () => {
    await service.setProperties({ deleteRetentionPolicy: { enabled: false } });
    expect((await listDeleted(target, '')).softDelete).toEqual({ enabled: false });
    await service.setProperties({ deleteRetentionPolicy: { enabled: true, days: 7 } });
    const error = await listDeleted({ ...target, namespace: 'hns' }, '').catch(toLakeError);
    expect(error).toMatchObject({ code: 'InvalidInput' });
  });
});
