import type { BlobClient } from '@azure/storage-blob';
import { toLakeError } from '../storage/toLakeError.js';

const withoutQuery = (url: string): string => url.replace(/[?#].*$/, '');

const sameBytes = (a?: Uint8Array, b?: Uint8Array): boolean =>
  a === undefined || b === undefined || Buffer.from(a).equals(Buffer.from(b));

/**
 * Whether `destination` already holds a finished Copy Blob of `source`: its copy source is
 * `source` (query left out), the copy succeeded, and its length and Content-MD5 are the
 * source's. That is what a Copy Blob sent with `If-None-Match: *` finds when the SDK retried
 * it after the first try took effect but its answer was lost (the retry answers 409
 * BlobAlreadyExists); anything else at the destination is not ours and stays a conflict.
 */
export async function holdsFinishedCopyOf(
  destination: BlobClient,
  source: BlobClient,
  abortSignal: AbortSignal,
): Promise<boolean> {
  const [to, from] = await Promise.all([
    destination.getProperties({ abortSignal }),
    source.getProperties({ abortSignal }),
  ]);
  return (
    to.copyStatus === 'success' &&
    to.copySource !== undefined &&
    withoutQuery(to.copySource) === withoutQuery(source.url) &&
    to.contentLength === from.contentLength &&
    sameBytes(to.contentMD5, from.contentMD5)
  );
}

/** Whether `e` is the 409 BlobAlreadyExists a conditional Copy Blob answers. */
export const isBlobAlreadyExists = (e: unknown): boolean =>
  toLakeError(e).azureCode === 'BlobAlreadyExists';
