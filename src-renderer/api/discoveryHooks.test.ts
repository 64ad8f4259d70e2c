import { describe, expect, it } from 'vitest';
import type { ConnectionSummary, DiscoveredTenant } from '../../shared/contract/index.js';
import { abilitiesIn, refusalOf } from '../features/pathOps/commandAbilities.js';
import { discoveredConnections } from './discoveryHooks.js';

const reader: ConnectionSummary = {
  id: 'dReader',
  name: 'lakereader',
  kind: 'entra',
  accountName: 'lakereader',
  blobEndpoint: 'https://lakereader.blob.core.windows.net',
  scope: { type: 'account' },
  abilities: {
    summary: 'Microsoft Entra ID: your data roles on the account',
    abilities: {
      list: { state: 'allowed', reason: 'read' },
      read: { state: 'allowed', reason: 'read' },
      write: { state: 'denied', reason: 'No blobs/write.' },
      delete: { state: 'denied', reason: 'No blobs/delete.' },
      manageAcl: { state: 'denied', reason: 'No ACLs.' },
    },
    warnings: [],
  },
};

const account = (connection?: ConnectionSummary) => ({
  resourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${connection?.name ?? 'x'}`,
  name: connection?.name ?? 'x',
  subscriptionId: 's',
  resourceGroup: 'rg',
  blobEndpoint: connection?.blobEndpoint ?? 'https://x.blob.core.windows.net',
  hns: false,
  ...(connection ? { connection } : {}),
});

const tenants: DiscoveredTenant[] = [
  { tenantId: 't0', displayName: 'Failed', status: 'failed', message: 'sign in to it' },
  {
    tenantId: 't1',
    displayName: 'Lake',
    status: 'listed',
    subscriptions: [
      { subscriptionId: 'hidden', displayName: 'H', tenantId: 't1', status: 'hidden' },
      {
        subscriptionId: 's',
        displayName: 'S',
        tenantId: 't1',
        status: 'listed',
        storageAccounts: [account(reader), account()],
      },
    ],
  },
];

describe("the discovered accounts' connections the window acts in", () => {
  it('are those of listed subscriptions, with the abilities discovery gave them', () => {
    const found = discoveredConnections(tenants);
    expect(found.map((c) => c.id)).toEqual(['dReader']);
    expect(refusalOf('newFolder', abilitiesIn(found, 'dReader'))).toBe('No blobs/write.');
    expect(refusalOf('download', abilitiesIn(found, 'dReader'))).toBeUndefined();
  });
});
