import type { ContainerClient } from '@azure/storage-blob';
import type { PathEntry, PathPage } from '../../shared/contract/index.js';
import { fileEntry, isFolderMarker, lastSegment } from './blobEntry.js';

/**
 * Lists one page of the directory `directory` (`''` for the container root) with a
 * `/`-delimited blob listing (List Blobs with `delimiter=/`,
 * https://learn.microsoft.com/rest/api/storageservices/list-blobs), which works on flat and
 * HNS accounts alike.
 *
 * Returns directories (blob prefixes, and zero-length blobs with metadata `hdi_isfolder=true`)
 * and files, in the service's order, at most `pageSize` (1–5,000) items, and the continuation
 * token of the next page when there is one. A marker blob whose prefix is also listed shows
 * once. Rejects with the SDK's RestError (mapped at the boundary): 404 ContainerNotFound, 403…
 */
export async function listDirectory(
  container: ContainerClient,
  directory: string,
  page: { pageSize: number; continuationToken?: string; abortSignal?: AbortSignal },
): Promise<PathPage> {
  const prefix = directory === '' ? '' : `${directory}/`;
  const iterator = container
    .listBlobsByHierarchy('/', { prefix, includeMetadata: true, abortSignal: page.abortSignal })
    .byPage({
      maxPageSize: page.pageSize,
      ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
    });
  const { value, done } = await iterator.next();
  if (done || !value) return { entries: [] };

  const entries: PathEntry[] = [];
  const directories = new Set<string>();
  for (const p of value.segment.blobPrefixes ?? []) {
    const path = p.name.replace(/\/$/, '');
    directories.add(path);
    entries.push({ kind: 'directory', name: lastSegment(path), path });
  }
  for (const blob of value.segment.blobItems) {
    // The directory's own marker blob (`dir/` or `dir` itself) is not an entry of it.
    if (blob.name === prefix || blob.name.endsWith('/')) continue;
    if (isFolderMarker(blob)) {
      if (!directories.has(blob.name)) {
        directories.add(blob.name);
        entries.push({ kind: 'directory', name: lastSegment(blob.name), path: blob.name });
      }
      continue;
    }
    entries.push(fileEntry(blob));
  }
  return {
    entries,
    ...(value.continuationToken ? { continuationToken: value.continuationToken } : {}),
  };
}

/**
 * Every entry of the directory `directory` (one level), page after page of 5,000 as
 * `listDirectory` lists them, so a caller needs no continuation-token loop of its own. Rejects
 * like `listDirectory`.
 */
export async function* listDirectoryEntries(
  container: ContainerClient,
  directory: string,
): AsyncGenerator<PathEntry> {
  let continuationToken: string | undefined;
  do {
    const page = await listDirectory(container, directory, {
      pageSize: 5000,
      ...(continuationToken ? { continuationToken } : {}),
    });
    yield* page.entries;
    continuationToken = page.continuationToken;
  } while (continuationToken);
}
