import { describe, expect, it } from 'vitest';
import type { DiscoveredStorageAccount, DiscoveredTenant } from '../../shared/contract/index.js';
import { findByEndpoint, unknownAbilities } from './urlAbilities.js';

const account = (name: string, extra: Partial<DiscoveredStorageAccount> = {}) => ({
  resourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${name}`,
  name,
  subscriptionId: 's',
  resourceGroup: 'rg',
  blobEndpoint: `https://${name}.blob.core.windows.net`,
  hns: false,
  ...extra,
});

const tenants: DiscoveredTenant[] = [
  { tenantId: 't0', displayName: 'Denied', status: 'failed', message: 'AADSTS50076' },
  {
    tenantId: 't1',
    displayName: 'Contoso',
    status: 'listed',
    subscriptions: [
      {
        subscriptionId: 's',
        displayName: 'Lake',
        tenantId: 't1',
        status: 'listed',
        storageAccounts: [
          account('flatone'),
          // An account whose blob endpoint is elsewhere: the DFS one still matches.
          account('lakeone', {
            blobEndpoint: 'https://lakeone-blob.privatelink.example',
            dfsEndpoint: 'https://lakeone.dfs.core.windows.net',
            hns: true,
          }),
          account('emu', { blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1' }),
        ],
      },
    ],
  },
];

describe('findByEndpoint', () => {
  it("matches the blob endpoint's host, in any case", () => {
    expect(findByEndpoint(tenants, 'https://FlatOne.blob.core.windows.net')).toMatchObject({
      tenantId: 't1',
      account: { name: 'flatone' },
    });
  });

  it("matches an account's DFS endpoint with the blob form of the connection's URL", () => {
    expect(findByEndpoint(tenants, 'https://lakeone.blob.core.windows.net')?.account.name).toBe(
      'lakeone',
    );
  });

  it('needs the same account segment on a path-style endpoint, and the same port', () => {
    expect(findByEndpoint(tenants, 'http://127.0.0.1:10000/devstoreaccount1')?.account.name).toBe(
      'emu',
    );
    expect(findByEndpoint(tenants, 'http://127.0.0.1:10000/other')).toBeUndefined();
    expect(findByEndpoint(tenants, 'http://127.0.0.1:10001/devstoreaccount1')).toBeUndefined();
  });

  it('finds nothing for an account Resource Manager does not list, or a URL that is not storage', () => {
    expect(findByEndpoint(tenants, 'https://elsewhere.blob.core.windows.net')).toBeUndefined();
    expect(findByEndpoint(tenants, 'not a url')).toBeUndefined();
  });
});

describe('unknownAbilities', () => {
  it('makes every ability unknown, each saying why', () => {
    const { abilities } = unknownAbilities('Resource Manager answered 403');
    expect(Object.values(abilities).map((a) => a.state)).toEqual(Array(5).fill('unknown'));
    expect(abilities.delete.reason).toBe(
      'Decided by your Azure data roles (RBAC) or ACLs; Lakeshore could not learn them: Resource Manager answered 403.',
    );
  });
});
