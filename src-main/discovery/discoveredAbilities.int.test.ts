import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConnectionSummary,
  DiscoveredTenant,
  EntraAccountSummary,
} from '../../shared/contract/index.js';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import { startSignedInWithContainers } from '../../test/support/arm/signedInService.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { emulatorAccount } from '../emulator/azurite.js';
import type { LakeService } from '../service/types.js';
import { listKeysAction } from './keyPermission.js';

const tenantId = '1b3d5f7a-9c1e-4b3d-8f7a-9c1e3b5d7f9a';
const upn = 'ines@northwind.test';
const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);

let world: SignedInWorld;
let service: LakeService;
let account: EntraAccountSummary;
const crossings = recordCrossings();
const { crossed, value } = crossings;

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'northwind.test',
    tenantName: 'Northwind',
    clientId: 'c0ffee00-0000-4000-8000-0000000000dd',
    subscriptionId: '88888888-8888-4888-8888-888888888888',
    subscriptionName: 'Northwind lake',
    enforceDataRoles: true,
    storageAccounts: (blobEndpoint) => [
      // What Resource Manager answers for each: the data actions of the identity's roles there.
      {
        name: 'nwreader',
        resourceGroup: 'rg-lake',
        blobEndpoint: `${blobEndpoint}/`,
        permissions: { actions: [], dataActions: [`${blobs}/read`] },
      },
      {
        name: 'nwcontrib',
        resourceGroup: 'rg-lake',
        blobEndpoint: `${blobEndpoint}/`,
        permissions: {
          actions: [],
          dataActions: [
            `${blobs}/read`,
            `${blobs}/write`,
            `${blobs}/delete`,
            `${blobs}/add/action`,
          ],
        },
      },
      {
        name: 'nwkeys',
        resourceGroup: 'rg-lake',
        blobEndpoint: `${blobEndpoint}/`,
        permissions: { actions: [listKeysAction], dataActions: [] },
        keys: [emulatorAccount.key],
      },
    ],
  });
  // The data-role front enforces what Resource Manager says of nwreader: Storage Blob Data Reader.
  world.dataRoles!.grant(upn, [{ role: 'reader' }]);
  ({ service, account } = await startSignedInWithContainers(world, {
    label: 'discovered-abilities',
    login: 'ines',
    containers: ['landing'],
    crossings,
  }));
});

afterAll(async () => {
  await service?.dispose();
  await world?.stop();
});

/** The discovered accounts' connections by account name, as `discovery.list` hands them to the window. */
const discovered = async (): Promise<Record<string, ConnectionSummary>> => {
  const [tenant] = value<DiscoveredTenant[]>(
    await service.dispatch('discovery.list', { accountId: account.id }),
  );
  if (tenant?.status !== 'listed') throw new Error('tenant not listed');
  const sub = tenant.subscriptions[0];
  if (sub?.status !== 'listed') throw new Error('subscription not listed');
  return Object.fromEntries(sub.storageAccounts.map((a) => [a.name, a.connection!]));
};

const statesOf = (c: ConnectionSummary) =>
  Object.fromEntries(Object.entries(c.abilities!.abilities).map(([k, v]) => [k, v.state]));

const permissionCalls = () =>
  world.arm.requests.filter((r) => r.includes('Microsoft.Authorization/permissions')).length;

describe("a discovered account's abilities from its data roles", () => {
  it('come with each connection discovery hands out, one permissions call per account', async () => {
    const before = permissionCalls();
    const found = await discovered();
    expect(permissionCalls() - before).toBe(3);
    expect(statesOf(found.nwreader!)).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'denied',
      delete: 'denied',
      manageAcl: 'denied',
    });
    expect(found.nwreader!.abilities!.abilities.write.reason).toBe(
      `Your data roles on the account do not allow ${blobs}/write (Storage Blob Data Contributor has it); a role on the container may still.`,
    );
    expect(statesOf(found.nwcontrib!)).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'allowed',
      delete: 'allowed',
      manageAcl: 'denied',
    });
    expect(Object.values(statesOf(found.nwkeys!))).toEqual(Array(5).fill('denied'));
  });

  it('say beforehand what the service then does: a Reader lists, and its write is refused', async () => {
    const { nwreader } = await discovered();
    const connectionId = nwreader!.id;
    const containers = value<{ name: string }[]>(
      await service.dispatch('containers.list', { connectionId }),
    );
    expect(containers.map((c) => c.name)).toContain('landing');
    const mkdir = await service.dispatch('paths.createDirectory', {
      connectionId,
      container: 'landing',
      path: 'incoming',
    });
    expect(mkdir).toMatchObject({ ok: false, error: { code: 'PermissionDenied', status: 403 } });
  });

  it('are asked of Resource Manager again only after the TTL, also by the key offer', async () => {
    const before = permissionCalls();
    const { nwkeys } = await discovered();
    expect(
      value(await service.dispatch('discovery.canUseAccountKey', { connectionId: nwkeys!.id })),
    ).toBe(true);
    expect(permissionCalls()).toBe(before);
  });

  it("are the key's (everything) once the connection signs with the account key", async () => {
    const { nwkeys } = await discovered();
    value(await service.dispatch('discovery.useAccountKey', { connectionId: nwkeys!.id }));
    const after = await discovered();
    expect(Object.values(statesOf(after.nwkeys!))).toEqual(Array(5).fill('allowed'));
    expect(after.nwkeys!.abilities!.summary).toBe(
      "The account's key (from Resource Manager): everything",
    );
    expect(statesOf(after.nwreader!).write).toBe('denied');
    value(
      await service.dispatch('paths.createDirectory', {
        connectionId: nwkeys!.id,
        container: 'landing',
        path: 'by-key',
      }),
    );
    expect(crossed.join('\n')).not.toContain(emulatorAccount.key);
    for (const token of world.entra.issued) expect(crossed.join('\n')).not.toContain(token);
  });
});
