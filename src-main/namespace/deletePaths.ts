import type { ContainerClient } from '@azure/storage-blob';
import type { LakeError, PathRef } from '../../shared/contract/index.js';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';
import type { OperationContext } from './operationRunner.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/** Blob Batch takes at most 256 subrequests (https://learn.microsoft.com/rest/api/storageservices/blob-batch). */
export const maxBatchSize = 256;

/** One DFS Delete Path; resolves false when the path was already gone (404), true when deleted. */
async function deleteHnsPath(
  fileSystem: ReturnType<NamespaceTarget['access']['fileSystem']>,
  ref: PathRef,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    if (ref.kind === 'directory') {
      await fileSystem.getDirectoryClient(ref.path).delete(true, { abortSignal: signal });
    } else {
      await fileSystem.getFileClient(ref.path).delete(false, { abortSignal: signal });
    }
    return true;
  } catch (e) {
    if (!signal.aborted && toLakeError(e).code === 'NotFound') return false;
    throw e;
  }
}

/**
 * Deletes files and folders (folders with everything below them) and resolves to the paths
 * deleted and their bytes.
 *
 * HNS: one DFS Delete Path per item, `recursive=true` for folders; the SDK follows the
 * `x-ms-continuation` the service returns for large directories
 * (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/delete), so
 * counts are per item. Flat: a folder's blobs are listed page by page and deleted with Blob
 * Batch (≤ 256 per batch) as the listing streams, so deletion starts before the count ends,
 * then its `hdi_isfolder` marker. Progress goes through `context`. Each sub-response is mapped on
 * its own by status and error code (403 AuthorizationPermissionMismatch is `PermissionDenied`,
 * 409 a lease `Conflict`, …); a 404 means already gone: neither counted as deleted nor a
 * failure. The first failure stops the operation with its code, naming the blob and how many
 * were deleted. A batch refused as a whole with a 5xx falls back to one Delete Blob per blob
 * (see `deleteBatch`). On HNS too a 404 PathNotFound means already gone (another client deleted
 * it); a retried Delete Path whose first answer was lost after it took effect is confirmed by
 * the storage layer's lost-answer rules (storage/lostAnswer) and counted as deleted. Rejects
 * with `Cancelled` through the signal.
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
      const gone = await deleteHnsPath(fileSystem, ref, context.signal);
      if (gone) totals.deleted += 1;
      context.advance({ done: 1 });
    }
    return totals;
  }
  const container = target.access.container(target.container);
  const mode = { batch: true };
  const files = paths.filter((p) => p.kind === 'file').map((p) => p.path);
  for (let i = 0; i < files.length; i += maxBatchSize) {
    await deleteBatch(container, files.slice(i, i + maxBatchSize), totals, context, mode);
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
          mode,
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

/** What deleting one blob came to: deleted, already gone (404), or the mapped failure. */
export type BlobDeleteOutcome = 'deleted' | 'gone' | LakeError;

/**
 * The outcome of one Blob Batch sub-response (or of a single Delete Blob), mapped by its status
 * and `x-ms-error-code` like any other response, keeping its `x-ms-request-id`.
 */
export function subResponseOutcome(sub: {
  status: number;
  errorCode?: string;
  statusMessage?: string;
  headers?: { get(name: string): string | undefined | null };
}): BlobDeleteOutcome {
  if (sub.status === 200 || sub.status === 202) return 'deleted';
  if (sub.status === 404) return 'gone';
  const headers = sub.headers;
  return toLakeError({
    statusCode: sub.status,
    message: sub.statusMessage,
    ...(headers
      ? { response: { headers: { get: (n: string) => headers.get(n) ?? undefined } } }
      : {}),
    ...(sub.errorCode ? { details: { errorCode: sub.errorCode } } : {}),
  });
}

/** Whole-batch answers after which the blobs are deleted one by one instead (see `deleteBatch`). */
const batchUnavailable = (error: LakeError) => error.status !== undefined && error.status >= 500;

/**
 * Deletes `names` with one Blob Batch, and maps each sub-response on its own. When the batch
 * request fails as a whole with a 5xx, the blobs are deleted one by one, and so are later
 * chunks (`mode.batch` turns false): Azurite answers every container batch sent with an account
 * SAS with HTTP 500 and an empty body (its account-SAS table lacks Container_SubmitBatch), which
 * hid the real answer, e.g. 403 for a SAS without `d`. A whole-batch 4xx is the service's real
 * answer and stops the operation naming the batch's first blob. Stops at the first failure.
 */
async function deleteBatch(
  container: ContainerClient,
  names: string[],
  totals: { deleted: number; bytes: number },
  context: OperationContext,
  mode: { batch: boolean },
  sizes?: Map<string, number>,
): Promise<void> {
  if (names.length === 0) return;
  context.signal.throwIfAborted();
  const count = (name: string) => {
    const bytes = sizes?.get(name) ?? 0;
    totals.deleted += 1;
    totals.bytes += bytes;
    return bytes;
  };
  const stop = (error: LakeError, what: string): never => {
    throw new LakeFailure({
      ...error,
      message: `Could not delete ${what}: ${error.message}; deletion stopped after ${totals.deleted} item${totals.deleted === 1 ? '' : 's'}.`,
    });
  };
  if (mode.batch) {
    let response;
    try {
      response = await container.getBlobBatchClient().deleteBlobs(
        names.map((n) => container.getBlobClient(n)),
        { abortSignal: context.signal },
      );
    } catch (e) {
      const error = toLakeError(e);
      if (error.code === 'Cancelled') throw e;
      if (!batchUnavailable(error)) {
        const others = names.length - 1;
        stop(
          error,
          `"${names[0]}"${others > 0 ? ` or the ${others} other blob${others === 1 ? '' : 's'} sent with it` : ''}`,
        );
      }
      mode.batch = false;
    }
    if (response) {
      let deleted = 0;
      let bytes = 0;
      let failure: { name: string; error: LakeError } | undefined;
      for (const sub of response.subResponses) {
        const name = sub._request.url ? decodeName(container, sub._request.url) : '';
        const outcome = subResponseOutcome(sub);
        if (outcome === 'deleted') {
          deleted += 1;
          bytes += count(name);
        } else if (outcome !== 'gone') failure ??= { name, error: outcome };
      }
      context.advance({ done: deleted, bytes });
      if (failure) stop(failure.error, `"${failure.name}"`);
      if (response.subResponses.length !== names.length) {
        failWith(
          'Unknown',
          `The service answered ${response.subResponses.length} of ${names.length} deletions in a batch.`,
        );
      }
      return;
    }
  }
  for (const name of names) {
    context.signal.throwIfAborted();
    let outcome: BlobDeleteOutcome;
    try {
      outcome = subResponseOutcome(
        (await container.getBlobClient(name).delete({ abortSignal: context.signal }))._response,
      );
    } catch (e) {
      const error = toLakeError(e);
      if (error.code === 'Cancelled') throw e;
      outcome = error.status === 404 ? 'gone' : error;
    }
    if (outcome === 'deleted') context.advance({ done: 1, bytes: count(name) });
    else if (outcome !== 'gone') stop(outcome, `"${name}"`);
  }
}

/** The blob name of a subrequest URL of `container`. */
const decodeName = (container: ContainerClient, url: string): string => {
  const base = container.url.replace(/\?.*$/, '');
  const path = url.replace(/\?.*$/, '');
  return path.startsWith(`${base}/`) ? decodeURIComponent(path.slice(base.length + 1)) : path;
};
