import { describe, expect, it } from 'vitest';
import { uniqueContainerName } from '../azurite.js';
import {
  errorCode,
  names,
  newFileSystem,
  read,
  signedFetch,
  useDfsServer,
  write,
} from './dfsTestKit.js';

const kit = useDfsServer();

describe('DFS test server: paths', () => {
  it('reports a hierarchical namespace through Get Account Information', async () => {
    const info = await kit.blobs.getAccountInfo();
    expect(info.isHierarchicalNamespaceEnabled).toBe(true);
  });

  it('creates directories and files, appends/flushes bytes readable through the Blob API', async () => {
    const fs = await newFileSystem(kit, 'dfs-create');
    await fs.getDirectoryClient('a/b/c').create();
    const file = fs.getFileClient('a/b/c/data.txt');
    await file.create();
    await file.append(Buffer.from('hello '), 0, 6);
    await file.append(Buffer.from('world'), 6, 5);
    await file.flush(11, { pathHttpHeaders: { contentType: 'text/plain' } });
    expect(await read(kit, fs, 'a/b/c/data.txt')).toBe('hello world');
    const props = await kit.blobs
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
    const back = await kit.blobs
      .getContainerClient(fs.name)
      .getBlobClient('big.bin')
      .downloadToBuffer();
    expect(back.equals(big)).toBe(true);
  });

  it('lists empty, marker and implicit directories, recursively and in pages', async () => {
    const fs = await newFileSystem(kit, 'dfs-list');
    await fs.getDirectoryClient('empty').create();
    const container = kit.blobs.getContainerClient(fs.name);
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
    const missing = kit.lake.getFileSystemClient(uniqueContainerName('dfs-nofs'));
    expect(await errorCode(names(missing))).toBe('FilesystemNotFound');
    // Plain HEAD on an implicit directory answers like a marker blob.
    const implicit = await container.getBlobClient('implicit/deep').getProperties();
    expect(implicit.metadata?.hdi_isfolder).toBe('true');
  });

  it('moves files and directories with their contents and reports rename errors', async () => {
    const fs = await newFileSystem(kit, 'dfs-move');
    await write(fs, 'src/one.txt', '1');
    await write(fs, 'src/sub/two.txt', '22');
    await fs.getDirectoryClient('src/emptydir').create();
    await fs.getDirectoryClient('dest').create();
    await fs.getFileClient('src/one.txt').move('dest/uno.txt');
    expect(await read(kit, fs, 'dest/uno.txt')).toBe('1');
    await fs.getDirectoryClient('src').move('dest/moved');
    expect(await names(fs, { recursive: true })).toEqual([
      'dest/',
      'dest/moved/',
      'dest/moved/emptydir/',
      'dest/moved/sub/',
      'dest/moved/sub/two.txt',
      'dest/uno.txt',
    ]);
    expect(await read(kit, fs, 'dest/moved/sub/two.txt')).toBe('22');
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
    expect(await read(kit, fs, 'dest/uno.txt')).toBe('o');
  });

  it('deletes: non-empty directory needs recursive; recursive delete pages through the tree', async () => {
    const fs = await newFileSystem(kit, 'dfs-delete');
    for (let i = 0; i < 10; i++) await write(fs, `tree/d${i % 3}/f${i}.txt`, `${i}`);
    expect(await errorCode(fs.getDirectoryClient('tree').delete(false))).toBe('DirectoryNotEmpty');
    const first = await signedFetch(kit, 'DELETE', `${fs.name}/tree?recursive=true`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ms-continuation')).toBeTruthy();
    expect((await names(fs, { recursive: true })).length).toBeLessThan(14);
    await fs.getDirectoryClient('tree').delete(true);
    expect(await names(fs, { recursive: true })).toEqual([]);
    const left = [];
    for await (const b of kit.blobs.getContainerClient(fs.name).listBlobsFlat()) left.push(b.name);
    expect(left).toEqual([]);
    expect(await errorCode(fs.getDirectoryClient('tree').delete(true))).toBe('PathNotFound');
    await fs.getDirectoryClient('keep/empty').create();
    await write(fs, 'keep/file.txt', 'f');
    await fs.getFileClient('keep/file.txt').delete();
    await fs.getDirectoryClient('keep/empty').delete(false);
    expect(await names(fs, { recursive: true })).toEqual(['keep/']);
  });
});
