import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountDescription,
  ContainerSummary,
  DiscoveredTenant,
  EntraAccountSummary,
  PathPage,
} from '../../shared/contract/index.js';
import { startSignedInService } from '../../test/support/arm/signedInService.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { emulatorAccount } from '../emulator/azurite.js';
import type { LakeService } from '../service/types.js';

const tenantId = '7e2a4c6e-8a0c-4e2a-9c4e-6a8c0e2a4c6e';
const clientId = 'c0ffee00-0000-4000-8000-0000000000bb';
const subscriptionId = '55555555-5555-4555-8555-555555555555';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);

let world: SignedInWorld;
let azurite: SignedInWorld['azurite'];
let service: LakeService;
/** Everything that crossed to the "renderer": results and events, as JSON. */
const { crossed, value, record } = recordCrossings();

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'tailspin.test',
    tenantName: 'Tailspin',
    clientId,
    subscriptionId,
    subscriptionName: 'Data platform',
    storageAccounts: (blobEndpoint) => [
      {
        name: 'keyonly',
        resourceGroup: 'rg',
        blobEndpoint: `${blobEndpoint}/`,
        permissions: {
          actions: ['Microsoft.Storage/storageAccounts/listKeys/action'],
          dataActions: [],
        },
        keys: [emulatorAccount.key],
      },
      {
        name: 'tailspinlake',
        resourceGroup: 'rg',
        blobEndpoint: `${blobEndpoint}/`,
        isHnsEnabled: false,
      },
      {
        name: 'tailspinadls',
        resourceGroup: 'rg',
        blobEndpoint: `${blobEndpoint}/`,
        isHnsEnabled: true,
      },
    ],
  });
  ({ azurite } = world);
  service = startSignedInService(world, { label: 'discovery-svc', login: 'gina', record });
});

afterAll(async () => {
  await service?.dispose();
  await world?.stop();
});

describe('discovery.list and its connections through the service', () => {
  let gina: EntraAccountSummary;
  let connectionId = '';
  let keyOnlyId = '';
  let adlsId = '';

  it('lists the signed-in account’s tenant, subscription and storage account, with a connection for it', async () => {
    gina = value(
      await service.dispatch('auth.signIn', { flow: 'deviceCode', environment: 'custom' }),
    );
    const tenants = value<DiscoveredTenant[]>(
      await service.dispatch('discovery.list', { accountId: gina.id }),
    );
    expect(tenants).toHaveLength(1);
    const tenant = tenants[0]!;
    if (tenant.status !== 'listed') throw new Error(tenant.message);
    const sub = tenant.subscriptions[0]!;
    expect(sub).toMatchObject({ displayName: 'Data platform', status: 'listed' });
    if (sub.status !== 'listed') throw new Error('not listed');
    expect(sub.storageAccounts).toEqual([
      expect.objectContaining({ name: 'keyonly', hns: false }),
      expect.objectContaining({ name: 'tailspinadls', hns: true }),
      expect.objectContaining({
        name: 'tailspinlake',
        hns: false,
        blobEndpoint: azurite.blobEndpoint,
        connection: expect.objectContaining({
          name: 'tailspinlake',
          kind: 'entra',
          blobEndpoint: azurite.blobEndpoint,
        }),
      }),
    ]);
    connectionId = sub.storageAccounts[2]!.connection!.id;
    adlsId = sub.storageAccounts[1]!.connection!.id;
    keyOnlyId = sub.storageAccounts[0]!.connection!.id;
    // Kept in memory only: not among the saved connections.
    expect(
      value<{ id: string }[]>(await service.dispatch('connections.list', {})).map((c) => c.id),
    ).not.toContain(connectionId);
  });

  it('browses the discovered account with the bearer token: create a container, list it, list its paths', async () => {
    value(await service.dispatch('containers.create', { connectionId, container: 'landing' }));
    const containers = value<ContainerSummary[]>(
      await service.dispatch('containers.list', { connectionId }),
    );
    expect(containers.map((c) => c.name)).toContain('landing');
    const page = value<PathPage>(
      await service.dispatch('paths.list', { connectionId, container: 'landing', directory: '' }),
    );
    expect(page.entries).toEqual([]);
  });

  it('takes each account’s namespace kind from Resource Manager’s isHnsEnabled', async () => {
    for (const [id, namespace] of [
      [adlsId, 'hns'],
      [connectionId, 'flat'],
    ] as const) {
      expect(
        value<AccountDescription>(
          await service.dispatch('accounts.describe', { connectionId: id }),
        ),
      ).toMatchObject({ namespace, detectedBy: 'resourceManager' });
    }
  });

  it('honours the subscription filter saved in the settings', async () => {
    value(await service.dispatch('settings.update', { subscriptionFilter: { [gina.id]: [] } }));
    const tenants = value<DiscoveredTenant[]>(
      await service.dispatch('discovery.list', { accountId: gina.id }),
    );
    const tenant = tenants[0]!;
    expect(tenant.status === 'listed' && tenant.subscriptions.map((s) => s.status)).toEqual([
      'hidden',
    ]);
  });

  it('refuses an account that is not signed in, and never lets a token cross', async () => {
    const r = await service.dispatch('discovery.list', { accountId: 'nobody.nowhere' });
    expect(r).toMatchObject({ ok: false, error: { code: 'AuthFailed' } });
    const all = crossed.join('\n');
    for (const token of world.entra.issued) expect(all).not.toContain(token);
  });

  it('uses the account key instead where the identity may list keys, and says which permission is missing where not', async () => {
    const refused = await service.dispatch('discovery.useAccountKey', { connectionId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PermissionDenied', status: 403 } });
    expect(!refused.ok && refused.error.message).toMatch(
      /You may not list the keys of tailspinlake \(Microsoft\.Storage\/storageAccounts\/listKeys\/action in resource group rg\)/,
    );
    value(await service.dispatch('discovery.useAccountKey', { connectionId: keyOnlyId }));
    // Signed out, the key still opens it; the token-only account asks to sign in again.
    value(await service.dispatch('auth.signOut', { accountId: gina.id }));
    const listed = value<ContainerSummary[]>(
      await service.dispatch('containers.list', { connectionId: keyOnlyId }),
    );
    expect(listed.map((c) => c.name)).toContain('landing');
    const tokenOnly = await service.dispatch('containers.list', { connectionId });
    expect(tokenOnly).toMatchObject({ ok: false, error: { code: 'AuthFailed' } });
    expect(crossed.join('\n')).not.toContain(emulatorAccount.key);
    expect(
      await service.dispatch('discovery.useAccountKey', { connectionId: 'unknown' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NotFound' },
    });
  });
});
