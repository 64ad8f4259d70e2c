import type { PathEntry } from '../../shared/contract/index.js';
import { listRecursive } from '../storage/listRecursive.js';
import { pathItemEntry } from './listHnsDirectory.js';
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
    for (const item of page.pathItems ?? []) yield pathItemEntry(item);
  }
}
