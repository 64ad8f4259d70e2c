// Fixture builders and a byte-counting blob wrapper for the preview integration tests only.
import type { BlobClient, ContainerClient } from '@azure/storage-blob';
import avro from 'avsc';
import { createGzip } from 'node:zlib';

/** Uploads `body` as block blob `name` with an optional content type; returns its client. */
export async function put(
  container: ContainerClient,
  name: string,
  body: Buffer | Uint8Array | ArrayBuffer | string,
  contentType?: string,
): Promise<BlobClient> {
  const data = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body as Uint8Array);
  const blob = container.getBlockBlobClient(name);
  await blob.uploadData(data, {
    blockSize: 8 * 1024 * 1024,
    concurrency: 4,
    ...(contentType ? { blobHTTPHeaders: { blobContentType: contentType } } : {}),
  });
  return blob;
}

/** An Avro object container holding `records` written with `schema` and `codec` ('null' or 'deflate'). */
export function avroFile(
  schema: avro.Schema,
  records: unknown[],
  codec: string,
  blockSize = 16 * 1024,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const encoder = new avro.streams.BlockEncoder(schema, { codec, blockSize } as never);
    const chunks: Buffer[] = [];
    encoder.on('data', (c: Buffer) => chunks.push(c));
    encoder.on('end', () => resolve(Buffer.concat(chunks)));
    encoder.on('error', reject);
    for (const r of records) encoder.write(r);
    encoder.end();
  });
}

/** Gzip of `bytes` zero bytes, compressed as a stream (a gzip bomb for `bytes` of 1 GiB is about 1 MiB). */
export function gzipZeros(bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const chunks: Buffer[] = [];
    gzip.on('data', (c: Buffer) => chunks.push(c));
    gzip.on('end', () => resolve(Buffer.concat(chunks)));
    gzip.on('error', reject);
    const zeros = Buffer.alloc(1024 * 1024);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, zeros.length);
        left -= n;
        if (!gzip.write(zeros.subarray(0, n))) return void gzip.once('drain', pump);
      }
      gzip.end();
    };
    pump();
  });
}

/** `blob` with `download` counting the response bytes (Content-Length) on its own, apart from the preview's counter. */
export function countingBlob(blob: BlobClient): {
  blob: BlobClient;
  downloaded: () => number;
  requests: () => number;
} {
  let downloaded = 0;
  let requests = 0;
  const counting = Object.create(blob) as BlobClient;
  counting.download = async (...args: Parameters<BlobClient['download']>) => {
    const response = await blob.download(...args);
    downloaded += response.contentLength ?? 0;
    requests += 1;
    return response;
  };
  return { blob: counting, downloaded: () => downloaded, requests: () => requests };
}
