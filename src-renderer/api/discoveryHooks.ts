import { useQuery } from '@tanstack/react-query';
import { useClient } from './hooks.js';
import { unwrap } from './lakeCallError.js';

/** The query key of a signed-in account's discovery (invalidate it after changing the subscription filter). */
export const discoveryKey = (accountId: string) => ['discovery.list', accountId] as const;

/**
 * The tenants → subscriptions → storage accounts a signed-in account sees (Resource Manager),
 * asked once the account's tree item is open (`enabled`).
 */
export const useDiscovery = (accountId: string, enabled: boolean) => {
  const client = useClient();
  return useQuery({
    queryKey: discoveryKey(accountId),
    queryFn: async () => unwrap(await client.call('discovery.list', { accountId })),
    enabled,
    staleTime: 5 * 60_000,
  });
};
