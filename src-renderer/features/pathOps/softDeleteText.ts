import type { AccountDescription, SoftDeletePolicy } from '../../../shared/contract/index.js';

/** What the account's soft delete setting means for deleted blobs (the Show deleted dialog). */
export function softDeleteText(policy: SoftDeletePolicy): string {
  if (policy.enabled === true) return `Deleted blobs are kept for ${policy.days} days.`;
  if (policy.enabled === false) {
    return 'Soft delete is off for this account: deleted blobs are gone for good. Turn it on in the Azure portal (Data protection) to keep them.';
  }
  return 'This connection cannot read whether the account keeps deleted blobs.';
}

/**
 * What deleting means on this account, for the Delete confirmation: kept for N days and where
 * to restore them (Show deleted on flat accounts, the Azure portal on ADLS Gen2), gone for good,
 * or, while the account is not described yet or its policy cannot be read, gone unless the
 * account keeps deleted blobs.
 */
export function deleteConsequenceText(account: AccountDescription | undefined): string {
  const policy = account?.softDelete ?? { enabled: 'unknown' };
  if (policy.enabled === true) {
    const where = account?.namespace === 'flat' ? 'Show deleted' : 'the Azure portal';
    return `The account keeps deleted blobs for ${policy.days} days (soft delete): until then they can be restored with ${where}.`;
  }
  if (policy.enabled === false)
    return 'Soft delete is off for this account: this cannot be undone.';
  return 'Unless the account keeps deleted blobs (soft delete), this cannot be undone.';
}
