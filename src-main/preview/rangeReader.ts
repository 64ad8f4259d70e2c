import type { BlobClient } from '@azure/storage-blob';
import { LakeFailure } from '../storage/toLakeError.js';

/** Reads byte ranges of one blob and counts the bytes it downloaded; bytes already read are not downloaded again. */
export interface RangeReader {
  /** Blob size in bytes. */
  readonly size: number;
  /** Bytes downloaded so far, all requests added up (a range served from bytes already read counts nothing). */
  readonly bytesRead: number;
  /**
   * Bytes `[offset, offset + length)`, clamped to the blob's end (so possibly shorter; empty
   * past the end). Throws the abort reason (a `LakeFailure`, `Cancelled` or `Timeout`) when
   * the signal fires; SDK errors propagate.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** The `LakeFailure` an aborted signal stands for: its reason when it is one, else `Cancelled`. */
export function abortFailure(signal: AbortSignal): LakeFailure {
  return signal.reason instanceof LakeFailure
    ? signal.reason
    : new LakeFailure({ code: 'Cancelled', message: 'The preview was cancelled.' });
}

/** Most bytes a reader keeps to serve later reads from (64 MiB, the Parquet row-read limit). */
export const maxCachedBytes = 64 * 1024 * 1024;

/** A range already downloaded. */
interface Chunk {
  start: number;
  bytes: Uint8Array;
}

/**
 * A `RangeReader` over `blob` (of `size` bytes) with `blob.download(offset, count)` requests.
 * Ranges it downloaded are kept (up to `maxCachedBytes`): a read inside one is answered from
 * it, and a read that starts inside one downloads only the bytes after it. So a sniffed head
 * followed by a whole-file read (images), or a Parquet footer read that took the whole small
 * file followed by its column chunks, downloads each byte once.
 */
export function createRangeReader(
  blob: BlobClient,
  size: number,
  signal: AbortSignal,
): RangeReader {
  let bytesRead = 0;
  let cachedBytes = 0;
  const chunks: Chunk[] = [];
  /** The longest kept bytes from `start` on, or undefined when no chunk holds `start`. */
  const keptFrom = (start: number): Uint8Array | undefined => {
    let best: Uint8Array | undefined;
    for (const c of chunks) {
      const end = c.start + c.bytes.length;
      if (c.start <= start && end > start && (!best || end - start > best.length)) {
        best = c.bytes.subarray(start - c.start);
      }
    }
    return best;
  };
  const keep = (start: number, bytes: Uint8Array) => {
    if (cachedBytes + bytes.length > maxCachedBytes) return;
    chunks.push({ start, bytes });
    cachedBytes += bytes.length;
  };
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length) {
      if (signal.aborted) throw abortFailure(signal);
      const start = Math.max(0, Math.min(offset, size));
      const count = Math.max(0, Math.min(length, size - start));
      if (count === 0) return new Uint8Array(0);
      const known = keptFrom(start);
      if (known && known.length >= count) return known.subarray(0, count);
      const fetched = await download(start + (known?.length ?? 0), count - (known?.length ?? 0));
      const bytes = known ? new Uint8Array(Buffer.concat([known, fetched])) : fetched;
      keep(start, bytes);
      return bytes;
    },
  };

  async function download(start: number, count: number): Promise<Uint8Array> {
    try {
      const response = await blob.download(start, count, { abortSignal: signal });
      const body = response.readableStreamBody;
      const parts: Buffer[] = [];
      if (body) {
        for await (const chunk of body) {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
          bytesRead += buf.length;
          parts.push(buf);
        }
      }
      const all = Buffer.concat(parts);
      return new Uint8Array(all.buffer, all.byteOffset, all.length);
    } catch (err) {
      if (signal.aborted) throw abortFailure(signal);
      throw err;
    }
  }
}
