import { folderMarkerKey } from '../storage/blobEntry.js';
import { hasBlobsUnder } from '../storage/hasBlobsUnder.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/** Whether anything exists at `path` or below it (a blob, a marker, or a name prefix). */
export async function pathExists(target: NamespaceTarget, path: string): Promise<boolean> {
  const container = target.access.container(target.container);
  return (await container.getBlobClient(path).exists()) || hasBlobsUnder(container, path);
}

const alreadyExists = (path: string): LakeFailure =>
  new LakeFailure({
    code: 'AlreadyExists',
    status: 409,
    message: `"${path}" already exists; nothing was changed. Pick another name.`,
  });

/**
 * Creates the directory `path`. HNS: DFS Create Path with `resource=directory` and
 * `If-None-Match: *` (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/create),
 * which also creates missing parents. Flat: a zero-length blob `path` with metadata
 * `hdi_isfolder=true` (Put Blob with `If-None-Match: *`), the marker Storage Explorer and
 * HNS accounts use. Rejects with `AlreadyExists` when a file or folder of that name exists.
 */
export async function createDirectory(target: NamespaceTarget, path: string): Promise<void> {
  try {
    if (target.namespace === 'hns') {
      await target.access
        .fileSystem(target.container)
        .getDirectoryClient(path)
        .create({ conditions: { ifNoneMatch: '*' } });
      return;
    }
    if (await pathExists(target, path)) throw alreadyExists(path);
    await target.access
      .container(target.container)
      .getBlockBlobClient(path)
      .upload('', 0, {
        metadata: { [folderMarkerKey]: 'true' },
        conditions: { ifNoneMatch: '*' },
      });
  } catch (e) {
    const error = toLakeError(e);
    if (error.code === 'AlreadyExists' || (error.code === 'Conflict' && error.status === 409)) {
      throw alreadyExists(path);
    }
    throw e;
  }
}
