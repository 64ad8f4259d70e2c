import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ContentBytes } from './body.js';
import type { RangeReader } from './rangeReader.js';

/** Compressed bytes requested per ranged read while decompressing. */
export const gzipChunkBytes = 64 * 1024;

/** Decompressed content bytes and, when the gzip data is corrupt or cut, what stopped it. */
export interface GunzipResult extends ContentBytes {
  problem?: string;
}

/**
 * Decompresses the blob behind `reader` as gzip (members concatenated), reading compressed
 * bytes in `gzipChunkBytes` ranges only as fast as output is consumed, and stops once
 * `capBytes` of output are in hand: memory and bytes read stay bounded for a gzip bomb.
 * `truncated` marks output past the cap; `totalBytes` is set when the content ended within
 * it. Corrupt or cut gzip data gives the output so far with a `problem`; abort and storage
 * errors propagate.
 */
export async function gunzipPrefix(reader: RangeReader, capBytes: number): Promise<GunzipResult> {
  let readError: unknown;
  async function* compressed() {
    for (let offset = 0; offset < reader.size; offset += gzipChunkBytes) {
      try {
        yield await reader.read(offset, gzipChunkBytes);
      } catch (err) {
        readError = err;
        throw err;
      }
    }
  }
  const gunzip = pipeline(Readable.from(compressed()), createGunzip(), () => undefined);
  const chunks: Buffer[] = [];
  let total = 0;
  let problem: string | undefined;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total > capBytes) break;
    }
  } catch (err) {
    if (readError !== undefined) throw readError;
    problem = `The gzip data is corrupt or cut short (${err instanceof Error ? err.message : String(err)}); showing what decompressed.`;
  } finally {
    gunzip.destroy();
  }
  const all = Buffer.concat(chunks);
  const truncated = total > capBytes || problem !== undefined;
  const bytes = all.subarray(0, Math.min(all.length, capBytes));
  return {
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    truncated,
    ...(truncated ? {} : { totalBytes: total }),
    ...(problem ? { problem } : {}),
  };
}
