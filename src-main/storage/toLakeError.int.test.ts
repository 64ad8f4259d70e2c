import { ContainerSASPermissions } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { openAccount } from './accountAccess.js';
import { expiredSasError } from './expiredSas.js';
import { toLakeError } from './toLakeError.js';

const refusal =
  'The service refused the request: the key or SAS may be wrong or expired, or lack permission for this operation. (AuthorizationFailure: HTTP 403)';

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => toLakeError(e),
  );

describe('credential refusals from Azurite', () => {
  const containerName = uniqueContainerName('auth-refusal');
  beforeAll(async () => {
    await testBlobService().getContainerClient(containerName).create();
  });
  afterAll(async () => {
    await testBlobService().getContainerClient(containerName).deleteIfExists();
  });

  it('answers a wrong account key with AuthorizationFailure, worded without calling the key valid', async () => {
    const access = openAccount(
      {
        kind: 'accountKey',
        accountName: 'devstoreaccount1',
        accountKey: Buffer.from('not the emulator key').toString('base64'),
        blobEndpoint: inject('azuriteBlobEndpoint'),
      },
      'probe',
    );
    const error = await errorOf(access.listContainers());
    // DESIGN.md's table: 403 AuthorizationFailure is PermissionDenied.
    expect(error).toMatchObject({
      code: 'PermissionDenied',
      status: 403,
      azureCode: 'AuthorizationFailure',
      message: refusal,
    });
    expect(error?.requestId).toBeTruthy();
  });

  it('answers an expired SAS the same way, and expiredSasError refuses it before any request', async () => {
    const expiresOn = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const url = await testBlobService()
      .getContainerClient(containerName)
      .generateSasUrl({
        permissions: ContainerSASPermissions.parse('rl'),
        startsOn: new Date(expiresOn.getTime() - 3_600_000),
        expiresOn,
      });
    const access = openAccount({ kind: 'sas', url }, 'probe');
    const error = await errorOf(access.container(containerName).getProperties());
    expect(error).toMatchObject({ code: 'PermissionDenied', status: 403, message: refusal });
    expect(expiredSasError(new URL(url).search, new Date())).toEqual({
      code: 'AuthFailed',
      message: `The SAS expired at ${expiresOn.toISOString()}; get a new one.`,
      expiredAt: expiresOn.toISOString(),
    });
  });
});
