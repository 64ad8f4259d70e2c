import type { ContainerProperties } from '../../shared/contract/index.js';
import type { AccountAccess } from '../storage/accountAccess.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';

/**
 * Creates container `name` (Create Container, https://learn.microsoft.com/rest/api/storageservices/create-container;
 * on HNS accounts it is a filesystem). The name was checked against Azure's rules by the
 * contract. Rejects with `AlreadyExists` (ContainerAlreadyExists, also while a deleted one
 * of that name is still being removed: ContainerBeingDeleted), `PermissionDenied`.
 */
export async function createContainer(access: AccountAccess, name: string): Promise<void> {
  try {
    await access.container(name).create();
  } catch (e) {
    const error = toLakeError(e);
    if (error.azureCode === 'ContainerBeingDeleted') {
      throw new LakeFailure({
        ...error,
        code: 'AlreadyExists',
        message: `A container named "${name}" is still being deleted; try again in a minute.`,
      });
    }
    if (error.code === 'AlreadyExists') {
      throw new LakeFailure({ ...error, message: `A container named "${name}" already exists.` });
    }
    throw e;
  }
}

/**
 * Deletes container `name` and everything in it (Delete Container,
 * https://learn.microsoft.com/rest/api/storageservices/delete-container). Rejects with
 * `Conflict` when it has an active lease (412 LeaseIdMissing: the lease must be broken
 * first; nothing is deleted), `NotFound`.
 */
export async function deleteContainer(access: AccountAccess, name: string): Promise<void> {
  try {
    await access.container(name).delete();
  } catch (e) {
    const error = toLakeError(e);
    if (
      error.azureCode === 'LeaseIdMissing' ||
      error.azureCode === 'LeaseIdMismatchWithContainerOperation'
    ) {
      throw new LakeFailure({
        ...error,
        code: 'Conflict',
        message: `Container "${name}" has an active lease, so it was not deleted. Break the lease (or wait for it to expire) and try again.`,
      });
    }
    throw e;
  }
}

/** Public access, lease, ETag, time and metadata of container `name` (Get Container Properties). Rejects with `NotFound`. */
export async function containerProperties(
  access: AccountAccess,
  name: string,
): Promise<ContainerProperties> {
  const p = await access.container(name).getProperties();
  return {
    name,
    publicAccess: p.blobPublicAccess ?? 'none',
    metadata: p.metadata ?? {},
    ...(p.leaseState ? { leaseState: p.leaseState } : {}),
    ...(p.leaseStatus ? { leaseStatus: p.leaseStatus } : {}),
    ...(p.leaseDuration ? { leaseDuration: p.leaseDuration } : {}),
    ...(p.etag ? { etag: p.etag } : {}),
    ...(p.lastModified ? { lastModified: p.lastModified.toISOString() } : {}),
    ...(p.hasImmutabilityPolicy !== undefined
      ? { hasImmutabilityPolicy: p.hasImmutabilityPolicy }
      : {}),
    ...(p.hasLegalHold !== undefined ? { hasLegalHold: p.hasLegalHold } : {}),
  };
}
