import type { TokenCredential } from '@azure/core-auth';
import { StorageManagementClient, type StorageAccount } from '@azure/arm-storage';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type {
  DiscoveredStorageAccount,
  DiscoveredSubscription,
  DiscoveredTenant,
} from '../../shared/contract/index.js';
import { armScope } from '../auth/azureEnvironments.js';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';

/** Where and as whom Resource Manager is asked. */
export interface DiscoveryOptions {
  /** The cloud's Resource Manager endpoint (`https://management.azure.com`), no trailing slash. */
  armEndpoint: string;
  /**
   * A credential for one tenant (its tokens' `tid`): Resource Manager lists a tenant's
   * subscriptions only with a token from that tenant.
   */
  credentialFor(tenantId: string): TokenCredential;
  /** The home tenant of the signed-in account: the tenant list is asked with its token. */
  homeTenantId: string;
  /** Subscription ids to list the storage accounts of; all when absent (the user's filter). */
  subscriptionFilter?: readonly string[];
  signal?: AbortSignal;
}

const trimSlash = (u: string): string => u.replace(/\/+$/, '');

/**
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/…` → its resource group (case kept as
 * Resource Manager gave it).
 */
const resourceGroupOf = (resourceId: string): string =>
  /\/resourceGroups\/([^/]+)/i.exec(resourceId)?.[1] ?? '';

/**
 * A Resource Manager storage account as the tree shows it, or undefined when it has no blob
 * endpoint (a FileStorage account). The endpoints are its `primaryEndpoints` (Azure:
 * Microsoft.Storage/storageAccounts, `properties.primaryEndpoints`), never built from its name.
 */
export function toDiscoveredAccount(
  subscriptionId: string,
  a: StorageAccount,
): DiscoveredStorageAccount | undefined {
  const blob = a.primaryEndpoints?.blob;
  if (!a.id || !a.name || !blob) return undefined;
  const dfs = a.primaryEndpoints?.dfs;
  return {
    resourceId: a.id,
    name: a.name,
    subscriptionId,
    resourceGroup: resourceGroupOf(a.id),
    ...(a.location ? { location: a.location } : {}),
    blobEndpoint: trimSlash(blob),
    ...(dfs ? { dfsEndpoint: trimSlash(dfs) } : {}),
    hns: a.isHnsEnabled === true,
  };
}

/** Resource Manager's error in one sentence, with what to do. */
function explain(e: unknown, what: string): string {
  const error = toLakeError(e);
  // Resource Manager names its error in the body (`error.code`), which the SDK gives as `code`.
  const azureCode = error.azureCode ?? (e as { code?: unknown }).code;
  const code = typeof azureCode === 'string' ? ` (${azureCode})` : '';
  if (error.code === 'AuthFailed' || error.status === 401) {
    return `Could not list ${what}${code}: sign in to this tenant (give its id when signing in).`;
  }
  if (error.code === 'PermissionDenied' || error.status === 403) {
    return `You may not list ${what}${code}: ask for a Reader role on it.`;
  }
  return `Could not list ${what}: ${error.message}`;
}

const clientOptions = (options: DiscoveryOptions) => ({
  endpoint: options.armEndpoint,
  credentialScopes: [armScope],
});

/** Every storage account of one subscription, following nextLink. */
export async function listStorageAccounts(
  credential: TokenCredential,
  subscriptionId: string,
  options: Pick<DiscoveryOptions, 'armEndpoint' | 'signal'>,
): Promise<DiscoveredStorageAccount[]> {
  const client = new StorageManagementClient(credential, subscriptionId, {
    endpoint: options.armEndpoint,
    credentials: { scopes: [armScope] },
  });
  const found: DiscoveredStorageAccount[] = [];
  for await (const a of client.storageAccounts.list(
    options.signal ? { abortSignal: options.signal } : {},
  )) {
    const account = toDiscoveredAccount(subscriptionId, a);
    if (account) found.push(account);
  }
  return found.sort((x, y) => x.name.localeCompare(y.name));
}

/**
 * The first key of a storage account (Microsoft.Storage `POST …/listKeys`, which needs the
 * `Microsoft.Storage/storageAccounts/listKeys/action` permission, e.g. the Contributor or
 * Storage Account Key Operator role). Rejects with `PermissionDenied` naming that action and
 * the account when Resource Manager refuses, `NotFound` when it returns no key.
 */
