import { z } from 'zod';
import { entraAccountIdSchema } from './auth.js';
import type { ConnectionSummary } from './connections.js';
import { connectionIdSchema } from './paths.js';

/**
 * A storage account a signed-in identity sees through Resource Manager
 * (Microsoft.Storage/storageAccounts). Its endpoints are its `primaryEndpoints`, never built
 * from its name (accounts in other clouds, with DNS zone endpoints or private links differ).
 */
export interface DiscoveredStorageAccount {
  /** The Resource Manager id: `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name}`. */
  resourceId: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location?: string;
  /** `primaryEndpoints.blob` without its trailing `/`. */
  blobEndpoint: string;
  /** `primaryEndpoints.dfs` without its trailing `/`, when the account has one. */
  dfsEndpoint?: string;
  /** `isHnsEnabled`: ADLS Gen2 (hierarchical namespace). */
  hns: boolean;
  /**
   * Set by `discovery.list`: the connection (kept in memory, not saved) that browses the
   * account with the signed-in identity's bearer tokens, at `blobEndpoint`.
   */
  connection?: ConnectionSummary;
}

/** A subscription and its storage accounts, or why they could not be listed. */
export type DiscoveredSubscription = {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
} & (
  | { status: 'listed'; storageAccounts: DiscoveredStorageAccount[] }
  | { status: 'failed'; message: string }
  /** Left out by the user's subscription filter: its accounts are not listed. */
  | { status: 'hidden' }
);

/** A tenant the identity belongs to, with its subscriptions, or why they could not be listed. */
export type DiscoveredTenant = {
  tenantId: string;
  displayName: string;
  defaultDomain?: string;
} & (
  | { status: 'listed'; subscriptions: DiscoveredSubscription[] }
  /** Listing needs a token for this tenant that the sign-in cannot give (sign in to it, with its id). */
  | { status: 'failed'; message: string }
);

/** `discovery.list`: the tenants → subscriptions → storage accounts of a signed-in account. */
export const discoveryListArgsSchema = z.object({ accountId: entraAccountIdSchema }).strict();

/**
 * `discovery.useAccountKey`: from now on (until the app quits) a discovered account's
 * connection signs with the account's key, fetched through Resource Manager's listKeys, for an
 * identity that may list keys but has no data role (Storage Explorer's "Use account key
 * instead"). The key never reaches the renderer.
 */
export const discoveryUseAccountKeyArgsSchema = z
  .object({ connectionId: connectionIdSchema })
  .strict();

/** A subscription filter of one signed-in account: the subscription ids to show (all when absent). */
export const subscriptionFilterSchema = z.record(
  entraAccountIdSchema,
  z.array(z.string().min(1).max(100)).max(1000),
);
