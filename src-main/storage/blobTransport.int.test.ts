import {
  ContainerClient,
  ContainerSASPermissions,
  type BlockBlobClient,
} from '@azure/storage-blob';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { bufferSink } from './bodySink.js';
import { createBlobTransport, type BlobTransport } from './blobTransport.js';
import { toLakeError } from './toLakeError.js';

let container: ContainerClient;
const data = randomBytes(300_000);
const md5 = (b: Buffer) => createHash('md5').update(b).digest();
const hostile = [
  '..\\x.txt',
  'C:\\x',
  'tab\tname.txt',
  'a b/c%20d?e#f.txt',
  'ü/invoice\u202Efdp.exe',
  `long/${'n'.repeat(1000)}`,
];

/** Get Blob of `length` bytes from `offset` (`count` undefined: the whole blob) into a buffer sink: the MD5s and the bytes read. */
const readInto = async (
  transport: BlobTransport,
  name: string,
  offset: number,
  count: number | undefined,
  length: number,
  options: { ifMatch: string; abortSignal: AbortSignal },
) => {
  const sink = bufferSink(length);
  const digests = await transport.download(name, offset, count, { ...options, sink });
  return { ...digests, bytes: sink.body.subarray(0, sink.filledBytes()) };
};
const etagOf = async (blob: BlockBlobClient) => (await blob.getProperties()).etag ?? '';
const signal = () => new AbortController().signal;

beforeAll(async () => {
  container = testBlobService().getContainerClient(uniqueContainerName('transport'));
  await container.create();
  await container.getBlockBlobClient('data.bin').uploadData(data, {
    blobHTTPHeaders: { blobContentMD5: md5(data) },
  });
  for (const name of hostile) await container.getBlockBlobClient(name).upload(name, name.length);
});

