import type { ContainerClient } from '@azure/storage-blob';
import type { PathEntry } from '../../shared/contract/index.js';
import { fileEntry, isFolderMarker, lastSegment } from '../storage/blobEntry.js';
import type { TransferIo } from './transferIo.js';

/** Entries in the first page: small, so a folder download starts at once on a slow listing. */
const firstPageSize = 500;

/**
 * Every entry under `directory` (`''`: the whole container), as `listRecursive` gives them
 * (a flat List Blobs, https://learn.microsoft.com/rest/api/storageservices/list-blobs; folder
 * markers as directories), but page by page through `io`: each page takes a request slot and
 * is retried on Transient and Timeout, resuming from its continuation token. The first page is
 * small, the next ones full (5,000).
 */
export async function* listRemote(
  io: TransferIo,
  container: ContainerClient,
  directory: string,
): AsyncGenerator<PathEntry> {
  const prefix = directory === '' ? '' : `${directory}/`;
  let token: string | undefined;
  let first = true;
  do {
    const release = await io.slot();
    let page;
    try {
      page = await io.call(async () => {
        const pages = container
          .listBlobsFlat({ prefix, includeMetadata: true, abortSignal: io.signal })
          .byPage({
            maxPageSize: first ? firstPageSize : 5000,
            ...(token ? { continuationToken: token } : {}),
          });
        return (await pages.next()).value;
      });
    } finally {
      release();
    }
    first = false;
    for (const blob of page?.segment.blobItems ?? []) {
      yield isFolderMarker(blob)
        ? { kind: 'directory', name: lastSegment(blob.name), path: blob.name }
        : fileEntry(blob);
    }
    token = page?.continuationToken || undefined;
  } while (token);
}
