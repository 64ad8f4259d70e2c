import {
  BlobServiceClient,
  ContainerSASPermissions,
  type ContainerClient,
} from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OperationProgressEvent, PathEntry } from '../../shared/contract/index.js';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { openAccount } from '../storage/accountAccess.js';
import { listDirectory } from '../storage/listDirectory.js';
import { toLakeError } from '../storage/toLakeError.js';
import {
  getAccessControl,
  setAccessControl,
  updateAccessControlRecursive,
} from './accessControl.js';
import { checkAccess } from './checkAccess.js';
import { containerProperties, createContainer, deleteContainer } from './containerOps.js';
import { copyPaths } from './copyPaths.js';
import { createDirectory } from './createDirectory.js';
import { deletePaths } from './deletePaths.js';
import { detectNamespace } from './detectNamespace.js';
import { folderStats } from './folderStats.js';
import { listHnsDirectory } from './listHnsDirectory.js';
import type { NamespaceTarget } from './namespaceTarget.js';
import { createOperationRunner, type OperationContext } from './operationRunner.js';
import { pathProperties, setPathProperties } from './pathProperties.js';
import { renamePath } from './renamePath.js';

const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e) => toLakeError(e).code,
  );

/** Runs `body` as an operation and returns its result with the progress events it sent. */
async function asOperation<T>(
  body: (c: OperationContext) => Promise<T>,
): Promise<{ result: T; events: OperationProgressEvent[] }> {
  const events: OperationProgressEvent[] = [];
  const runner = createOperationRunner((e) => events.push(e), 0);
  const result = await runner.run(
    `op-${Math.random().toString(36).slice(2, 12)}`,
    'delete',
    't',
    body,
  );
  return { result, events };
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

async function listNames(target: NamespaceTarget, directory: string): Promise<string[]> {
  const page =
    target.namespace === 'hns'
      ? await listHnsDirectory(target.access.fileSystem(target.container), directory, {
          pageSize: 5000,
        })
      : await listDirectory(target.access.container(target.container), directory, {
          pageSize: 5000,
        });
  return page.entries
    .map((e: PathEntry) => `${e.kind === 'directory' ? 'd' : 'f'}:${e.name}`)
    .sort();
}

async function blobNames(container: ContainerClient, prefix = ''): Promise<string[]> {
  const names: string[] = [];
  for await (const b of container.listBlobsFlat({ prefix })) names.push(b.name);
  return names.sort();
}

const accounts = [
  ['flat (Azurite)', () => inject('azuriteConnectionString')],
  ['hns (test DFS server)', () => inject('hnsConnectionString')],
] as const;

describe.each(accounts)('namespace operations on a %s account', (kind, connectionString) => {
  let target: NamespaceTarget;
  let blobs: ContainerClient;
  const put = (name: string, body: string | Buffer) =>
    blobs.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'text/csv' },
    });

  beforeAll(async () => {
    const access = openAccount({ kind: 'connectionString', connectionString: connectionString() });
    const container = uniqueContainerName(`ns-${kind}`);
    await createContainer(access, container);
    const description = await detectNamespace(access);
    target = { access, container, namespace: description.namespace };
    blobs =
      BlobServiceClient.fromConnectionString(connectionString()).getContainerClient(container);
  });
  afterAll(async () => {
    await blobs.deleteIfExists();
  });

  it('detects the account kind with Get Account Information', async () => {
    const description = await detectNamespace(target.access);
    expect(description).toEqual({
      accountName: 'devstoreaccount1',
      namespace: kind.startsWith('hns') ? 'hns' : 'flat',
      detectedBy: 'accountInfo',
    });
  });

  it('decides with one DFS probe when the credential is a container SAS', async () => {
    const sasUrl = await blobs.generateSasUrl({
      permissions: ContainerSASPermissions.parse('rl'),
      expiresOn: new Date(Date.now() + 3_600_000),
    });
    const scoped = openAccount({ kind: 'sas', url: sasUrl });
    expect(await detectNamespace(scoped)).toEqual({
      accountName: 'devstoreaccount1',
      namespace: kind.startsWith('hns') ? 'hns' : 'flat',
      detectedBy: 'dfsProbe',
    });
  });

  it('creates an empty folder that the listing shows, and refuses a second one', async () => {
    await createDirectory(target, 'empty');
    expect(await listNames(target, '')).toContain('d:empty');
    expect(await codeOf(createDirectory(target, 'empty'))).toBe('AlreadyExists');
  });

  it('renames a folder with everything below it; bytes equal, nothing left at the old name', async () => {
    await put('src/a.csv', 'a,b\n1,2\n');
    await put('src/deep/b.csv', Buffer.alloc(70_000, 7));
    await createDirectory(target, 'src/empty-child');
    const { result } = await asOperation((c) =>
      renamePath(target, { path: 'src', kind: 'directory' }, 'dst', c),
    );
    expect(result).toBeGreaterThanOrEqual(1);
    expect(await listNames(target, 'dst')).toEqual(['d:deep', 'd:empty-child', 'f:a.csv']);
    expect(await listNames(target, 'dst/deep')).toEqual(['f:b.csv']);
    expect((await blobNames(blobs, 'src/')).length).toBe(0);
    expect(await listNames(target, '')).not.toContain('d:src');
    const body = await blobs.getBlobClient('dst/deep/b.csv').downloadToBuffer();
    expect(md5(body)).toBe(md5(Buffer.alloc(70_000, 7)));
    const props = await blobs.getBlobClient('dst/a.csv').getProperties();
    expect(props.contentType).toBe('text/csv');
  });

  it('refuses a rename onto an existing name and changes nothing', async () => {
    await put('one.txt', '1');
    await put('two.txt', '2');
    expect(
      await codeOf(
        asOperation((c) => renamePath(target, { path: 'one.txt', kind: 'file' }, 'two.txt', c)),
      ),
    ).toBe('AlreadyExists');
    expect((await blobs.getBlobClient('one.txt').downloadToBuffer()).toString()).toBe('1');
    expect((await blobs.getBlobClient('two.txt').downloadToBuffer()).toString()).toBe('2');
  });

  it('refuses to move a folder into itself before any request, and a missing parent', async () => {
    expect(
      await codeOf(
        asOperation((c) => renamePath(target, { path: 'dst', kind: 'directory' }, 'dst/inner', c)),
      ),
    ).toBe('InvalidInput');
    expect(
      await codeOf(
        asOperation((c) =>
          renamePath(target, { path: 'one.txt', kind: 'file' }, 'nowhere/one.txt', c),
        ),
      ),
    ).toBe('NotFound');
    expect(await blobs.getBlobClient('one.txt').exists()).toBe(true);
  });

  it('counts a folder tree and then deletes it recursively', async () => {
    for (let i = 0; i < 12; i += 1) await put(`tree/${i % 3}/f${i}.bin`, Buffer.alloc(100 + i));
    const stats = await asOperation((c) => folderStats(target, 'tree', c));
    expect(stats.result).toEqual({ files: 12, directories: 3, bytes: 12 * 100 + 66 });
    expect(stats.events.at(-1)).toMatchObject({ state: 'completed', done: 15, bytes: 1266 });

    const deleted = await asOperation((c) =>
      deletePaths(
        target,
        [
          { path: 'tree', kind: 'directory' },
          { path: 'one.txt', kind: 'file' },
        ],
        c,
      ),
    );
    expect(deleted.events.at(-1)?.state).toBe('completed');
    expect(await blobNames(blobs, 'tree')).toEqual([]);
    expect(await blobs.getBlobClient('one.txt').exists()).toBe(false);
    expect(await listNames(target, '')).not.toContain('d:tree');
  });

  it('reads properties and sets content type and metadata without losing the MD5', async () => {
    await put('props.csv', 'x\n1\n');
    const before = await pathProperties(target, { path: 'props.csv', kind: 'file' });
    expect(before).toMatchObject({ size: 4, contentType: 'text/csv', metadata: {} });
    expect(before.contentMD5).toBe(createHash('md5').update('x\n1\n').digest('base64'));
    expect(before.abfssPath).toBe(
      `abfss://${target.container}@devstoreaccount1.dfs.core.windows.net/props.csv`,
    );
    await setPathProperties(target, 'props.csv', {
      contentType: 'application/vnd.ms-excel',
      metadata: { owner_team: 'finance' },
    });
    const after = await blobs.getBlobClient('props.csv').getProperties();
    expect(after.contentType).toBe('application/vnd.ms-excel');
    expect(after.metadata).toEqual({ owner_team: 'finance' });
    expect(Buffer.from(after.contentMD5!).toString('base64')).toBe(before.contentMD5);
  });

  it('copies a folder server-side into another container, keeping names and bytes', async () => {
    await put('copyme/x.csv', 'x');
    await put('copyme/sub/y.csv', 'yy');
    const other = uniqueContainerName(`ns-copy-${kind}`);
    await createContainer(target.access, other);
    const destination = { ...target, container: other, directory: 'in' };
    const { result } = await asOperation((c) =>
      copyPaths(target, [{ path: 'copyme', kind: 'directory' }], destination, c),
    );
    expect(result.bytes).toBe(3);
    const names = await blobNames(
      BlobServiceClient.fromConnectionString(connectionString()).getContainerClient(other),
    );
    expect(names.filter((n) => !n.endsWith('copyme') && n !== 'in')).toEqual([
      'in/copyme/sub/y.csv',
      'in/copyme/x.csv',
    ]);
    await deleteContainer(target.access, other);
  });

  it('refuses to delete a leased container and names the lease', async () => {
    const leased = uniqueContainerName(`ns-lease-${kind}`);
    await createContainer(target.access, leased);
    expect(await codeOf(createContainer(target.access, leased))).toBe('AlreadyExists');
    const client =
      BlobServiceClient.fromConnectionString(connectionString()).getContainerClient(leased);
    const lease = client.getBlobLeaseClient();
    await lease.acquireLease(-1);
    expect((await containerProperties(target.access, leased)).leaseState).toBe('leased');
    const error = await deleteContainer(target.access, leased).catch((e) => toLakeError(e));
    expect(error).toMatchObject({ code: 'Conflict' });
    expect((error as { message: string }).message).toMatch(/lease/);
    expect(await client.exists()).toBe(true);
    await lease.breakLease(0);
    await deleteContainer(target.access, leased);
    expect(await client.exists()).toBe(false);
  });
});

