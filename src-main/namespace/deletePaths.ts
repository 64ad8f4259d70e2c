import type { ContainerClient } from '@azure/storage-blob';
import type { PathRef } from '../../shared/contract/index.js';
import { failWith, LakeFailure } from '../storage/toLakeError.js';
import type { OperationContext } from './operationRunner.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/** Blob Batch takes at most 256 subrequests (https://learn.microsoft.com/rest/api/storageservices/blob-batch). */
export const maxBatchSize = 256;

/**
 * Deletes files and folders (folders with everything below them) and resolves to the paths
 * deleted and their bytes.
 *
 * HNS: one DFS Delete Path per item, `recursive=true` for folders; the SDK follows the
 * `x-ms-continuation` the service returns for large directories
 * (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/delete), so
 * counts are per item. Flat: a folder's blobs are listed page by page and deleted with Blob
 * Batch (≤ 256 per batch) as the listing streams, so deletion starts before the count ends,
 * then its `hdi_isfolder` marker. Progress goes through `context`. A batch whose subrequests
 * fail (other than 404: already gone) stops the operation with `Conflict` naming the first
 * failure and how many were deleted. Rejects with `Cancelled` through the signal.
 */
export async function deletePaths(
  target: NamespaceTarget,
  paths: readonly PathRef[],
  context: OperationContext,
): Promise<{ deleted: number; bytes: number }> {
  const totals = { deleted: 0, bytes: 0 };
  if (target.namespace === 'hns') {
    const fileSystem = target.access.fileSystem(target.container);
    context.advance({ total: paths.length });
    for (const ref of paths) {
      context.signal.throwIfAborted();
      if (ref.kind === 'directory') {
        await fileSystem.getDirectoryClient(ref.path).delete(true, { abortSignal: context.signal });
      } else {
        await fileSystem.getFileClient(ref.path).delete(false, { abortSignal: context.signal });
      }
      totals.deleted += 1;
      context.advance({ done: 1 });
    }
    return totals;
  }
  const container = target.access.container(target.container);
  const files = paths.filter((p) => p.kind === 'file').map((p) => p.path);
  for (let i = 0; i < files.length; i += maxBatchSize) {
    await deleteBatch(container, files.slice(i, i + maxBatchSize), totals, context);
  }
  for (const ref of paths.filter((p) => p.kind === 'directory')) {
    for await (const page of container
      .listBlobsFlat({ prefix: `${ref.path}/`, abortSignal: context.signal })
      .byPage({ maxPageSize: 5000 })) {
      const items = page.segment.blobItems;
      const sizes = new Map(items.map((b) => [b.name, b.properties.contentLength ?? 0]));
      for (let i = 0; i < items.length; i += maxBatchSize) {
        await deleteBatch(
          container,
          items.slice(i, i + maxBatchSize).map((b) => b.name),
          totals,
          context,
          sizes,
        );
      }
    }
    const marker = await container
      .getBlobClient(ref.path)
      .deleteIfExists({ abortSignal: context.signal });
    if (marker.succeeded) {
      totals.deleted += 1;
      context.advance({ done: 1 });
    }
  }
  return totals;
}

async function deleteBatch(
  container: ContainerClient,
  names: string[],
  totals: { deleted: number; bytes: number },
  context: OperationContext,
  sizes?: Map<string, number>,
): Promise<void> {
  if (names.length === 0) return;
  context.signal.throwIfAborted();
  const clients = names.map((n) => container.getBlobClient(n));
  const response = await container
    .getBlobBatchClient()
    .deleteBlobs(clients, { abortSignal: context.signal });
  let deleted = 0;
  let bytes = 0;
  let firstFailure: { name: string; status: number; code?: string } | undefined;
  for (const sub of response.subResponses) {
    const name = sub._request.url ? decodeName(container, sub._request.url) : '';
    if (sub.status === 202 || sub.status === 200) {
      deleted += 1;
      bytes += sizes?.get(name) ?? 0;
    } else if (sub.status !== 404) {
      firstFailure ??= {
        name,
        status: sub.status,
        ...(sub.errorCode ? { code: sub.errorCode } : {}),
      };
    }
  }
  totals.deleted += deleted;
  totals.bytes += bytes;
  context.advance({ done: deleted, bytes });
  if (firstFailure) {
    throw new LakeFailure({
      code: firstFailure.status === 403 ? 'PermissionDenied' : 'Conflict',
      status: firstFailure.status,
      ...(firstFailure.code ? { azureCode: firstFailure.code } : {}),
      message: `Could not delete "${firstFailure.name}" (${firstFailure.code ?? `HTTP ${firstFailure.status}`}); deletion stopped after ${totals.deleted} items. Nothing else was changed.`,
    });
  }
  if (names.length > 0 && response.subResponses.length !== names.length) {
    failWith(
      'Unknown',
      `The service answered ${response.subResponses.length} of ${names.length} deletions in a batch.`,
    );
  }
}

/** The blob name of a subrequest URL of `container`. */
const decodeName = (container: ContainerClient, url: string): string => {
  const base = container.url.replace(/\?.*$/, '');
  const path = url.replace(/\?.*$/, '');
  return path.startsWith(`${base}/`) ? decodeURIComponent(path.slice(base.length + 1)) : path;
};
