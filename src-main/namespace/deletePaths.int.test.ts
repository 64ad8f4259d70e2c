import {
  AccountSASPermissions,
  AccountSASResourceTypes,
  AccountSASServices,
  ContainerSASPermissions,
  generateAccountSASQueryParameters,
  StorageSharedKeyCredential,
  type ContainerClient,
} from '@azure/storage-blob';
import { beforeEach, afterEach, describe, expect, inject, it } from 'vitest';
import type { LakeError, PathRef } from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { emulatorAccount } from '../emulator/azurite.js';
import { openAccount, type AccountCredential } from '../storage/accountAccess.js';
import { toLakeError } from '../storage/toLakeError.js';
import { deletePaths } from './deletePaths.js';
import { createOperationRunner } from './operationRunner.js';

const names = ['ro/a.csv', 'ro/b.csv', 'ro/deep/c.csv', 'one.txt'];
const refs: PathRef[] = [
  { path: 'ro', kind: 'directory' },
  { path: 'one.txt', kind: 'file' },
];

async function blobNames(container: ContainerClient): Promise<string[]> {
  const found: string[] = [];
  for await (const b of container.listBlobsFlat()) found.push(b.name);
  return found.sort();
}

const accountSas = (permissions: string) =>
  generateAccountSASQueryParameters(
    {
      permissions: AccountSASPermissions.parse(permissions),
      resourceTypes: AccountSASResourceTypes.parse('sco').toString(),
      services: AccountSASServices.parse('b').toString(),
      expiresOn: new Date(Date.now() + 3_600_000),
    },
    new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
  ).toString();

describe('deletePaths on a flat account (Azurite) with a SAS', () => {
  let blobs: ContainerClient;
  beforeEach(async () => {
    blobs = testBlobService().getContainerClient(uniqueContainerName('delete-sas'));
    await blobs.create();
    for (const name of names) await blobs.getBlockBlobClient(name).upload('x,y\n', 4);
  });
  afterEach(async () => {
    await blobs.deleteIfExists();
  });

  const run = (credential: AccountCredential, paths: PathRef[] = refs) =>
    createOperationRunner(() => {}, 0).run(`op-${blobs.containerName}`, 'delete', 't', (c) =>
      deletePaths(
        { access: openAccount(credential), container: blobs.containerName, namespace: 'flat' },
        paths,
        c,
      ),
    );
  const failure = (
    credential: AccountCredential,
    paths: PathRef[] = refs,
  ): Promise<LakeError | undefined> =>
    run(credential, paths).then(
      () => undefined,
      (e: unknown) => toLakeError(e),
    );
  const refusedReadOnly = {
    code: 'PermissionDenied',
    status: 403,
    azureCode: 'AuthorizationPermissionMismatch',
  };
  const refusal = (name: string) =>
    `Could not delete "${name}": The credentials are valid but lack permission for this operation. (AuthorizationPermissionMismatch: HTTP 403); deletion stopped after 0 items.`;
  const folder: PathRef[] = [{ path: 'ro', kind: 'directory' }];

  it('refuses with a read+list container SAS, per sub-response, naming the blob; nothing deleted', async () => {
    const url = await blobs.generateSasUrl({
      permissions: ContainerSASPermissions.parse('rl'),
      expiresOn: new Date(Date.now() + 3_600_000),
    });
    const error = await failure({ kind: 'sas', url });
    expect(error).toMatchObject({ ...refusedReadOnly, message: refusal('one.txt') });
    expect(error?.requestId).toBeTruthy();
    expect(await failure({ kind: 'sas', url }, folder)).toMatchObject({
      ...refusedReadOnly,
      message: refusal('ro/a.csv'),
    });
    expect(await blobNames(blobs)).toEqual([...names].sort());
  });

  it.each([
    ['scoped to the container', true],
    ['for the account', false],
  ])(
    'refuses with a read+list account SAS %s, which Azurite fails as a whole batch with HTTP 500',
    async (_, scoped) => {
      const endpoint = inject('azuriteBlobEndpoint');
      const url = `${endpoint}${scoped ? `/${blobs.containerName}` : ''}?${accountSas('rl')}`;
      expect(await failure({ kind: 'sas', url })).toMatchObject({
        ...refusedReadOnly,
        message: refusal('one.txt'),
      });
      expect(await failure({ kind: 'sas', url }, folder)).toMatchObject({
        ...refusedReadOnly,
        message: refusal('ro/a.csv'),
      });
      expect(await blobNames(blobs)).toEqual([...names].sort());
    },
  );

  it('deletes with an account SAS that may delete, despite the batch failing as a whole', async () => {
    const url = `${inject('azuriteBlobEndpoint')}/${blobs.containerName}?${accountSas('rld')}`;
    expect(await run({ kind: 'sas', url })).toEqual({ deleted: 4, bytes: 12 });
    expect(await blobNames(blobs)).toEqual([]);
  });

  it('counts a blob already gone as neither deleted nor failed, batched or one by one', async () => {
    const gone: PathRef[] = [
      { path: 'one.txt', kind: 'file' },
      { path: 'never-there.txt', kind: 'file' },
    ];
    const containerSas = await blobs.generateSasUrl({
      permissions: ContainerSASPermissions.parse('rld'),
      expiresOn: new Date(Date.now() + 3_600_000),
    });
    expect(await run({ kind: 'sas', url: containerSas }, gone)).toEqual({ deleted: 1, bytes: 0 });
    await blobs.getBlockBlobClient('one.txt').upload('x,y\n', 4);
    const url = `${inject('azuriteBlobEndpoint')}/${blobs.containerName}?${accountSas('rld')}`;
    expect(await run({ kind: 'sas', url }, gone)).toEqual({ deleted: 1, bytes: 0 });
    expect(await blobNames(blobs)).toEqual(['ro/a.csv', 'ro/b.csv', 'ro/deep/c.csv']);
  });
});
