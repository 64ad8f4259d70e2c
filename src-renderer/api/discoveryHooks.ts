import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type {
  ConnectionSummary,
  DiscoveredTenant,
  LakeClient,
} from '../../shared/contract/index.js';
import { useEntraAccounts } from './authHooks.js';
import { useClient, useConnections } from './hooks.js';
import { unwrap } from './lakeCallError.js';

/** The query key of a signed-in account's discovery (invalidate it after changing the subscription filter). */
export const discoveryKey = (accountId: string) => ['discovery.list', accountId] as const;

/** Every signed-in account's discovery (invalidate it after a discovered account changes credential). */
export const allDiscoveriesKey = ['discovery.list'] as const;

const discoveryQuery = (client: LakeClient, accountId: string, enabled: boolean) => ({
  queryKey: discoveryKey(accountId),
  queryFn: async () => unwrap(await client.call('discovery.list', { accountId })),
  enabled,
  staleTime: 5 * 60_000,
});

/**
 * The tenants → subscriptions → storage accounts a signed-in account sees (Resource Manager),
 * asked once the account's tree item is open (`enabled`).
 */
export const useDiscovery = (accountId: string, enabled: boolean) =>
  useQuery(discoveryQuery(useClient(), accountId, enabled));

/** The connections of the discovered storage accounts in `tenants`, in tree order. */
export const discoveredConnections = (tenants: readonly DiscoveredTenant[]): ConnectionSummary[] =>
  tenants.flatMap((t) =>
    t.status !== 'listed'
      ? []
      : t.subscriptions.flatMap((s) =>
          s.status !== 'listed' ? [] : s.storageAccounts.flatMap((a) => a.connection ?? []),
        ),
  );

/** The discovered connections of every account's cached discovery (a stable function: `useQueries` then keeps its result). */
const connectionsOfAll = (results: readonly { data?: DiscoveredTenant[] }[]): ConnectionSummary[] =>
  results.flatMap((r) => (r.data ? discoveredConnections(r.data) : []));

/**
 * Every connection the window can act in: the saved and provisioned ones (`connections.list`)
 * and those of the storage accounts discovered so far for the signed-in accounts (each with
 * the abilities its data roles give), so the toolbar, menus, keys and drops follow the same
 * abilities for both. Discovery is not asked for here: only what the tree has opened is known.
 */
export const useKnownConnections = (): ConnectionSummary[] | undefined => {
  const client = useClient();
  const listed = useConnections().data;
  const accounts = useEntraAccounts().data ?? [];
  const discovered = useQueries({
    queries: accounts.map((a) => discoveryQuery(client, a.id, false)),
    combine: connectionsOfAll,
  });
  return useMemo(() => listed && [...listed, ...discovered], [listed, discovered]);
};
