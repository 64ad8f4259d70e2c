import type { BlobItem, ContainerClient, RetentionPolicy } from '@azure/storage-blob';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEV_ACCOUNT_NAME } from '../dfsServer/startDfsServer.js';
import type { SoftDeleteServer } from './startSoftDeleteServer.js';
import { SHADOW_CONTAINER, startSoftDeleteServer } from './startSoftDeleteServer.js';

const statusOf = async (p: Promise<unknown>): Promise<number | undefined> => {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as { statusCode?: number }).statusCode;
  }
};

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('soft-delete Blob front over Azurite', () => {
  let server: SoftDeleteServer;
  let service: BlobServiceClient;
  let container: ContainerClient;
  let initialPolicy: RetentionPolicy | undefined;
  const xBytes = Buffer.from('id,name\n1,<x & y>\n');

  beforeAll(async () => {
    server = await startSoftDeleteServer({ azuriteBlobEndpoint: inject('azuriteBlobEndpoint') });
    service = BlobServiceClient.fromConnectionString(server.connectionString);
    container = service.getContainerClient(`sd-${randomUUID()}`);
    await container.create();
    initialPolicy = (await service.getProperties()).deleteRetentionPolicy;
    await service.setProperties({ deleteRetentionPolicy: { enabled: true, days: 7 } });
    await container.getBlockBlobClient('a/x.csv').uploadData(xBytes, {
      blobHTTPHeaders: { blobContentType: 'text/csv', blobCacheControl: 'no-cache' },
      metadata: { owner: 'alice', kind: 'report' },
    });
    await container.getBlockBlobClient('a/y.csv').uploadData(Buffer.from('y'));
    await container.getBlockBlobClient('b/z.csv').uploadData(randomBytes(64));
  });

  afterAll(async () => {
    await container?.deleteIfExists();
    // Service properties are account-wide in Azurite: leave them as found.
    if (service) {
      await service.setProperties({ deleteRetentionPolicy: initialPolicy ?? { enabled: false } });
    }
    await server?.stop();
  });

  it('soft-deletes a blob: 202, kept out of normal listings, listed with includeDeleted', async () => {
    const res = await container.getBlobClient('a/x.csv').delete();
    expect(res._response.status).toBe(202);
    expect(res._response.headers.get('x-ms-delete-type-permanent')).toBe('false');
    expect(await container.getBlobClient('a/x.csv').exists()).toBe(false);

    const normal = await collect(container.listBlobsFlat({ prefix: 'a/' }));
    expect(normal.map((b) => b.name)).toEqual(['a/y.csv']);

    const withDeleted = await collect(
      container.listBlobsFlat({ includeDeleted: true, includeMetadata: true, prefix: 'a/' }),
    );
    expect(withDeleted.map((b) => [b.name, b.deleted === true])).toEqual([
      ['a/x.csv', true],
      ['a/y.csv', false],
    ]);
    const x = withDeleted[0] as BlobItem;
    expect(x.properties.contentType).toBe('text/csv');
    expect(x.properties.contentLength).toBe(xBytes.length);
    expect(x.properties.blobType).toBe('BlockBlob');
    expect(x.properties.deletedOn).toBeInstanceOf(Date);
    expect(x.properties.remainingRetentionDays).toBe(7);
    expect(x.metadata).toEqual({ owner: 'alice', kind: 'report' });
  });

  it('lists the prefixes of deleted blobs in hierarchical listings', async () => {
    await container.getBlobClient('b/z.csv').delete();
    const top = await collect(container.listBlobsByHierarchy('/'));
    expect(top.map((i) => i.name)).toEqual(['a/']);
    const topDeleted = await collect(container.listBlobsByHierarchy('/', { includeDeleted: true }));
    expect(topDeleted.map((i) => [i.kind, i.name])).toEqual([
      ['prefix', 'a/'],
      ['prefix', 'b/'],
    ]);
    const inB = await collect(
      container.listBlobsByHierarchy('/', { includeDeleted: true, prefix: 'b/' }),
    );
    expect(inB.map((i) => [i.kind, i.name, i.kind === 'blob' && i.deleted])).toEqual([
      ['blob', 'b/z.csv', true],
    ]);
  });

  it('never lists the shadow container', async () => {
    const names = (await collect(service.listContainers())).map((c) => c.name);
    expect(names).toContain(container.containerName);
    expect(names).not.toContain(SHADOW_CONTAINER);
  });

  it('undeletes a blob with its bytes, content type and metadata', async () => {
    const blob = container.getBlobClient('a/x.csv');
    const res = await blob.undelete();
    expect(res._response.status).toBe(200);
    expect(await blob.downloadToBuffer()).toEqual(xBytes);
    const props = await blob.getProperties();
    expect(props.contentType).toBe('text/csv');
    expect(props.cacheControl).toBe('no-cache');
    expect(props.metadata).toEqual({ owner: 'alice', kind: 'report' });
    const listed = await collect(container.listBlobsFlat({ includeDeleted: true, prefix: 'a/' }));
    expect(listed.map((b) => [b.name, b.deleted === true])).toEqual([
      ['a/x.csv', false],
      ['a/y.csv', false],
    ]);
    // Undelete on a blob that is not soft-deleted succeeds without changes.
    expect((await blob.undelete())._response.status).toBe(200);
    // …and on one that neither exists nor was deleted it is 404.
    expect(await statusOf(container.getBlobClient('a/none.csv').undelete())).toBe(404);
  });

  it('answers 403 to a wrong key', async () => {
    const wrong = new BlobServiceClient(
      server.url,
      new StorageSharedKeyCredential(DEV_ACCOUNT_NAME, randomBytes(64).toString('base64')),
    );
    const blob = wrong.getContainerClient(container.containerName).getBlobClient('a/y.csv');
    expect(await statusOf(blob.delete())).toBe(403);
    expect(await statusOf(blob.undelete())).toBe(403);
    expect(await container.getBlobClient('a/y.csv').exists()).toBe(true);
  });

  it('deletes for good when the policy is disabled', async () => {
    await service.setProperties({ deleteRetentionPolicy: { enabled: false } });
    const res = await container.getBlobClient('a/y.csv').delete();
    expect(res._response.status).toBe(202);
    const listed = await collect(container.listBlobsFlat({ includeDeleted: true, prefix: 'a/' }));
    expect(listed.map((b) => [b.name, b.deleted === true])).toEqual([['a/x.csv', false]]);
    expect(await statusOf(container.getBlobClient('a/y.csv').undelete())).toBe(404);
  });
});
