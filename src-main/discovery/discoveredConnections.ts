import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import type {
  AzureEnvironmentId,
  ConnectionSummary,
  CredentialAbilities,
  DiscoveredStorageAccount,
  DiscoveredTenant,
  EntraAccountSummary,
  Settings,
} from '../../shared/contract/index.js';
import type { AzureEnvironment } from '../auth/azureEnvironments.js';
import type { Connections } from '../connections/connections.js';
import { openAccount, type AccountAccess } from '../storage/accountAccess.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import { parseBlobUrl } from '../storage/blobUrl.js';
import { entraAbilities, keyAbilities } from '../abilities/credentialAbilities.js';
import { dataRoleAbilities, type DataPermission } from '../abilities/dataRoleAbilities.js';
import { discoverStorage, listAccountKey } from './armDiscovery.js';
import { unknownAbilities } from './urlAbilities.js';
import { listKeysAction, permits } from './keyPermission.js';
import { createRoleLookup, type RoleIdentity } from './roleLookup.js';

export interface DiscoveryOptions {
  /** The signed-in accounts (`auth.accounts`). */
  accounts: () => Promise<EntraAccountSummary[]>;
  environment: (id: AzureEnvironmentId) => AzureEnvironment;
  /** The account's credential (silent refresh; "sign in again" when it cannot). */
  credential: (accountId: string, environment: AzureEnvironmentId) => TokenCredential;
  settings: () => Promise<Settings>;
}

/** What the service binds: the `discovery.list` call and the connections that also open discovered accounts. */
export interface Discovery {
  list(accountId: string): Promise<DiscoveredTenant[]>;
  /**
   * Makes a discovered account's connection sign with its key from Resource Manager's
   * listKeys. Rejects with `NotFound` for a connection `list` did not hand out, and with
   * `PermissionDenied` naming the action when the identity may not list keys.
   */
  useAccountKey(connectionId: string): Promise<void>;
  /**
   * Whether `useAccountKey` may work: the connection is a discovered account still signing
   * with the identity's token, and Resource Manager says the identity may list its keys. False
   * for any other connection, and when Resource Manager cannot be asked.
   */
  canUseAccountKey(connectionId: string): Promise<boolean>;
  /**
   * What the signed-in account `accountId` may do on the storage account at `blobEndpoint`,
   * or on its `container` (a connection added by URL): `RoleLookup.abilitiesAt` with the
   * identity's credential, the permissions shared with `list`. Never rejects: when the account
   * is not signed in, every ability is `unknown` saying so.
   */
  abilitiesAt(
    accountId: string,
    blobEndpoint: string,
    container?: string,
  ): Promise<CredentialAbilities>;
  /** `base`, whose `access` also opens the connections `list` handed out. */
  connections(base: Connections): Connections;
}

/** A stable connection id for a discovered account of a signed-in account (`[A-Za-z0-9_-]`, 23 chars). */
export const discoveredConnectionId = (accountId: string, resourceId: string): string =>
  `d${createHash('sha256').update(`${accountId}\n${resourceId.toLowerCase()}`).digest('base64url').slice(0, 22)}`;

interface DiscoveredRef {
  accountId: string;
  /** The signed-in account as Resource Manager is asked (the role lookup's caches key on it). */
  identity: RoleIdentity;
  tenantId: string;
  environment: AzureEnvironmentId;
  account: DiscoveredStorageAccount;
  /** Set by `useAccountKey`: the key the connection signs with instead of the token. */
  accountKey?: string;
}

/**
 * Resource Manager discovery for signed-in accounts, and the in-memory connections that browse
 * what it found with the identity's bearer tokens (`https://storage.azure.com/.default`). A
 * discovered account's connection exists from the first `list` that found it until the app
 * quits; it is never saved. Each connection `list` hands out carries its abilities: what the
 * identity's data roles on the account allow (Resource Manager's permissions, kept
 * `permissionsTtlMs` by one `RoleLookup`), or everything once it signs with the account's key.
 */
