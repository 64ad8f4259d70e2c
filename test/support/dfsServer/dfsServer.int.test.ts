import { BlobServiceClient, StorageSharedKeyCredential as BlobKey } from '@azure/storage-blob';
import {
  DataLakeFileSystemClient,
  DataLakeServiceClient,
  FileSystemSASPermissions,
  StorageSharedKeyCredential,
} from '@azure/storage-file-datalake';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueContainerName } from '../azurite.js';
import type { DfsServer } from './startDfsServer.js';
import { DEV_ACCOUNT_KEY, DEV_ACCOUNT_NAME, startDfsServer } from './startDfsServer.js';

let server: DfsServer;
let lake: DataLakeServiceClient;
let blobs: BlobServiceClient;

beforeAll(async () => {
  server = await startDfsServer({
    azuriteBlobEndpoint: inject('azuriteBlobEndpoint'),
    deletePageSize: 3,
  });
  lake = new DataLakeServiceClient(
    server.url,
    new StorageSharedKeyCredential(DEV_ACCOUNT_NAME, DEV_ACCOUNT_KEY),
  );
  blobs = new BlobServiceClient(server.url, new BlobKey(DEV_ACCOUNT_NAME, DEV_ACCOUNT_KEY));
});

afterAll(async () => {
  await server?.stop();
});

const newFileSystem = async (prefix: string): Promise<DataLakeFileSystemClient> => {
  const fs = lake.getFileSystemClient(uniqueContainerName(prefix));
  await fs.create();
  return fs;
};

const write = async (fs: DataLakeFileSystemClient, path: string, text: string) => {
  await fs.getFileClient(path).upload(Buffer.from(text));
};

const read = async (fs: DataLakeFileSystemClient, path: string): Promise<string> =>
  (await blobs.getContainerClient(fs.name).getBlobClient(path).downloadToBuffer()).toString();

const names = async (
  fs: DataLakeFileSystemClient,
  options: { recursive?: boolean; path?: string } = {},
) => {
  const out: string[] = [];
  for await (const p of fs.listPaths(options)) out.push(`${p.name}${p.isDirectory ? '/' : ''}`);
  return out;
};

const errorCode = async (work: Promise<unknown>): Promise<string | undefined> => {
  try {
    await work;
  } catch (e) {
    const err = e as { code?: string; details?: { errorCode?: string }; statusCode?: number };
    return err.details?.errorCode ?? err.code ?? String(err.statusCode);
  }
  return undefined;
};