describe('createBlobTransport', () => {
  it('reads a whole blob with Shared Key, with its Content-MD5', async () => {
    const blob = container.getBlockBlobClient('data.bin');
    const answer = await readInto(
      createBlobTransport(container),
      'data.bin',
      0,
      undefined,
      data.length,
      {
        ifMatch: await etagOf(blob),
        abortSignal: signal(),
      },
    );
    expect(answer.bytes).toEqual(data);
    expect(Buffer.from(answer.contentMD5 ?? [])).toEqual(md5(data));
  });

  it('reads a range, with the whole blob Content-MD5 beside it', async () => {
    const blob = container.getBlockBlobClient('data.bin');
    const answer = await readInto(createBlobTransport(container), 'data.bin', 1000, 5000, 5000, {
      ifMatch: await etagOf(blob),
      abortSignal: signal(),
    });
    expect(answer.bytes).toEqual(data.subarray(1000, 6000));
    expect(Buffer.from(answer.blobContentMD5 ?? [])).toEqual(md5(data));
  });

  it('reads names that are hostile as paths or URLs, as the SDK names them', async () => {
    const transport = createBlobTransport(container);
    for (const name of hostile) {
      const answer = await readInto(transport, name, 0, undefined, Buffer.byteLength(name), {
        ifMatch: await etagOf(container.getBlockBlobClient(name)),
        abortSignal: signal(),
      });
      expect(answer.bytes.toString()).toBe(name);
    }
  });

  it('reads through a container SAS in the URL', async () => {
    const sasUrl = await container.generateSasUrl({
      permissions: ContainerSASPermissions.parse('r'),
      expiresOn: new Date(Date.now() + 600_000),
    });
    const answer = await readInto(
      createBlobTransport(new ContainerClient(sasUrl)),
      'data.bin',
      0,
      10,
      10,
      {
        ifMatch: await etagOf(container.getBlockBlobClient('data.bin')),
        abortSignal: signal(),
      },
    );
    expect(answer.bytes).toEqual(data.subarray(0, 10));
  });

  it('fails with the status and error code: a changed ETag, a missing container, a forged SAS', async () => {
    const transport = createBlobTransport(container);
    const failure = (name: string, ifMatch: string, r = transport) =>
      readInto(r, name, 0, undefined, data.length, { ifMatch, abortSignal: signal() }).then(
        () => undefined,
        (e: unknown) => toLakeError(e),
      );
    expect(await failure('data.bin', '"0x8D000000000000"')).toMatchObject({
      code: 'Conflict',
      status: 412,
      azureCode: 'ConditionNotMet',
    });
    const missing = testBlobService().getContainerClient(uniqueContainerName('missing'));
    expect(await failure('data.bin', '*', createBlobTransport(missing))).toMatchObject({
      code: 'NotFound',
      status: 404,
      azureCode: 'ContainerNotFound',
    });
    const wrongKey = testBlobService().url.replace(/\/$/, '');
    const forged = new ContainerClient(
      `${wrongKey}/${container.containerName}?sv=2025-01-05&sr=c&sp=r&se=2099-01-01&sig=AAAA`,
    );
    expect(await failure('data.bin', '*', createBlobTransport(forged))).toMatchObject({
      status: 403,
    });
  });

  it('rejects with Cancelled when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await readInto(
      createBlobTransport(container),
      'data.bin',
      0,
      undefined,
      data.length,
      {
        ifMatch: '*',
        abortSignal: controller.signal,
      },
    ).catch((e: unknown) => toLakeError(e));
    expect(error).toMatchObject({ code: 'Cancelled' });
  });

  it('puts a blob with its content type and Content-MD5, and refuses a wrong MD5 and an existing name', async () => {
    const transport = createBlobTransport(container);
    const body = randomBytes(5000);
    const put = (name: string, contentMD5: Uint8Array, ifNoneMatch?: '*') =>
      transport
        .upload(name, body, {
          contentType: 'text/csv',
          contentMD5,
          ...(ifNoneMatch ? { ifNoneMatch } : {}),
          abortSignal: signal(),
        })
        .then(
          () => undefined,
          (e: unknown) => toLakeError(e),
        );
    expect(await put('put/a.csv', md5(body), '*')).toBeUndefined();
    const blob = container.getBlockBlobClient('put/a.csv');
    const props = await blob.getProperties();
    expect(props.contentType).toBe('text/csv');
    expect(Buffer.from(props.contentMD5 ?? [])).toEqual(md5(body));
    expect(await blob.downloadToBuffer()).toEqual(body);
    expect(await put('put/a.csv', md5(body), '*')).toMatchObject({
      code: 'AlreadyExists',
      status: 409,
    });
    expect(await put('put/b.csv', md5(Buffer.from('other')))).toMatchObject({
      status: 400,
      azureCode: 'Md5Mismatch',
    });
    expect(await container.getBlockBlobClient('put/b.csv').exists()).toBe(false);
  });

  it('lists page by page what the SDK lists: names, sizes, ETags, Content-MD5 and folder markers', async () => {
    await container
      .getBlockBlobClient('marker')
      .upload('', 0, { metadata: { hdi_isfolder: 'true' } });
    const expected: unknown[] = [];
    for await (const b of container.listBlobsFlat({ includeMetadata: true })) {
      expected.push({
        name: b.name,
        isFolderMarker: b.metadata?.hdi_isfolder === 'true',
        size: b.properties.contentLength,
        etag: b.properties.etag,
        lastModified: b.properties.lastModified,
        md5: Buffer.from(b.properties.contentMD5 ?? []).toString('base64'),
      });
    }
    const transport = createBlobTransport(container);
    const listed: unknown[] = [];
    let pages = 0;
    let marker: string | undefined;
    do {
      const page = await transport.listBlobs({
        prefix: '',
        ...(marker ? { marker } : {}),
        maxResults: 3,
        abortSignal: signal(),
      });
      pages++;
      for (const b of page.blobs) {
        listed.push({
          name: b.name,
          isFolderMarker: b.isFolderMarker,
          size: b.size,
          etag: b.etag,
          lastModified: b.lastModified,
          md5: Buffer.from(b.contentMD5 ?? []).toString('base64'),
        });
      }
      marker = page.nextMarker;
    } while (marker);
    expect(listed).toEqual(expected);
    expect(expected.length).toBeGreaterThan(8);
    expect(pages).toBe(Math.ceil(expected.length / 3));
    const under = await transport.listBlobs({
      prefix: 'long/',
      maxResults: 10,
      abortSignal: signal(),
    });
    expect(under.blobs.map((b) => b.name)).toEqual([`long/${'n'.repeat(1000)}`]);
  });

  it('goes through the proxy HTTP_PROXY names, as the SDK does', async () => {
    const seen: string[] = [];
    const proxy = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const upstream = http.request(
        req.url ?? '',
        { method: req.method, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    process.env.HTTP_PROXY = `http://127.0.0.1:${port}`;
    try {
      const transport = createBlobTransport(container);
      const answer = await readInto(transport, 'data.bin', 0, 100, 100, {
        ifMatch: await etagOf(container.getBlockBlobClient('data.bin')),
        abortSignal: signal(),
      });
      expect(answer.bytes).toEqual(data.subarray(0, 100));
      expect(seen).toEqual([`GET ${container.url}/data.bin`]);
    } finally {
      delete process.env.HTTP_PROXY;
      proxy.close();
    }
  });
});
