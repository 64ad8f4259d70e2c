import type { ContainerClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { listDirectory } from './listDirectory.js';

let container: ContainerClient;
const put = (name: string, body = 'x', metadata?: Record<string, string>) =>
  container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), {
    metadata,
    blobHTTPHeaders: { blobContentType: 'text/plain' },
  });

beforeAll(async () => {
  container = testBlobService().getContainerClient(uniqueContainerName('list'));
  await container.create();
  await Promise.all([
    put('a.txt', 'hello'),
    put('dir1/b.txt', 'bb'),
    put('dir1/sub/c.txt', 'ccc'),
    put('dir1', '', { hdi_isfolder: 'true' }),
    put('empty', '', { hdi_isfolder: 'true' }),
    put('dir1/sub/', ''),
    put(`long/${'n'.repeat(1000)}`, 'L'),
    ...Array.from({ length: 25 }, (_, i) =>
      put(`paged/f${String(i).padStart(2, '0')}.txt`, String(i)),
    ),
  ]);
});

describe('listDirectory on a flat account', () => {
  it('lists the root: folders from prefixes and hdi_isfolder markers (once each), then files', async () => {
    const page = await listDirectory(container, '', { pageSize: 5000 });
    expect(page.continuationToken).toBeUndefined();
    const shape = page.entries.map((e) => [e.kind, e.path]).sort();
    expect(shape).toEqual(
      [
        ['directory', 'dir1'],
        ['directory', 'empty'],
        ['directory', 'long'],
        ['directory', 'paged'],
        ['file', 'a.txt'],
      ].sort(),
    );
    const file = page.entries.find((e) => e.path === 'a.txt');
    expect(file).toMatchObject({ kind: 'file', name: 'a.txt', size: 5, contentType: 'text/plain' });
  });

  it('lists a nested directory without its own marker blob', async () => {
    const page = await listDirectory(container, 'dir1/sub', { pageSize: 5000 });
    expect(page.entries).toEqual([
      expect.objectContaining({ kind: 'file', name: 'c.txt', path: 'dir1/sub/c.txt', size: 3 }),
    ]);
  });

  it('keeps names of 1,000+ characters intact', async () => {
    const page = await listDirectory(container, 'long', { pageSize: 10 });
    expect(page.entries.map((e) => e.name)).toEqual(['n'.repeat(1000)]);
  });

  it('pages with continuation tokens and the pages add up to the whole folder', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await listDirectory(container, 'paged', {
        pageSize: 10,
        ...(token ? { continuationToken: token } : {}),
      });
      expect(page.entries.length).toBeLessThanOrEqual(10);
      names.push(...page.entries.map((e) => e.name));
      token = page.continuationToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(
      Array.from({ length: 25 }, (_, i) => `f${String(i).padStart(2, '0')}.txt`),
    );
  });

  it('rejects with 404 ContainerNotFound for a missing container', async () => {
    const missing = testBlobService().getContainerClient(uniqueContainerName('missing'));
    await expect(listDirectory(missing, '', { pageSize: 10 })).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
