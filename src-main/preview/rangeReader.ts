import type { BlobClient } from '@azure/storage-blob';
import { LakeFailure } from '../storage/toLakeError.js';

/** Reads byte ranges of one blob and counts the bytes it downloaded. */
export interface RangeReader {
  /** Blob size in bytes. */
  readonly size: number;
  /** Bytes downloaded so far, all reads added up. */
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

/** A `RangeReader` over `blob` (of `size` bytes) with `blob.download(offset, count)` requests. */
export function createRangeReader(
  blob: BlobClient,
  size: number,
  signal: AbortSignal,
): RangeReader {
  let bytesRead = 0;
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
      try {
        const response = await blob.download(start, count, { abortSignal: signal });
        const body = response.readableStreamBody;
        const chunks: Buffer[] = [];
        if (body) {
          for await (const chunk of body) {
            const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
            bytesRead += buf.length;
            chunks.push(buf);
          }
        }
        const all = Buffer.concat(chunks);
        return new Uint8Array(all.buffer, all.byteOffset, all.length);
      } catch (err) {
        if (signal.aborted) throw abortFailure(signal);
        throw err;
      }
    },
  };
}
