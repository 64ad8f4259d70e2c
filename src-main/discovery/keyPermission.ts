/** The Resource Manager action listKeys needs (Microsoft.Storage resource provider operations). */
export const listKeysAction = 'Microsoft.Storage/storageAccounts/listKeys/action';

/** One entry of a Permissions - List For Resource answer. */
export interface ArmPermission {
  actions?: string[];
  notActions?: string[];
}

/** Whether an action pattern (`*` a wildcard, case-insensitive, as in role definitions) covers `action`. */
const covers = (pattern: string, action: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  ).test(action);

/**
 * Whether `permissions` allow `action`: some entry's `actions` cover it and the same entry's
 * `notActions` do not (https://learn.microsoft.com/azure/role-based-access-control/role-definitions#notactions).
 */
export const permits = (permissions: readonly ArmPermission[], action: string): boolean =>
  permissions.some(
    (p) =>
      (p.actions ?? []).some((a) => covers(a, action)) &&
      !(p.notActions ?? []).some((a) => covers(a, action)),
  );
