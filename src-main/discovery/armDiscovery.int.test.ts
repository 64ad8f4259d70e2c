import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredTenant } from '../../shared/contract/index.js';
import { startArmStandIn, type ArmStandIn } from '../../test/support/arm/armStandIn.js';
import { completeDeviceLogin } from '../../test/support/entra/driveLogin.js';
import { startEntraStandIn, type EntraStandIn } from '../../test/support/entra/entraStandIn.js';
import { createTestCipher } from '../../test/support/entra/testCipher.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { customEnvironment } from '../auth/azureEnvironments.js';
import { createEntraSessions, type EntraSessions } from '../auth/entraSessions.js';
import { startAzurite, type AzuriteInstance } from '../emulator/azurite.js';
import { openAccount } from '../storage/accountAccess.js';
import { discoverStorage, toDiscoveredAccount } from './armDiscovery.js';

const tenantId = '3c5e7a9b-2d4f-4a6b-8c0d-1e2f3a4b5c6d';
const otherTenantId = '9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d';
const clientId = '5d1c3a2b-0000-4000-8000-00000000c11e';
const subA = '11111111-1111-4111-8111-111111111111';
const subB = '22222222-2222-4222-8222-222222222222';
const subC = '33333333-3333-4333-8333-333333333333';
const subOther = '44444444-4444-4444-8444-444444444444';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);

let entra: EntraStandIn;
let arm: ArmStandIn;
let azurite: AzuriteInstance;
let sessions: EntraSessions;
let accountId = '';

const credentialFor =
  (id: string) =>
  (tenant: string): TokenCredential => ({
    getToken: (scopes, options) =>
      sessions.credential(id).getToken(scopes, { ...options, tenantId: tenant }),
  });

beforeAll(async () => {
  entra = await startEntraStandIn({
    tls,
    tenants: [
      { id: tenantId, domains: ['contoso.test'] },
      { id: otherTenantId, domains: ['fabrikam.test'] },
    ],
    clientId,
  });
  azurite = await startAzurite({
    location: 'memory',
    oauth: { certPath: tls.certPath, keyPath: tls.keyPath, caPath: tls.caPath },
  });
  const blobEndpoint = `${azurite.blobEndpoint}/`;
  arm = await startArmStandIn({
    tls,
    pageSize: 2,
    tenants: [
      { tenantId, displayName: 'Contoso', defaultDomain: 'contoso.test' },
      { tenantId: otherTenantId, displayName: 'Fabrikam', defaultDomain: 'fabrikam.test' },
    ],
    subscriptions: [
      {
        subscriptionId: subA,
        tenantId,
        displayName: 'Analytics',
        storageAccounts: [
          { name: 'lakeprod', resourceGroup: 'rg-data', blobEndpoint, isHnsEnabled: true },
          { name: 'archive', resourceGroup: 'rg-data', blobEndpoint },
          { name: 'logs', resourceGroup: 'RG-Ops', blobEndpoint, location: 'northeurope' },
        ],
      },
      { subscriptionId: subB, tenantId, displayName: 'Billing', storageAccounts: [] },
      { subscriptionId: subC, tenantId, displayName: 'Sandbox', storageAccounts: [] },
      {
        subscriptionId: subOther,
        tenantId: otherTenantId,
        displayName: 'Fabrikam prod',
        storageAccounts: [],
      },
    ],
  });
  sessions = createEntraSessions({
    dataDir: mkdtempSync(path.join(tmpdir(), 'lakeshore-arm-')),
    cipher: createTestCipher(),
    clientId,
    environment: customEnvironment({
      authorityHost: entra.authorityHost,
      armEndpoint: arm.endpoint,
      storageSuffix: 'core.windows.net',
    }),
    openBrowser: () => undefined,
  });
  const account = await sessions.signIn({
    flow: 'deviceCode',
    tenant: tenantId,
    onDeviceCode: (p) =>
      void completeDeviceLogin(p.verificationUri, p.userCode, { login: 'alice' }),
  });
  accountId = account.id;
});

afterAll(async () => {
  await arm?.stop();
  await azurite?.stop();
  await entra?.stop();
});

