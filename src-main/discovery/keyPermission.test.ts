import { describe, expect, it } from 'vitest';
import { listKeysAction, permits } from './keyPermission.js';

describe('permits', () => {
  it.each([
    [[{ actions: ['*'] }], true],
    [[{ actions: ['Microsoft.Storage/*'] }], true],
    [[{ actions: ['microsoft.storage/storageaccounts/listkeys/action'] }], true],
    [[{ actions: ['Microsoft.Storage/storageAccounts/read'] }], false],
    [
      [{ actions: ['*'], notActions: ['Microsoft.Storage/storageAccounts/listKeys/action'] }],
      false,
    ],
    // A notAction of one role does not take away what another role grants.
    [
      [
        { actions: ['*'], notActions: ['Microsoft.Storage/*'] },
        { actions: ['Microsoft.Storage/storageAccounts/*'] },
      ],
      true,
    ],
    [[{ actions: ['Microsoft.Storage/storageAccounts/listKeys/actionX'] }], false],
    [[], false],
  ])('%j → %s', (permissions, expected) => {
    expect(permits(permissions, listKeysAction)).toBe(expected);
  });
});