export async function listAccountKey(
  credential: TokenCredential,
  account: Pick<DiscoveredStorageAccount, 'subscriptionId' | 'resourceGroup' | 'name'>,
  armEndpoint: string,
): Promise<string> {
  const client = new StorageManagementClient(credential, account.subscriptionId, {
    endpoint: armEndpoint,
    credentials: { scopes: [armScope] },
  });
  let keys;
  try {
    keys = await client.storageAccounts.listKeys(account.resourceGroup, account.name);
  } catch (e) {
    const error = toLakeError(e);
    if (error.status === 403) {
      throw new LakeFailure({
        ...error,
        code: 'PermissionDenied',
        message: `You may not list the keys of ${account.name} (Microsoft.Storage/storageAccounts/listKeys/action in resource group ${account.resourceGroup}): ask for a data role (Storage Blob Data Reader, Contributor or Owner) on it, or the Storage Account Key Operator role.`,
      });
    }
    throw new LakeFailure(error);
  }
  const key = keys.keys?.find((k) => k.value)?.value;
  if (!key) {
    return failWith(
      'NotFound',
      `${account.name} returned no key; shared-key access may be turned off.`,
    );
  }
  return key;
}

async function listSubscriptions(
  tenantId: string,
  options: DiscoveryOptions,
): Promise<DiscoveredSubscription[]> {
  const credential = options.credentialFor(tenantId);
  const client = new SubscriptionClient(credential, clientOptions(options));
  const subscriptions: { subscriptionId: string; displayName: string }[] = [];
  for await (const s of client.subscriptions.list(
    options.signal ? { abortSignal: options.signal } : {},
  )) {
    if (!s.subscriptionId || (s.tenantId && s.tenantId !== tenantId)) continue;
    subscriptions.push({
      subscriptionId: s.subscriptionId,
      displayName: s.displayName ?? s.subscriptionId,
    });
  }
  subscriptions.sort((x, y) => x.displayName.localeCompare(y.displayName));
  return Promise.all(
    subscriptions.map(async (s): Promise<DiscoveredSubscription> => {
      const base = { ...s, tenantId };
      if (options.subscriptionFilter && !options.subscriptionFilter.includes(s.subscriptionId)) {
        return { ...base, status: 'hidden' };
      }
      try {
        const storageAccounts = await listStorageAccounts(credential, s.subscriptionId, options);
        return { ...base, status: 'listed', storageAccounts };
      } catch (e) {
        return {
          ...base,
          status: 'failed',
          message: explain(e, `the storage accounts of ${s.displayName}`),
        };
      }
    }),
  );
}

/**
 * The tenants of the signed-in identity (Microsoft.Resources `GET /tenants`, with the home
 * tenant's token), each with its subscriptions (`GET /subscriptions` with that tenant's token)
 * and their storage accounts (Microsoft.Storage `GET …/storageAccounts`), every list followed
 * through its nextLink. A tenant or subscription that cannot be listed is kept with the reason
 * in words; the tenant list itself failing rejects with the `LakeFailure`.
 */
export async function discoverStorage(options: DiscoveryOptions): Promise<DiscoveredTenant[]> {
  const client = new SubscriptionClient(
    options.credentialFor(options.homeTenantId),
    clientOptions(options),
  );
  const tenants: { tenantId: string; displayName: string; defaultDomain?: string }[] = [];
  try {
    for await (const t of client.tenants.list(
      options.signal ? { abortSignal: options.signal } : {},
    )) {
      if (!t.tenantId) continue;
      tenants.push({
        tenantId: t.tenantId,
        displayName: t.displayName ?? t.defaultDomain ?? t.tenantId,
        ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}),
      });
    }
  } catch (e) {
    throw new LakeFailure(toLakeError(e));
  }
  if (!tenants.some((t) => t.tenantId === options.homeTenantId)) {
    tenants.unshift({ tenantId: options.homeTenantId, displayName: options.homeTenantId });
  }
  // The home tenant first: its token is the one the user just got.
  tenants.sort((x, y) =>
    x.tenantId === options.homeTenantId ? -1 : y.tenantId === options.homeTenantId ? 1 : 0,
  );
  return Promise.all(
    tenants.map(async (t): Promise<DiscoveredTenant> => {
      try {
        return {
          ...t,
          status: 'listed',
          subscriptions: await listSubscriptions(t.tenantId, options),
        };
      } catch (e) {
        return {
          ...t,
          status: 'failed',
          message: explain(e, `the subscriptions of ${t.displayName}`),
        };
      }
    }),
  );
}
