import type { ContainerClient } from '@azure/storage-blob';
import type { PathEntry } from '../../shared/contract/index.js';
import { fileEntry, isFolderMarker, lastSegment } from './blobEntry.js';

/**
 * Every entry under `directory` (`''` for the whole container), depth-first in the service's
 * lexicographic order, as a flat blob listing (List Blobs without delimiter) streamed page by
 * page of up to 5,000. Zero-length `hdi_isfolder=true` blobs come out as directories. Rejects
 * with the SDK's RestError on failure.
 */
export async function* listRecursive(
  container: ContainerClient,
  directory: string,
  abortSignal?: AbortSignal,
): AsyncGenerator<PathEntry> {
  const prefix = directory === '' ? '' : `${directory}/`;
  for await (const page of container
    .listBlobsFlat({ prefix, includeMetadata: true, abortSignal })
    .byPage({ maxPageSize: 5000 })) {
    for (const blob of page.segment.blobItems) {
      if (isFolderMarker(blob)) {
        yield { kind: 'directory', name: lastSegment(blob.name), path: blob.name };
        continue;
      }
      yield fileEntry(blob);
    }
  }
}
