import type { PathRef } from '../../shared/contract/index.js';
import { folderMarkerKey } from '../storage/blobEntry.js';
import { hasBlobsUnder } from '../storage/hasBlobsUnder.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/**
 * Whether `path` names a file or a directory: a blob with `hdi_isfolder=true` (how HNS
 * directories and flat folder markers look through the Blob API) or a name prefix of other
 * blobs is a directory, any other blob a file. `''` is the container root. Rejects with
 * `NotFound` when nothing is there.
 */
export async function resolvePathKind(target: NamespaceTarget, path: string): Promise<PathRef> {
  if (path === '') return { path, kind: 'directory' };
  const container = target.access.container(target.container);
  try {
    const props = await container.getBlobClient(path).getProperties();
    return { path, kind: props.metadata?.[folderMarkerKey] === 'true' ? 'directory' : 'file' };
  } catch (e) {
    if (toLakeError(e).code !== 'NotFound') throw e;
  }
  if (await hasBlobsUnder(container, path)) return { path, kind: 'directory' };
  return failWith('NotFound', `Nothing named "${path}" exists in container "${target.container}".`);
}
