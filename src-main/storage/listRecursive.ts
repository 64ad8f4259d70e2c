import type { ContainerClient } from '@azure/storage-blob';
import type { PathEntry } from '../../shared/contract/index.js';
import { folderMarkerKey } from './listDirectory.js';

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
      const name = blob.name.slice(blob.name.lastIndexOf('/') + 1);
      if (blob.metadata?.[folderMarkerKey] === 'true') {
        yield { kind: 'directory', name, path: blob.name };
        continue;
      }
      const props = blob.properties;
      yield {
        kind: 'file',
        name,
        path: blob.name,
        size: props.contentLength ?? 0,
        lastModified: props.lastModified.toISOString(),
        ...(props.contentType ? { contentType: props.contentType } : {}),
        ...(props.etag ? { etag: props.etag } : {}),
        ...(props.accessTier ? { accessTier: props.accessTier } : {}),
      };
    }
  }
}
