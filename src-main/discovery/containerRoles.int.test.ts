import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, EntraAccountSummary } from '../../shared/contract/index.js';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import { startSignedInWithContainers } from '../../test/support/arm/signedInService.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import type { LakeService } from '../service/types.js';
import { createRoleLookup, type RoleIdentity } from './roleLookup.js';

const tenantId = '4e6a8c0e-2b4d-4e6a-8c0e-2b4d6f8a0c2e';
const upn = 'lena@tailspin.test';
const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);
/** A service principal: Resource Manager's answers here are the same for every identity. */
const app = { clientId: '6f8a0c2e-4b6d-4f8a-9c2e-4b6d8f0a2c4e', clientSecret: 'sp-secret-1a2b3c' };

let world: SignedInWorld;
let service: LakeService;
let account: EntraAccountSummary;
let lakeUrl: string;
const crossings = recordCrossings();
const { value } = crossings;

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'tailspin.test',
    tenantName: 'Tailspin',
    clientId: 'c0ffee00-0000-4000-8000-0000000000ac',
    subscriptionId: 'acacacac-acac-4cac-8cac-acacacacacac',
    subscriptionName: 'Tailspin lake',
    enforceDataRoles: true,
    applications: [app],
    storageAccounts: (blobEndpoint) => {
      lakeUrl = blobEndpoint;
      return [
        {
          // No data role on the account; Storage Blob Data Reader on container c01 only.
          name: 'tslake',
          resourceGroup: 'rg-lake',
          blobEndpoint: `${blobEndpoint}/`,
          permissions: { actions: [], dataActions: [] },
          containerPermissions: { c01: { actions: [], dataActions: [`${blobs}/read`] } },
        },
      ];
    },
  });
  world.dataRoles!.grant(upn, [{ role: 'reader', container: 'c01' }]);
  ({ service, account } = await startSignedInWithContainers(world, {
    label: 'container-roles',
    login: 'lena',
    containers: ['c01', 'c02'],
    crossings,
  }));
});

afterAll(async () => {
  await service?.dispose();
  await world?.stop();
});

const add = async (url: string): Promise<ConnectionSummary> =>
  value<ConnectionSummary>(
    await service.dispatch('connections.add', { kind: 'entra', accountId: account.id, url }),
  );

const statesOf = (c: ConnectionSummary) =>
  Object.fromEntries(Object.entries(c.abilities!.abilities).map(([k, v]) => [k, v.state]));

const scopeCalls = (container: string) =>
  world.arm.requests.filter((r) =>
    r.includes(
      `/storageAccounts/tslake/blobServices/default/containers/${container}/providers/Microsoft.Authorization/permissions`,
    ),
  ).length;

describe("a role given on one container is seen at the container's scope", () => {
  it('a Reader of c01 only may list and read c01, not change it', async () => {
    const c01 = await add(`${lakeUrl}/c01`);
    expect(statesOf(c01)).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'denied',
      delete: 'denied',
      manageAcl: 'denied',
    });
    expect(c01.abilities!.summary).toBe('Microsoft Entra ID: your data roles on container "c01"');
    expect(c01.abilities!.abilities.read.reason).toBe(
      `Your data roles on container "c01" allow ${blobs}/read.`,
    );
    expect(scopeCalls('c01')).toBe(1);
  });
});

describe('the role lookup the app and the command line share', () => {
  const identity = (): RoleIdentity => {
    const credential = new ClientSecretCredential(tenantId, app.clientId, app.clientSecret, {
      authorityHost: world.env.AZURE_AUTHORITY_HOST,
      disableInstanceDiscovery: true,
    });
    return {
      key: app.clientId,
      armEndpoint: world.arm.endpoint,
      homeTenantId: tenantId,
      credentialFor: () => credential,
    };
  };

  it('finds nothing on c02, where no role is given, naming the role that reads', async () => {
    const { abilities } = await createRoleLookup().abilitiesAt(identity(), lakeUrl, 'c02');
    expect(Object.values(abilities).map((a) => a.state)).toEqual(Array(5).fill('denied'));
    expect(abilities.read.reason).toBe(
      `Your data roles on container "c02" do not allow ${blobs}/read (Storage Blob Data Reader has it).`,
    );
    expect(scopeCalls('c02')).toBe(1);
  });

  it('on the account (no container) finds no role, and says one on a container may still', async () => {
    const { abilities } = await createRoleLookup().abilitiesAt(identity(), lakeUrl);
    expect(Object.values(abilities).map((a) => a.state)).toEqual(Array(5).fill('denied'));
    expect(abilities.read.reason).toBe(
      `Your data roles on the account do not allow ${blobs}/read (Storage Blob Data Reader has it); a role on the container may still.`,
    );
  });

  it('asks each scope once per lookup while its answer is fresh', async () => {
    const roles = createRoleLookup();
    const before = scopeCalls('c01');
    const first = await roles.abilitiesAt(identity(), lakeUrl, 'c01');
    const again = await roles.abilitiesAt(identity(), lakeUrl, 'c01');
    expect(first.abilities.read.state).toBe('allowed');
    expect(again).toEqual(first);
    expect(scopeCalls('c01') - before).toBe(1);
  });
});