describe('DFS test server', () => {
  it('reports a hierarchical namespace through Get Account Information', async () => {
    const info = await blobs.getAccountInfo();
    expect(info.isHierarchicalNamespaceEnabled).toBe(true);
  });

  it('creates directories and files, appends/flushes bytes readable through the Blob API', async () => {
    const fs = await newFileSystem('dfs-create');
    await fs.getDirectoryClient('a/b/c').create();
    const file = fs.getFileClient('a/b/c/data.txt');
    await file.create();
    await file.append(Buffer.from('hello '), 0, 6);
    await file.append(Buffer.from('world'), 6, 5);
    await file.flush(11, { pathHttpHeaders: { contentType: 'text/plain' } });
    expect(await read(fs, 'a/b/c/data.txt')).toBe('hello world');
    const props = await blobs
      .getContainerClient(fs.name)
      .getBlobClient('a/b/c/data.txt')
      .getProperties();
    expect(props.contentType).toBe('text/plain');
    expect(await names(fs, { recursive: true })).toEqual([
      'a/',
      'a/b/',
      'a/b/c/',
      'a/b/c/data.txt',
    ]);
    expect(await errorCode(file.flush(20))).toBe('InvalidFlushPosition');
    expect(await errorCode(fs.getFileClient('a/b').create())).toBe('PathConflict');
    expect(
      await errorCode(
        fs.getFileClient('a/b/c/data.txt').create({ conditions: { ifNoneMatch: '*' } }),
      ),
    ).toBe('PathAlreadyExists');
    // A larger upload takes the SDK's parallel append path.
    const big = Buffer.alloc(9 * 1024 * 1024 + 17, 7);
    await fs
      .getFileClient('big.bin')
      .upload(big, { chunkSize: 4 * 1024 * 1024, maxConcurrency: 3 });
    const back = await blobs
      .getContainerClient(fs.name)
      .getBlobClient('big.bin')
      .downloadToBuffer();
    expect(back.equals(big)).toBe(true);
  });

  it('lists empty, marker and implicit directories, recursively and in pages', async () => {
    const fs = await newFileSystem('dfs-list');
    await fs.getDirectoryClient('empty').create();
    const container = blobs.getContainerClient(fs.name);
    await container.getBlockBlobClient('implicit/deep/x.txt').upload('xx', 2);
    await write(fs, 'top.txt', 'abc');
    expect(await names(fs)).toEqual(['empty/', 'implicit/', 'top.txt']);
    expect(await names(fs, { path: 'implicit' })).toEqual(['implicit/deep/']);
    expect(await names(fs, { recursive: true })).toEqual([
      'empty/',
      'implicit/',
      'implicit/deep/',
      'implicit/deep/x.txt',
      'top.txt',
    ]);
    const pages: number[] = [];
    for await (const page of fs.listPaths({ recursive: true }).byPage({ maxPageSize: 2 })) {
      pages.push(page.pathItems?.length ?? 0);
    }
    expect(pages).toEqual([2, 2, 1]);
    const top = (await fs.listPaths().next()).value;
    expect(top).toMatchObject({
      name: 'empty',
      isDirectory: true,
      contentLength: 0,
      owner: '$superuser',
    });
    const file = (await fs.listPaths({ path: 'implicit/deep' }).next()).value;
    expect(file).toMatchObject({ name: 'implicit/deep/x.txt', contentLength: 2 });
    expect(file.isDirectory).toBeFalsy();
    expect(await errorCode(names(fs, { path: 'missing' }))).toBe('PathNotFound');
    const missing = lake.getFileSystemClient(uniqueContainerName('dfs-nofs'));
    expect(await errorCode(names(missing))).toBe('FilesystemNotFound');
    // Plain HEAD on an implicit directory answers like a marker blob.
    const implicit = await container.getBlobClient('implicit/deep').getProperties();
    expect(implicit.metadata?.hdi_isfolder).toBe('true');
  });

  it('moves files and directories with their contents and reports rename errors', async () => {
    const fs = await newFileSystem('dfs-move');
    await write(fs, 'src/one.txt', '1');
    await write(fs, 'src/sub/two.txt', '22');
    await fs.getDirectoryClient('src/emptydir').create();
    await fs.getDirectoryClient('dest').create();
    await fs.getFileClient('src/one.txt').move('dest/uno.txt');
    expect(await read(fs, 'dest/uno.txt')).toBe('1');
    await fs.getDirectoryClient('src').move('dest/moved');
    expect(await names(fs, { recursive: true })).toEqual([
      'dest/',
      'dest/moved/',
      'dest/moved/emptydir/',
      'dest/moved/sub/',
      'dest/moved/sub/two.txt',
      'dest/uno.txt',
    ]);
    expect(await read(fs, 'dest/moved/sub/two.txt')).toBe('22');
    expect(await errorCode(fs.getFileClient('nope.txt').move('x.txt'))).toBe('SourcePathNotFound');
    expect(await errorCode(fs.getFileClient('dest/uno.txt').move('no/such/dir/x.txt'))).toBe(
      'RenameDestinationParentPathNotFound',
    );
    await write(fs, 'other.txt', 'o');
    expect(
      await errorCode(
        fs
          .getFileClient('other.txt')
          .move('dest/uno.txt', { destinationConditions: { ifNoneMatch: '*' } }),
      ),
    ).toBe('PathAlreadyExists');
    expect(await errorCode(fs.getDirectoryClient('dest').move('dest/moved/inner'))).toBe(
      'InvalidRenameSourcePath',
    );
    // Without conditions a file replaces a file.
    await fs.getFileClient('other.txt').move('dest/uno.txt');
    expect(await read(fs, 'dest/uno.txt')).toBe('o');
  });

  it('deletes: non-empty directory needs recursive; recursive delete pages through the tree', async () => {
    const fs = await newFileSystem('dfs-delete');
    for (let i = 0; i < 10; i++) await write(fs, `tree/d${i % 3}/f${i}.txt`, `${i}`);
    expect(await errorCode(fs.getDirectoryClient('tree').delete(false))).toBe('DirectoryNotEmpty');
    const first = await signedFetch('DELETE', `${fs.name}/tree?recursive=true`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ms-continuation')).toBeTruthy();
    expect((await names(fs, { recursive: true })).length).toBeLessThan(14);
    await fs.getDirectoryClient('tree').delete(true);
    expect(await names(fs, { recursive: true })).toEqual([]);
    const left = [];
    for await (const b of blobs.getContainerClient(fs.name).listBlobsFlat()) left.push(b.name);
    expect(left).toEqual([]);
    expect(await errorCode(fs.getDirectoryClient('tree').delete(true))).toBe('PathNotFound');
    await fs.getDirectoryClient('keep/empty').create();
    await write(fs, 'keep/file.txt', 'f');
    await fs.getFileClient('keep/file.txt').delete();
    await fs.getDirectoryClient('keep/empty').delete(false);
    expect(await names(fs, { recursive: true })).toEqual(['keep/']);
  });

  it('gets and sets access control, recursively with modify and remove', async () => {
    const fs = await newFileSystem('dfs-acl');
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
    const fs = await newFileSystem('dfs-auth');
    await fs.getDirectoryClient('d').create();
    const raw = await signedFetch('PATCH', `${fs.name}/d?action=setAccessControl`, {
      'x-ms-acl': 'user::rwx,bogus',
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-ms-error-code')).toBe('InvalidHeaderValue');
    expect((await raw.json()) as unknown).toMatchObject({ error: { code: 'InvalidHeaderValue' } });

    const wrong = new DataLakeServiceClient(
      server.url,
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
    const fs = await newFileSystem('dfs-sas');
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
    const container = blobs.getContainerClient(uniqueContainerName('dfs-blob'));
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

/** A hand-made request on the server signed with the account key (bypasses SDK validation). */
const signedFetch = async (
  method: string,
  pathAndQuery: string,
  extra: Record<string, string> = {},
): Promise<Response> => {
  const { sharedKeyStringToSign, signSharedKey } = await import('./sharedKey.js');
  const url = new URL(`${server.url}/${pathAndQuery}`);
  const headers: Record<string, string> = {
    'x-ms-date': new Date().toUTCString(),
    'x-ms-version': '2025-01-05',
    ...extra,
  };
  const toSign = sharedKeyStringToSign(
    DEV_ACCOUNT_NAME,
    method,
    url.pathname + url.search,
    headers,
  );
  headers.authorization = `SharedKey ${DEV_ACCOUNT_NAME}:${signSharedKey(DEV_ACCOUNT_KEY, toSign)}`;
  return fetch(url, { method, headers });
};
