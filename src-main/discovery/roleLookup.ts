import type { TokenCredential } from '@azure/core-auth';
import type {
  AbilityName,
  CredentialAbilities,
  DiscoveredTenant,
} from '../../shared/contract/index.js';
import {
  containerScope,
  dataPermissionsAt,
  dataRoleAbilities,
  type DataPermission,
} from '../abilities/dataRoleAbilities.js';
import { toLakeError } from '../storage/toLakeError.js';
import { discoverStorage } from './armDiscovery.js';
import { findByEndpoint, unknownAbilities } from './urlAbilities.js';

/** Who asks Resource Manager: one identity in one cloud (a signed-in account, a service principal). */
export interface RoleIdentity {
  /** Stable for the identity: the caches are kept per key. */
  key: string;
  /** The cloud's Resource Manager endpoint, no trailing slash. */
  armEndpoint: string;
  /** The tenant the tenant list is asked in (the identity's home tenant). */
  homeTenantId: string;
  /** The identity's credential for one tenant (Resource Manager answers a tenant's resources only to its tokens). */
  credentialFor(tenantId: string): TokenCredential;
}

/** Resource Manager's answers on an identity's data roles, each kept `permissionsTtlMs`. */
export interface RoleLookup {
  /**
   * The identity's permissions at `scope` (an account's resource id or a container's scope),
   * asked with its credential for `tenantId`: one call per scope and TTL, shared while in
   * flight; a failure is not kept. Rejects as `dataPermissionsAt` does.
   */
  permissions(identity: RoleIdentity, tenantId: string, scope: string): Promise<DataPermission[]>;
  /**
   * What the identity may do on the storage account at `blobEndpoint`, or on its `container`
   * when given: `dataRoleAbilities` of its permissions on the storage account Resource Manager
   * lists for it whose blob or DFS endpoint that is (the listing kept a TTL, failed or not).
   * With a container, when the account's permissions leave an ability not allowed, the
   * permissions at the container's scope decide (a role given on the container only is seen
   * there; the account's are inherited into it), or the account's if that call fails. Waits
   * at most `rolesWaitMs` after the first ask still unanswered. Never rejects: when no listed
   * account matches, Resource Manager fails or is late, every ability is `unknown` and its
   * reason says why.
   */
  abilitiesAt(
    identity: RoleIdentity,
    blobEndpoint: string,
    container?: string,
  ): Promise<CredentialAbilities>;
}

/** How long Resource Manager's answer on an identity's permissions is used before it is asked again: 5 minutes. */
export const permissionsTtlMs = 5 * 60_000;

/** How long `abilitiesAt` waits on Resource Manager before it answers `unknown`: 3 seconds. */
export const rolesWaitMs = 3_000;

interface Kept<T> {
  at: number;
  answer: Promise<T>;
}

/** `answer` of `map`'s `key` while younger than the TTL, else `ask()`'s, kept (a failure dropped unless `keepFailure`). */
function cached<T>(
  map: Map<string, Kept<T>>,
  key: string,
  ask: () => Promise<T>,
  keepFailure = false,
): Promise<T> {
  const known = map.get(key);
  if (known && Date.now() - known.at < permissionsTtlMs) return known.answer;
  const entry = { at: Date.now(), answer: ask() };
  map.set(key, entry);
  entry.answer.catch(() => {
    if (!keepFailure && map.get(key) === entry) map.delete(key);
  });
  return entry.answer;
}

const allAllowed = (abilities: CredentialAbilities): boolean =>
  (Object.keys(abilities.abilities) as AbilityName[]).every(
    (n) => abilities.abilities[n].state === 'allowed',
  );

/** A lookup with its own caches: the app keeps one for its run, the CLI one per command. */
export function createRoleLookup(): RoleLookup {
  const permissions = new Map<string, Kept<DataPermission[]>>();
  const listings = new Map<string, Kept<DiscoveredTenant[]>>();
  const asking = new Map<string, Kept<CredentialAbilities>>();

  const permissionsOf = (identity: RoleIdentity, tenantId: string, scope: string) =>
    cached(permissions, `${identity.key}\n${scope.toLowerCase()}`, () =>
      dataPermissionsAt(identity.credentialFor(tenantId), scope, identity.armEndpoint),
    );

  /**
   * Every storage account Resource Manager lists for the identity (no subscription filter),
   * one listing per TTL. A failure is kept as long: without Resource Manager access (or
   * offline), each ask would otherwise wait on it.
   */
  const storageOf = (identity: RoleIdentity) =>
    cached(
      listings,
      identity.key,
      () =>
        discoverStorage({
          armEndpoint: identity.armEndpoint,
          homeTenantId: identity.homeTenantId,
          credentialFor: identity.credentialFor,
        }),
      true,
    );

  const rolesAt = async (
    identity: RoleIdentity,
    blobEndpoint: string,
    container: string | undefined,
  ): Promise<CredentialAbilities> => {
    let tenants: DiscoveredTenant[];
    try {
      tenants = await storageOf(identity);
    } catch (e) {
      return unknownAbilities(
        `Resource Manager did not list your storage accounts: ${toLakeError(e).message}`,
      );
    }
    const found = findByEndpoint(tenants, blobEndpoint);
    if (!found) {
      return unknownAbilities(
        `Resource Manager lists no storage account at ${blobEndpoint} that you can read`,
      );
    }
    const { tenantId, account } = found;
    let onAccount: CredentialAbilities;
    try {
      onAccount = dataRoleAbilities(
        await permissionsOf(identity, tenantId, account.resourceId),
        account.hns,
      );
    } catch (e) {
      return unknownAbilities(
        `Resource Manager did not give your roles: ${toLakeError(e).message}`,
      );
    }
    if (container === undefined || allAllowed(onAccount)) return onAccount;
    return permissionsOf(identity, tenantId, containerScope(account.resourceId, container)).then(
      (granted) => dataRoleAbilities(granted, account.hns, container),
      () => onAccount,
    );
  };

  return {
    permissions: permissionsOf,
    async abilitiesAt(identity, blobEndpoint, container) {
      // Callers wait on Resource Manager at most rolesWaitMs after it was first asked for this
      // place (a later ask while it is still late does not wait again); its answer, once it
      // comes, is in the caches for the next ask.
      const key = [identity.key, blobEndpoint.toLowerCase(), container ?? ''].join('\n');
      let asked = asking.get(key);
      if (!asked) {
        const entry = {
          at: Date.now(),
          answer: rolesAt(identity, blobEndpoint, container).finally(() => {
            if (asking.get(key) === entry) asking.delete(key);
          }),
        };
        asking.set(key, entry);
        asked = entry;
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<CredentialAbilities>((resolve) => {
        timer = setTimeout(
          () =>
            resolve(
              unknownAbilities(
                `Resource Manager did not answer within ${rolesWaitMs / 1000} s; the connections' next listing shows its answer`,
              ),
            ),
          Math.max(0, asked.at + rolesWaitMs - Date.now()),
        );
      });
      try {
        return await Promise.race([asked.answer, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
