import type { BlobTransport } from '../storage/blobTransport.js';
import type { TransferIo } from './transferIo.js';

/** Entries in the first page: small, so a folder download starts at once on a slow listing. */
const firstPageSize = 500;

/**
 * A listed blob: a folder marker (`directory`), or a file with its size in bytes, ETag,
 * Last-Modified and Content-MD5 (when the blob has one), which is all a download needs.
 */
export type ListedBlob =
  | { kind: 'directory'; path: string }
  | {
      kind: 'file';
      path: string;
      size: number;
      etag: string;
      lastModified: Date;
      contentMD5?: Uint8Array;
    };

/**
 * Every blob under `directory` (`''`: the whole container) from a flat List Blobs
 * (https://learn.microsoft.com/rest/api/storageservices/list-blobs; folder markers as
 * directories) through `transport`, page by page through `io`: each page takes a request slot
 * and is retried on Transient and Timeout, resuming from its marker. The first page is small, the
 * next ones full (5,000).
 */
export async function* listRemote(
  io: TransferIo,
  transport: BlobTransport,
  directory: string,
): AsyncGenerator<ListedBlob> {
  const prefix = directory === '' ? '' : `${directory}/`;
  let marker: string | undefined;
  let first = true;
  do {
    const release = await io.slot();
    let page;
    try {
      page = await io.call(() =>
        transport.listBlobs({
          prefix,
          ...(marker ? { marker } : {}),
          maxResults: first ? firstPageSize : 5000,
          abortSignal: io.signal,
        }),
      );
    } finally {
      release();
    }
    first = false;
    for (const blob of page.blobs) {
      yield blob.isFolderMarker
        ? { kind: 'directory', path: blob.name }
        : {
            kind: 'file',
            path: blob.name,
            size: blob.size,
            etag: blob.etag,
            lastModified: blob.lastModified,
            ...(blob.contentMD5 ? { contentMD5: blob.contentMD5 } : {}),
          };
    }
    marker = page.nextMarker;
  } while (marker);
}
