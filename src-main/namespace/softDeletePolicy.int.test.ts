import { BlobServiceClient, ContainerSASPermissions } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type AzuriteInstance } from '../emulator/azurite.js';
import { openAccount } from '../storage/accountAccess.js';
import { readSoftDeletePolicy } from './softDelete.js';

// An Azurite of its own: the policy is account-wide, other tests' Azurite is left alone.
let azurite: AzuriteInstance;
beforeAll(async () => {
  azurite = await startAzurite({ location: 'memory' });
});
afterAll(() => azurite.stop());

describe("the account's soft delete policy", () => {
  it('off, then on for 5 days as Set Blob Service Properties left it; unknown through a container SAS', async () => {
    const access = () =>
      openAccount({ kind: 'connectionString', connectionString: azurite.connectionString });
    expect(await readSoftDeletePolicy(access())).toEqual({ enabled: false });

    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    await service.setProperties({ deleteRetentionPolicy: { enabled: true, days: 5 } });
    expect(await readSoftDeletePolicy(access())).toEqual({ enabled: true, days: 5 });

    const container = service.getContainerClient('policy');
    await container.create();
    const sasUrl = await container.generateSasUrl({
      permissions: ContainerSASPermissions.parse('rl'),
      expiresOn: new Date(Date.now() + 3_600_000),
    });
    expect(await readSoftDeletePolicy(openAccount({ kind: 'sas', url: sasUrl }))).toEqual({
      enabled: 'unknown',
    });
  });
});