describe('Resource Manager discovery against the stand-ins', () => {
  let found: DiscoveredTenant[] = [];

  it('lists tenants → subscriptions → storage accounts through every nextLink, with a Resource Manager token', async () => {
    found = await discoverStorage({
      armEndpoint: arm.endpoint,
      credentialFor: credentialFor(accountId),
      homeTenantId: tenantId,
    });
    // The home tenant first; every tenant of the identity is kept.
    expect(found.map((t) => [t.tenantId, t.displayName])).toEqual([
      [tenantId, 'Contoso'],
      [otherTenantId, 'Fabrikam'],
    ]);
    const home = found[0]!;
    if (home.status !== 'listed') throw new Error('home tenant not listed');
    expect(home.subscriptions.map((s) => [s.displayName, s.status])).toEqual([
      ['Analytics', 'listed'],
      ['Billing', 'listed'],
      ['Sandbox', 'listed'],
    ]);
    const analytics = home.subscriptions[0]!;
    if (analytics.status !== 'listed') throw new Error('not listed');
    expect(analytics.storageAccounts).toEqual([
      {
        resourceId: `/subscriptions/${subA}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/archive`,
        name: 'archive',
        subscriptionId: subA,
        resourceGroup: 'rg-data',
        location: 'westeurope',
        blobEndpoint: azurite.blobEndpoint,
        dfsEndpoint: azurite.blobEndpoint,
        hns: false,
      },
      expect.objectContaining({ name: 'lakeprod', hns: true, blobEndpoint: azurite.blobEndpoint }),
      expect.objectContaining({ name: 'logs', resourceGroup: 'RG-Ops', location: 'northeurope' }),
    ]);
    // Three subscriptions at two a page, three accounts at two a page: nextLink was followed.
    expect(arm.requests.some((r) => /^GET \/subscriptions\?.*skiptoken=2/.test(r))).toBe(true);
    expect(arm.requests.filter((r) => /storageAccounts\?.*skiptoken/.test(r)).length).toBe(1);
    // A subscription of another tenant is never shown under this one.
    const other = found[1]!;
    expect(
      other.status === 'listed' ? other.subscriptions.map((s) => s.displayName) : [],
    ).not.toContain('Analytics');
  });

  it('lists only the filtered subscriptions’ storage accounts, keeping the others as hidden', async () => {
    const before = arm.requests.length;
    const filtered = await discoverStorage({
      armEndpoint: arm.endpoint,
      credentialFor: credentialFor(accountId),
      homeTenantId: tenantId,
      subscriptionFilter: [subB],
    });
    const home = filtered[0]!;
    if (home.status !== 'listed') throw new Error('not listed');
    expect(home.subscriptions.map((s) => [s.displayName, s.status])).toEqual([
      ['Analytics', 'hidden'],
      ['Billing', 'listed'],
      ['Sandbox', 'hidden'],
    ]);
    const asked = arm.requests.slice(before).filter((r) => r.includes('storageAccounts'));
    expect(asked).toEqual([
      expect.stringContaining(
        `/subscriptions/${subB}/providers/Microsoft.Storage/storageAccounts?`,
      ),
    ]);
  });

  it('opens a discovered account at its primaryEndpoints.blob with the storage token and lists its containers', async () => {
    const home = found[0]!;
    if (home.status !== 'listed' || home.subscriptions[0]!.status !== 'listed')
      throw new Error('not listed');
    const lakeprod = home.subscriptions[0]!.storageAccounts.find((a) => a.name === 'lakeprod')!;
    const access = openAccount({
      kind: 'token',
      blobEndpoint: lakeprod.blobEndpoint,
      credential: sessions.credential(accountId),
    });
    await access.service!.createContainer('discovered');
    expect((await access.listContainers()).map((c) => c.name)).toContain('discovered');
  });

  it('refuses a token for another audience as Resource Manager does (401 InvalidAuthenticationToken)', async () => {
    const storageOnly: TokenCredential = {
      getToken: () => sessions.credential(accountId).getToken('https://storage.azure.com/.default'),
    };
    await expect(
      discoverStorage({
        armEndpoint: arm.endpoint,
        credentialFor: () => storageOnly,
        homeTenantId: tenantId,
      }),
    ).rejects.toMatchObject({ error: { code: 'AuthFailed', status: 401 } });
  });

  it('takes the endpoints from primaryEndpoints, not from the name, and leaves out an account without a blob endpoint', () => {
    expect(
      toDiscoveredAccount(subA, {
        id: `/subscriptions/${subA}/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/zoned`,
        name: 'zoned',
        location: 'westus',
        primaryEndpoints: {
          blob: 'https://zoned.z13.blob.storage.azure.net/',
          dfs: 'https://zoned.z13.dfs.storage.azure.net/',
        },
        isHnsEnabled: true,
      } as never),
    ).toMatchObject({
      blobEndpoint: 'https://zoned.z13.blob.storage.azure.net',
      dfsEndpoint: 'https://zoned.z13.dfs.storage.azure.net',
      hns: true,
    });
    expect(
      toDiscoveredAccount(subA, {
        id: `/subscriptions/${subA}/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/files`,
        name: 'files',
        location: 'westus',
        primaryEndpoints: { file: 'https://files.file.core.windows.net/' },
      } as never),
    ).toBeUndefined();
  });
});
