import {
  maxDeletedEntries,
  type DeletedEntry,
  type DeletedListing,
  type SoftDeletePolicy,
} from '../../shared/contract/index.js';
import type { AccountAccess } from '../storage/accountAccess.js';
import { runPool } from '../platform/runPool.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/** Soft delete here is the Blob API's; HNS accounts restore paths through DFS instead (not supported yet). */
function requireFlat(target: NamespaceTarget): void {
  if (target.namespace === 'hns') {
    failWith(
      'InvalidInput',
      'Showing and restoring deleted items is only available for Blob (flat) accounts in Lakeshore; use the Azure portal for ADLS Gen2 accounts.',
    );
  }
}

/**
 * Whether the account keeps deleted blobs: the DeleteRetentionPolicy of Get Blob Service
 * Properties (https://learn.microsoft.com/rest/api/storageservices/get-blob-service-properties);
 * `unknown` when the credential may not read it (a container SAS, or a 403). Rejects with
 * other service errors.
 */
export async function readSoftDeletePolicy(access: AccountAccess): Promise<SoftDeletePolicy> {
  if (!access.service) return { enabled: 'unknown' };
  try {
    const policy = (await access.service.getProperties()).deleteRetentionPolicy;
    return policy?.enabled ? { enabled: true, days: policy.days ?? 0 } : { enabled: false };
  } catch (e) {
    if (toLakeError(e).code === 'PermissionDenied') return { enabled: 'unknown' };
    throw e;
  }
}

/**
 * The soft-deleted blobs below `directory` (every level, in name order, at most
 * `maxDeletedEntries`) from List Blobs with `include=deleted`
 * (https://learn.microsoft.com/rest/api/storageservices/list-blobs), and the account's soft
 * delete policy. Rejects with `InvalidInput` on HNS accounts, `NotFound` for a missing container.
 */
export async function listDeleted(
  target: NamespaceTarget,
  directory: string,
  abortSignal?: AbortSignal,
): Promise<DeletedListing> {
  requireFlat(target);
  const softDelete = await readSoftDeletePolicy(target.access);
  const entries: DeletedEntry[] = [];
  const container = target.access.container(target.container);
  for await (const blob of container.listBlobsFlat({
    prefix: directory === '' ? '' : `${directory}/`,
    includeDeleted: true,
    ...(abortSignal ? { abortSignal } : {}),
  })) {
    if (!blob.deleted) continue;
    if (entries.length === maxDeletedEntries) return { softDelete, entries, truncated: true };
    const p = blob.properties;
    entries.push({
      path: blob.name,
      size: p.contentLength ?? 0,
      ...(p.deletedOn ? { deletedOn: p.deletedOn.toISOString() } : {}),
      ...(p.remainingRetentionDays !== undefined
        ? { remainingRetentionDays: p.remainingRetentionDays }
        : {}),
    });
  }
  return { softDelete, entries, truncated: false };
}

/**
 * Restores soft-deleted blobs with Undelete Blob
 * (https://learn.microsoft.com/rest/api/storageservices/undelete-blob), eight at a time, and
 * resolves to how many were restored. Rejects with `InvalidInput` on HNS accounts, or the first
 * service error (the others already restored stay restored).
 */
export async function undeleteBlobs(
  target: NamespaceTarget,
  paths: readonly string[],
): Promise<number> {
  requireFlat(target);
  const container = target.access.container(target.container);
  let restored = 0;
  await runPool(paths, 8, async (path) => {
    await container.getBlobClient(path).undelete();
    restored += 1;
  });
  return restored;
}
