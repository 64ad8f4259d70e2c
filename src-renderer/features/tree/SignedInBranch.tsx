import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tree,
  TreeItem,
  TreeItemLayout,
  tokens,
} from '@fluentui/react-components';
import {
  BuildingRegular,
  EyeOffRegular,
  EyeRegular,
  KeyRegular,
  PersonRegular,
} from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  DiscoveredSubscription,
  DiscoveredTenant,
  EntraAccountSummary,
} from '../../../shared/contract/index.js';
import { discoveryKey, useDiscovery } from '../../api/discoveryHooks.js';
import { LakeCallError } from '../../api/lakeCallError.js';
import { SignInDialog } from '../connections/SignInDialog.js';
import { useSettings, useUpdateSettings } from '../settings/useSettings.js';
import { ConnectionBranch } from './ConnectionBranch.js';
import { errorText } from './DirectoryBranch.js';
import { StatusItem } from './StatusItem.js';
import { useTreeState } from './treeContext.js';

/** Tree item values of the signed-in branches (unique beside the connections' `c:` ones). */
const value = {
  account: (id: string) => `e:${id}`,
  tenant: (id: string, tenant: string) => `e:${id}/${tenant}`,
  subscription: (id: string, tenant: string, sub: string) => `e:${id}/${tenant}/${sub}`,
};

const muted = { color: tokens.colorNeutralForeground3 };

/**
 * A signed-in Microsoft Entra ID account in the tree: opening it asks Resource Manager for
 * its tenants → subscriptions → storage accounts (`discovery.list`); a storage account is a
 * connection like a saved one (containers, folders, uploads), opened with the identity's
 * bearer token. A subscription's context menu hides it (or shows it again): the filter is kept
 * in the settings. When the sign-in can no longer be refreshed, the account offers "Sign in
 * again", and its tree is asked for again once the dialog closes.
 */
export function SignedInBranch({ account }: { account: EntraAccountSummary }) {
  const { openItems } = useTreeState();
  const item = value.account(account.id);
  const discovery = useDiscovery(account.id, openItems.has(item));
  const queryClient = useQueryClient();
  const [signingIn, setSigningIn] = useState(false);
  // The refresh token no longer works (expired, revoked): main says AuthFailed "sign in again".
  const expired = discovery.error instanceof LakeCallError && discovery.error.code === 'AuthFailed';
  return (
    <>
      {/* Outside the tree item: events from the dialog's portal bubble to its React parents. */}
      <SignInDialog
        open={signingIn}
        onClose={() => {
          setSigningIn(false);
          void queryClient.invalidateQueries({ queryKey: discoveryKey(account.id) });
        }}
      />
      <TreeItem itemType="branch" value={item} aria-label={account.username}>
        <TreeItemLayout
          iconBefore={<PersonRegular aria-hidden />}
          aside={
            expired ? (
              <Button
                size="small"
                appearance="primary"
                style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}
                onClick={(e) => {
                  e.stopPropagation();
                  setSigningIn(true);
                }}
              >
                Sign in again
              </Button>
            ) : undefined
          }
        >
          {account.username}
        </TreeItemLayout>
        <Tree>
          {discovery.data?.map((t) => (
            <TenantBranch key={t.tenantId} account={account} tenant={t} />
          ))}
          {discovery.isPending && discovery.fetchStatus !== 'idle' && (
            <StatusItem kind="loading" text="Loading subscriptions…" />
          )}
          {discovery.data?.length === 0 && <StatusItem kind="empty" text="No tenants" />}
          {discovery.isError && <StatusItem kind="error" text={errorText(discovery.error)} />}
        </Tree>
      </TreeItem>
    </>
  );
}

function TenantBranch({
  account,
  tenant,
}: {
  account: EntraAccountSummary;
  tenant: DiscoveredTenant;
}) {
  return (
    <TreeItem
      itemType="branch"
      value={value.tenant(account.id, tenant.tenantId)}
      aria-label={tenant.displayName}
    >
      <TreeItemLayout iconBefore={<BuildingRegular aria-hidden />}>
        {tenant.displayName}
      </TreeItemLayout>
      <Tree>
        {tenant.status === 'failed' ? (
          <StatusItem kind="error" text={tenant.message} />
        ) : tenant.subscriptions.length === 0 ? (
          <StatusItem kind="empty" text="No subscriptions" />
        ) : (
          tenant.subscriptions.map((s) => (
            <SubscriptionBranch
              key={s.subscriptionId}
              account={account}
              subscription={s}
              all={tenant.subscriptions}
            />
          ))
        )}
      </Tree>
    </TreeItem>
  );
}

function SubscriptionBranch({
  account,
  subscription: s,
  all,
}: {
  account: EntraAccountSummary;
  subscription: DiscoveredSubscription;
  all: DiscoveredSubscription[];
}) {
  const settings = useSettings();
  const update = useUpdateSettings();
  const queryClient = useQueryClient();
  const hidden = s.status === 'hidden';
  const setShown = async (show: boolean) => {
    const current =
      settings.data?.subscriptionFilter?.[account.id] ?? all.map((x) => x.subscriptionId);
    const next = show
      ? [...new Set([...current, s.subscriptionId])]
      : current.filter((id) => id !== s.subscriptionId);
    await update.mutateAsync({
      subscriptionFilter: { ...settings.data?.subscriptionFilter, [account.id]: next },
    });
    await queryClient.invalidateQueries({ queryKey: discoveryKey(account.id) });
  };
  return (
    <Menu openOnContext positioning="below-end">
      <MenuTrigger disableButtonEnhancement>
        <TreeItem
          itemType={hidden ? 'leaf' : 'branch'}
          value={value.subscription(account.id, s.tenantId, s.subscriptionId)}
          aria-label={s.displayName}
        >
          <TreeItemLayout iconBefore={<KeyRegular aria-hidden />}>
            <span style={hidden ? muted : undefined}>
              {s.displayName}
              {hidden ? ' (hidden)' : ''}
            </span>
          </TreeItemLayout>
          {!hidden && (
            <Tree>
              {s.status === 'failed' ? (
                <StatusItem kind="error" text={s.message} />
              ) : s.storageAccounts.length === 0 ? (
                <StatusItem kind="empty" text="No storage accounts" />
              ) : (
                s.storageAccounts.map(
                  (a) =>
                    a.connection && (
                      <ConnectionBranch
                        key={a.resourceId}
                        connection={a.connection}
                        removable={false}
                      />
                    ),
                )
              )}
            </Tree>
          )}
        </TreeItem>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {hidden ? (
            <MenuItem icon={<EyeRegular aria-hidden />} onClick={() => void setShown(true)}>
              Show this subscription
            </MenuItem>
          ) : (
            <MenuItem icon={<EyeOffRegular aria-hidden />} onClick={() => void setShown(false)}>
              Hide this subscription
            </MenuItem>
          )}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
