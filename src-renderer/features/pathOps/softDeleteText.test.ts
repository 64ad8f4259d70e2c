import { describe, expect, it } from 'vitest';
import type { AccountDescription } from '../../../shared/contract/index.js';
import { deleteConsequenceText, softDeleteText } from './softDeleteText.js';

const account = (
  namespace: 'hns' | 'flat',
  softDelete: AccountDescription['softDelete'],
): AccountDescription => ({ namespace, detectedBy: 'accountInfo', accountName: 'a', softDelete });

describe('what deleting means on an account', () => {
  it('kept: for how long and where to restore them', () => {
    expect(deleteConsequenceText(account('flat', { enabled: true, days: 7 }))).toBe(
      'The account keeps deleted blobs for 7 days (soft delete): until then they can be restored with Show deleted.',
    );
    expect(deleteConsequenceText(account('hns', { enabled: true, days: 14 }))).toBe(
      'The account keeps deleted blobs for 14 days (soft delete): until then they can be restored with the Azure portal.',
    );
  });

  it('off: gone for good; unknown or not described yet: says it cannot tell', () => {
    expect(deleteConsequenceText(account('flat', { enabled: false }))).toBe(
      'Soft delete is off for this account: this cannot be undone.',
    );
    const unsure = 'Unless the account keeps deleted blobs (soft delete), this cannot be undone.';
    expect(deleteConsequenceText(account('flat', { enabled: 'unknown' }))).toBe(unsure);
    expect(deleteConsequenceText(undefined)).toBe(unsure);
  });

  it('the Show deleted dialog names the days, or how to turn it on', () => {
    expect(softDeleteText({ enabled: true, days: 7 })).toBe('Deleted blobs are kept for 7 days.');
    expect(softDeleteText({ enabled: false })).toMatch(/^Soft delete is off for this account/);
  });
});