export function createDiscovery(options: DiscoveryOptions): Discovery {
  const refs = new Map<string, DiscoveredRef>();
  const opened = new Map<string, AccountAccess>();
  const roles = createRoleLookup();

  /** The account's credential for one tenant (Resource Manager answers a tenant's resources only to its tokens). */
  const tenantCredential = (
    accountId: string,
    environment: AzureEnvironmentId,
    tenantId: string,
  ): TokenCredential => {
    const base = options.credential(accountId, environment);
    return { getToken: (scopes, getOptions) => base.getToken(scopes, { ...getOptions, tenantId }) };
  };

  /** The signed-in `account` as the role lookup asks Resource Manager. */
  const identityOf = (account: EntraAccountSummary): RoleIdentity => ({
    key: account.id,
    armEndpoint: options.environment(account.environment).armEndpoint,
    homeTenantId: account.tenantId,
    credentialFor: (tenantId) => tenantCredential(account.id, account.environment, tenantId),
  });

  /** The identity's permissions on the discovered account of `ref` (one Resource Manager call per TTL; a failure is not kept). */
  const permissionsOf = (ref: DiscoveredRef): Promise<DataPermission[]> =>
    roles.permissions(ref.identity, ref.tenantId, ref.account.resourceId);

  const abilitiesOf = async (ref: DiscoveredRef): Promise<CredentialAbilities> => {
    if (ref.accountKey) return keyAbilities("The account's key (from Resource Manager)");
    try {
      return dataRoleAbilities(await permissionsOf(ref), ref.account.hns);
    } catch (e) {
      const unknown = entraAbilities();
      return {
        ...unknown,
        summary: `${unknown.summary} (Resource Manager did not give your roles: ${toLakeError(e).message})`,
      };
    }
  };

  const withConnection = async (
    account: EntraAccountSummary,
    tenantId: string,
    a: DiscoveredStorageAccount,
  ): Promise<DiscoveredStorageAccount> => {
    const id = discoveredConnectionId(account.id, a.resourceId);
    const known = refs.get(id);
    const ref: DiscoveredRef = {
      accountId: account.id,
      identity: identityOf(account),
      tenantId,
      environment: account.environment,
      account: a,
      ...(known?.accountKey ? { accountKey: known.accountKey } : {}),
    };
    refs.set(id, ref);
    const connection: ConnectionSummary = {
      id,
      name: a.name,
      kind: 'entra',
      accountName: a.name,
      blobEndpoint: a.blobEndpoint,
      scope: { type: 'account' },
      abilities: await abilitiesOf(ref),
    };
    return { ...a, connection };
  };

  const open = (ref: DiscoveredRef, profile: 'interactive' | 'transfer'): AccountAccess => ({
    ...openAccount(
      ref.accountKey
        ? {
            kind: 'accountKey',
            // The name the data plane signs with: a path-style endpoint (an emulator) carries it.
            accountName: parseBlobUrl(ref.account.blobEndpoint).accountName,
            accountKey: ref.accountKey,
            blobEndpoint: ref.account.blobEndpoint,
          }
        : {
            kind: 'token',
            blobEndpoint: ref.account.blobEndpoint,
            credential: options.credential(ref.accountId, ref.environment),
          },
      profile,
    ),
    // Resource Manager's isHnsEnabled: the badge and the HNS code paths need no data-plane probe.
    knownNamespace: ref.account.hns ? 'hns' : 'flat',
  });

  return {
    async abilitiesAt(accountId, blobEndpoint, container) {
      const account = (await options.accounts()).find((a) => a.id === accountId);
      if (!account) return unknownAbilities('its Microsoft Entra ID account is not signed in');
      return roles.abilitiesAt(identityOf(account), blobEndpoint, container);
    },
    async canUseAccountKey(connectionId) {
      const ref = refs.get(connectionId);
      if (!ref || ref.accountKey) return false;
      return permissionsOf(ref).then(
        (p) => permits(p, listKeysAction),
        () => false,
      );
    },
    async useAccountKey(connectionId) {
      const ref = refs.get(connectionId);
      if (!ref) {
        return failWith(
          'NotFound',
          'This storage account is not one Lakeshore discovered; open it from the tree again.',
        );
      }
      ref.accountKey = await listAccountKey(
        tenantCredential(ref.accountId, ref.environment, ref.tenantId),
        ref.account,
        options.environment(ref.environment).armEndpoint,
      );
      for (const key of [...opened.keys()]) {
        if (key.endsWith(`:${connectionId}`)) opened.delete(key);
      }
    },
    async list(accountId) {
      const account = (await options.accounts()).find((a) => a.id === accountId);
      if (!account) {
        return failWith(
          'AuthFailed',
          'This Microsoft Entra ID account is not signed in: sign in first.',
        );
      }
      const env = options.environment(account.environment);
      const filter = (await options.settings()).subscriptionFilter?.[accountId];
      const tenants = await discoverStorage({
        armEndpoint: env.armEndpoint,
        homeTenantId: account.tenantId,
        credentialFor: (tenantId) => tenantCredential(accountId, account.environment, tenantId),
        ...(filter ? { subscriptionFilter: filter } : {}),
      });
      // Every account's permissions are asked at once: the tree waits for one round trip.
      return Promise.all(
        tenants.map(async (t) =>
          t.status !== 'listed'
            ? t
            : {
                ...t,
                subscriptions: await Promise.all(
                  t.subscriptions.map(async (s) =>
                    s.status !== 'listed'
                      ? s
                      : {
                          ...s,
                          storageAccounts: await Promise.all(
                            s.storageAccounts.map((a) => withConnection(account, t.tenantId, a)),
                          ),
                        },
                  ),
                ),
              },
        ),
      );
    },
    connections(base) {
      return {
        ...base,
        async access(id, profile = 'interactive') {
          const ref = refs.get(id);
          if (!ref) return base.access(id, profile);
          const key = `${profile}:${id}`;
          let access = opened.get(key);
          if (!access) {
            access = open(ref, profile);
            opened.set(key, access);
          }
          return access;
        },
        closeEntra() {
          base.closeEntra();
          opened.clear();
        },
      };
    },
  };
}