describe('a flat rename that fails part-way', () => {
  it('stops at the first failure and loses no blob: each is at its source or fully copied', async () => {
    const connectionString = inject('azuriteConnectionString');
    const access = openAccount({ kind: 'connectionString', connectionString });
    const container = uniqueContainerName('flat-fail');
    await createContainer(access, container);
    const target: NamespaceTarget = { access, container, namespace: 'flat' };
    const blobs = access.container(container);
    const names = Array.from({ length: 40 }, (_, i) => `from/${String(i).padStart(2, '0')}.txt`);
    for (const name of names) await blobs.getBlockBlobClient(name).upload(name, name.length);
    // A leased source cannot be deleted after its copy: the move must stop there.
    await blobs.getBlobClient('from/05.txt').getBlobLeaseClient().acquireLease(-1);

    const error = await asOperation((c) =>
      renamePath(target, { path: 'from', kind: 'directory' }, 'to', c),
    ).catch((e) => toLakeError(e));
    expect(error).toMatchObject({ code: 'Conflict', status: 412 });
    const left = await blobNames(blobs, 'from/');
    const moved = await blobNames(blobs, 'to/');
    expect(left).toContain('from/05.txt');
    expect(left.length).toBeLessThan(names.length);
    for (const name of names) {
      const copy = name.replace(/^from\//, 'to/');
      expect(left.includes(name) || moved.includes(copy)).toBe(true);
      if (!left.includes(name)) {
        expect((await blobs.getBlobClient(copy).downloadToBuffer()).toString()).toBe(name);
      }
    }
  });
});

describe('ACLs on an HNS account (test DFS server)', () => {
  let target: NamespaceTarget;
  beforeAll(async () => {
    const access = openAccount({
      kind: 'connectionString',
      connectionString: inject('hnsConnectionString'),
    });
    const container = uniqueContainerName('acl');
    await createContainer(access, container);
    target = { access, container, namespace: 'hns' };
    await createDirectory(target, 'lake/raw/2025');
    const file = target.access.fileSystem(container).getFileClient('lake/raw/2025/a.csv');
    await file.create();
  });

  it('reads the default owner, permissions and ACL, and sets a named entry', async () => {
    const control = await getAccessControl(target, 'lake');
    expect(control.owner).toBe('$superuser');
    expect(control.permissions).toBe('rwxr-x---');
    await setAccessControl(target, 'lake', {
      acl: 'user::rwx,group::r-x,other::---,user:alice:r-x',
    });
    const after = await getAccessControl(target, 'lake');
    expect(after.acl).toContainEqual({
      scope: 'access',
      type: 'user',
      id: 'alice',
      permissions: 'r-x',
    });
    expect(await codeOf(setAccessControl(target, 'lake', { acl: 'user::rwz' }))).toBe(
      'InvalidInput',
    );
  });

  it('merges recursively so entries only a child has survive; the dry run counts first', async () => {
    await setAccessControl(target, 'lake/raw/2025/a.csv', {
      acl: 'user::rw-,group::r--,other::---,user:child-only:r--',
    });
    const dry = await asOperation((c) =>
      updateAccessControlRecursive(
        target,
        'lake',
        { mode: 'modify', acl: 'user:bob:r-x', dryRun: true },
        c,
      ),
    );
    expect(dry.result).toMatchObject({ directories: 3, files: 1, changed: 4, failures: [] });
    expect((await getAccessControl(target, 'lake/raw')).acl.some((e) => e.id === 'bob')).toBe(
      false,
    );

    const applied = await asOperation((c) =>
      updateAccessControlRecursive(
        target,
        'lake',
        { mode: 'modify', acl: 'user:bob:r-x', dryRun: false },
        c,
      ),
    );
    expect(applied.result).toMatchObject({ directories: 3, files: 1, failures: [] });
    const child = (await getAccessControl(target, 'lake/raw/2025/a.csv')).acl;
    expect(child).toContainEqual({ scope: 'access', type: 'user', id: 'bob', permissions: 'r-x' });
    expect(child).toContainEqual({
      scope: 'access',
      type: 'user',
      id: 'child-only',
      permissions: 'r--',
    });
  });

  it('tells whether a user can reach a path: execute on every parent', async () => {
    const denied = await checkAccess(target, 'lake/raw/2025/a.csv', 'carol', 'user');
    expect(denied.reachable).toBe(false);
    expect(denied.steps.map((s) => s.path)).toEqual([
      '',
      'lake',
      'lake/raw',
      'lake/raw/2025',
      'lake/raw/2025/a.csv',
    ]);
    const allowed = await checkAccess(target, 'lake/raw/2025/a.csv', 'bob', 'user');
    expect(allowed.steps.slice(1, -1).every((s) => s.execute && s.via === 'named user entry')).toBe(
      true,
    );
  });

  it('copies keep the source ACL when asked, and get defaults otherwise', async () => {
    await setAccessControl(target, 'lake/raw/2025/a.csv', {
      acl: 'user::rw-,group::r--,other::---,user:dana:rw-',
    });
    const other = uniqueContainerName('acl-copy');
    await createContainer(target.access, other);
    const into = (directory: string) => ({ ...target, container: other, directory });
    const ref = [{ path: 'lake/raw/2025/a.csv', kind: 'file' as const }];
    await asOperation((c) => copyPaths(target, ref, into('kept'), c, { keepAcls: true }));
    await asOperation((c) => copyPaths(target, ref, into('plain'), c));
    const kept = await getAccessControl({ ...target, container: other }, 'kept/a.csv');
    expect(kept.acl).toContainEqual({
      scope: 'access',
      type: 'user',
      id: 'dana',
      permissions: 'rw-',
    });
    const plain = await getAccessControl({ ...target, container: other }, 'plain/a.csv');
    expect(plain.acl.some((e) => e.id === 'dana')).toBe(false);
  });

  it('refuses ACL calls on a flat account', async () => {
    const flat = { ...target, namespace: 'flat' as const };
    expect(await codeOf(getAccessControl(flat, 'lake'))).toBe('InvalidInput');
  });
});
