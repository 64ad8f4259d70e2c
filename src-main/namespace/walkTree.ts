import type { PathEntry } from '../../shared/contract/index.js';
import { lastSegment } from '../storage/blobEntry.js';
import { listRecursive } from '../storage/listRecursive.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/**
 * Every file and directory below `directory` (not the directory itself), streamed page by
 * page: on HNS the DFS List Paths call with `recursive=true`
 * (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/list), on
 * flat accounts a flat blob listing where `hdi_isfolder` markers are directories (folders
 * that exist only as name prefixes are not yielded). Rejects with the SDK's error
 * (404 PathNotFound / ContainerNotFound) or `Cancelled` through `signal`.
 */
export async function* walkTree(
  target: NamespaceTarget,
  directory: string,
  signal?: AbortSignal,
): AsyncGenerator<PathEntry> {
  if (target.namespace === 'flat') {
    yield* listRecursive(target.access.container(target.container), directory, signal);
    return;
  }
  const fileSystem = target.access.fileSystem(target.container);
  const pages = fileSystem
    .listPaths({ recursive: true, ...(directory ? { path: directory } : {}), abortSignal: signal })
    .byPage({ maxPageSize: 5000 });
  for await (const page of pages) {
    for (const item of page.pathItems ?? []) {
      const path = item.name ?? '';
      if (item.isDirectory) {
        yield { kind: 'directory', name: lastSegment(path), path };
        continue;
      }
      yield {
        kind: 'file',
        name: lastSegment(path),
        path,
        size: item.contentLength ?? 0,
        lastModified: (item.lastModified ?? new Date(0)).toISOString(),
        ...(item.etag ? { etag: item.etag } : {}),
      };
    }
  }
}
