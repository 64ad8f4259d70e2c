import {
  abilityNames,
  type AbilityName,
  type Ability,
  type CredentialAbilities,
  type DiscoveredStorageAccount,
  type DiscoveredTenant,
} from '../../shared/contract/index.js';
import { entraAbilities } from '../abilities/credentialAbilities.js';
import { parseBlobUrl } from '../storage/blobUrl.js';

/**
 * An Entra ID identity's abilities when its data roles cannot be learned: every ability
 * `unknown` (so every action stays enabled), its reason ending with `why` (a sentence
 * fragment, no final period), e.g. "Resource Manager lists no storage account at … ".
 */
export function unknownAbilities(why: string): CredentialAbilities {
  const ability: Ability = {
    state: 'unknown',
    reason: `Decided by your Azure data roles (RBAC) or ACLs; Lakeshore could not learn them: ${why}.`,
  };
  return entraAbilities(
    Object.fromEntries(abilityNames.map((n) => [n, ability])) as Record<AbilityName, Ability>,
  );
}

/** The account endpoint of a blob or DFS endpoint, as connections keep it (blob form, lower case), or undefined when it is not a storage URL. */
const accountEndpoint = (endpoint: string): string | undefined => {
  try {
    return parseBlobUrl(endpoint).blobEndpoint.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * The storage account among `tenants`' listed ones whose `primaryEndpoints.blob` or `.dfs` is
 * the account at `blobEndpoint` (same scheme, host and port; for a path-style emulator
 * endpoint also the account segment), with its tenant; undefined when none is.
 */
export function findByEndpoint(
  tenants: readonly DiscoveredTenant[],
  blobEndpoint: string,
): { tenantId: string; account: DiscoveredStorageAccount } | undefined {
  const wanted = accountEndpoint(blobEndpoint);
  if (!wanted) return undefined;
  for (const t of tenants) {
    if (t.status !== 'listed') continue;
    for (const s of t.subscriptions) {
      if (s.status !== 'listed') continue;
      const account = s.storageAccounts.find((a) =>
        [a.blobEndpoint, a.dfsEndpoint].some(
          (e) => e !== undefined && accountEndpoint(e) === wanted,
        ),
      );
      if (account) return { tenantId: t.tenantId, account };
    }
  }
  return undefined;
}
