import {
  DataLakeFileSystemClient,
  DataLakeServiceClient,
  FileSystemSASPermissions,
  StorageSharedKeyCredential,
} from '@azure/storage-file-datalake';
import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, inject, it } from 'vitest';
import { uniqueContainerName } from '../azurite.js';
import { errorCode, names, newFileSystem, signedFetch, useDfsServer, write } from './dfsTestKit.js';
import { DEV_ACCOUNT_NAME } from './startDfsServer.js';

const kit = useDfsServer();

describe('DFS test server: access control, auth and pass-through', () => {
  it('gets and sets access control, recursively with modify and remove', async () => {
    const fs = await newFileSystem(kit, 'dfs-acl');
    await write(fs, 'dir/sub/file.txt', 'x');
    const dir = fs.getDirectoryClient('dir');
    const defaults = await dir.getAccessControl();
    expect(defaults.owner).toBe('$superuser');
    expect(defaults.group).toBe('$superuser');
    expect(defaults._response.headers.get('x-ms-permissions')).toBe('rwxr-x---');
    expect(defaults._response.headers.get('x-ms-acl')).toBe('user::rwx,group::r-x,other::---');
    const fileDefaults = await fs.getFileClient('dir/sub/file.txt').getAccessControl();
    expect(fileDefaults._response.headers.get('x-ms-acl')).toBe('user::rw-,group::r--,other::---');

    await dir.setAccessControl(
      [
        {
          accessControlType: 'user',
          entityId: '',
          defaultScope: false,
          permissions: { read: true, write: true, execute: true },
        },
        {
          accessControlType: 'group',
          entityId: '',
          defaultScope: false,
          permissions: { read: true, write: false, execute: true },
        },
        {
          accessControlType: 'other',
          entityId: '',
          defaultScope: false,
          permissions: { read: false, write: false, execute: false },
        },
        {
          accessControlType: 'user',
          entityId: 'alice',
          defaultScope: false,
          permissions: { read: true, write: false, execute: false },
        },
      ],
      { owner: 'owner-oid', group: 'group-oid' },
    );
    const after = await dir.getAccessControl();
    expect(after.owner).toBe('owner-oid');
    expect(after._response.headers.get('x-ms-acl')).toBe(
      'user::rwx,user:alice:r--,group::r-x,other::---',
    );
    expect(after.permissions?.extendedAcls).toBe(true);

    await fs.getFileClient('dir/sub/file.txt').setAccessControl([
      {
        accessControlType: 'user',
        entityId: '',
        defaultScope: false,
        permissions: { read: true, write: true, execute: false },
      },
      {
        accessControlType: 'group',
        entityId: '',
        defaultScope: false,
        permissions: { read: true, write: false, execute: false },
      },
      {
        accessControlType: 'other',
        entityId: '',
        defaultScope: false,
        permissions: { read: false, write: false, execute: false },
      },
      {
        accessControlType: 'user',
        entityId: 'carol',
        defaultScope: false,
        permissions: { read: true, write: false, execute: false },
      },
    ]);
    const modified = await dir.updateAccessControlRecursive(
      [
        {
          accessControlType: 'user',
          entityId: 'bob',
          defaultScope: false,
          permissions: { read: true, write: false, execute: true },
        },
        {
          accessControlType: 'user',
          entityId: 'bob',
          defaultScope: true,
          permissions: { read: true, write: false, execute: true },
        },
      ],
      { batchSize: 1 },
    );
    expect(modified.counters).toEqual({
      changedDirectoriesCount: 2,
      changedFilesCount: 1,
      failedChangesCount: 0,
    });
    const fileAcl = await fs.getFileClient('dir/sub/file.txt').getAccessControl();
    expect(fileAcl._response.headers.get('x-ms-acl')).toBe(
      'user::rw-,user:bob:r-x,user:carol:r--,group::r--,other::---',
    );
    const subAcl = await fs.getDirectoryClient('dir/sub').getAccessControl();
    expect(subAcl._response.headers.get('x-ms-acl')).toBe(
      'user::rwx,user:bob:r-x,group::r-x,other::---,default:user:bob:r-x',
    );
    const removed = await dir.removeAccessControlRecursive([
      { accessControlType: 'user', entityId: 'bob', defaultScope: false },
      { accessControlType: 'user', entityId: 'bob', defaultScope: true },
    ]);
    expect(removed.counters.changedDirectoriesCount + removed.counters.changedFilesCount).toBe(3);
    const fileAfter = await fs.getFileClient('dir/sub/file.txt').getAccessControl();
    expect(fileAfter._response.headers.get('x-ms-acl')).toBe(
      'user::rw-,user:carol:r--,group::r--,other::---',
    );
    expect(
      (await fs.getDirectoryClient('dir/sub').getAccessControl())._response.headers.get('x-ms-acl'),
    ).toBe('user::rwx,group::r-x,other::---');
  });

  it('rejects a malformed ACL with 400 and a wrong key with 403', async () => {
    const fs = await newFileSystem(kit, 'dfs-auth');
    await fs.getDirectoryClient('d').create();
    const raw = await signedFetch(kit, 'PATCH', `${fs.name}/d?action=setAccessControl`, {
      'x-ms-acl': 'user::rwx,bogus',
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-ms-error-code')).toBe('InvalidHeaderValue');
    expect((await raw.json()) as unknown).toMatchObject({ error: { code: 'InvalidHeaderValue' } });

    const wrong = new DataLakeServiceClient(
      kit.server.url,
      new StorageSharedKeyCredential(
        DEV_ACCOUNT_NAME,
        Buffer.from('not the key').toString('base64'),
      ),
    );
    const wrongFs = wrong.getFileSystemClient(fs.name);
    let status: number | undefined;
    try {
      await wrongFs.getDirectoryClient('other').create();
    } catch (e) {
      status = (e as { statusCode?: number }).statusCode;
    }
    expect(status).toBe(403);
    expect(await errorCode(wrongFs.getDirectoryClient('d').getAccessControl())).toBe(
      'AuthenticationFailed',
    );
    expect(await names(fs)).toEqual(['d/']);
  });

  it('accepts a filesystem SAS on DFS operations within its permissions', async () => {
    const fs = await newFileSystem(kit, 'dfs-sas');
    await write(fs, 'dir/f.txt', 'sas');
    const expiresOn = new Date(Date.now() + 3600_000);
    const readList = await fs.generateSasUrl({
      expiresOn,
      permissions: FileSystemSASPermissions.parse('rl'),
    });
    const reader = new DataLakeFileSystemClient(readList);
    const listed = [];
    for await (const p of reader.listPaths({ recursive: true })) listed.push(p.name);
    expect(listed).toEqual(['dir', 'dir/f.txt']);
    expect(await errorCode(reader.getDirectoryClient('new').create())).toBe(
      'AuthorizationPermissionMismatch',
    );
    const badSig = new URL(readList);
    badSig.searchParams.set('sig', Buffer.from('forged').toString('base64'));
    expect(await errorCode(names(new DataLakeFileSystemClient(badSig.toString())))).toBe(
      'AuthenticationFailed',
    );
    const writer = new DataLakeFileSystemClient(
      await fs.generateSasUrl({ expiresOn, permissions: FileSystemSASPermissions.parse('rwlcd') }),
    );
    await writer.getDirectoryClient('made-with-sas').create();
    expect(await names(fs)).toEqual(['dir/', 'made-with-sas/']);
  });

  it('passes plain Blob operations through to Azurite', async () => {
    const container = kit.blobs.getContainerClient(uniqueContainerName('dfs-blob'));
    await container.create();
    await container.getBlockBlobClient('p/q.bin').uploadData(Buffer.from([1, 2, 3]));
    const listed = [];
    for await (const b of container.listBlobsFlat()) listed.push(b.name);
    expect(listed).toEqual(['p/q.bin']);
    const bytes = await container.getBlobClient('p/q.bin').downloadToBuffer();
    expect([...bytes]).toEqual([1, 2, 3]);
    const direct = BlobServiceClient.fromConnectionString(inject('azuriteConnectionString'));
    expect(
      await direct.getContainerClient(container.containerName).getBlobClient('p/q.bin').exists(),
    ).toBe(true);
    const props = await container.getBlobClient('p/q.bin').getProperties();
    expect(props._response.headers.get('x-ms-resource-type')).toBe('file');
    await container.delete();
  });
});
