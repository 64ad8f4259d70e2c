import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmStandIn, type ArmStandIn } from '../../test/support/arm/armStandIn.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { vaultTestCredential } from '../../test/support/keyVault/vaultTestCredential.js';
import { dataPermissionsAt, dataRoleAbilities } from './dataRoleAbilities.js';

const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const subscriptionId = '55555555-5555-4555-8555-555555555555';
const accountId = (name: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/rg-lake/providers/Microsoft.Storage/storageAccounts/${name}`;
let arm: ArmStandIn;

beforeAll(async () => {
  const account = (name: string, dataActions: string[]) => ({
    name,
    resourceGroup: 'rg-lake',
    blobEndpoint: `https://${name}.blob.core.windows.net/`,
    permissions: { actions: [], dataActions },
  });
  arm = await startArmStandIn({
    tls: readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!),
    tenants: [{ tenantId: 'kv-tenant', displayName: 'Lake', defaultDomain: 'lake.test' }],
    subscriptions: [
      {
        subscriptionId,
        tenantId: 'kv-tenant',
        displayName: 'Lake data',
        storageAccounts: [
          account('lakereader', [`${blobs}/read`]),
          account('lakecontrib', [`${blobs}/*`]),
          account('lakenone', []),
        ],
      },
    ],
  });
});
afterAll(() => arm.stop());

/** The ability states of the account `name` as its Resource Manager permissions give them. */
const statesOf = async (name: string, hierarchical = false) => {
  const permissions = await dataPermissionsAt(vaultTestCredential(), accountId(name), arm.endpoint);
  const abilities = dataRoleAbilities(permissions, hierarchical);
  return {
    abilities,
    states: Object.fromEntries(Object.entries(abilities.abilities).map(([k, v]) => [k, v.state])),
  };
};

describe("a signed-in identity's data roles from Resource Manager", () => {
  it('a Reader may list and read, not write or delete, naming the role that would', async () => {
    const { states, abilities } = await statesOf('lakereader');
    expect(states).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'denied',
      delete: 'denied',
      manageAcl: 'denied',
    });
    expect(abilities.abilities.delete.reason).toBe(
      `Your data roles on the account do not allow ${blobs}/delete (Storage Blob Data Contributor has it); a role on the container may still.`,
    );
    expect(arm.requests.some((r) => r.includes('Microsoft.Authorization/permissions'))).toBe(true);
  });

  it('blobs/* (a Contributor) covers every change but ACLs, which need an Owner', async () => {
    const { states, abilities } = await statesOf('lakecontrib');
    expect(states).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'allowed',
      delete: 'allowed',
      // modifyPermissions/action is under blobs/*: the wildcard covers it, as Azure's does.
      manageAcl: 'allowed',
    });
    expect(abilities.summary).toBe('Microsoft Entra ID: your data roles on the account');
  });

  it('no data role: nothing on a flat account, unknown on HNS where ACLs decide', async () => {
    expect((await statesOf('lakenone')).states).toEqual({
      list: 'denied',
      read: 'denied',
      write: 'denied',
      delete: 'denied',
      manageAcl: 'denied',
    });
    const hns = await statesOf('lakenone', true);
    expect(Object.values(hns.states)).toEqual(Array(5).fill('unknown'));
    expect(hns.abilities.abilities.read.reason).toContain('an ACL or a role on the container');
  });

  it('notDataActions take away what dataActions give', () => {
    const abilities = dataRoleAbilities(
      [{ dataActions: [`${blobs}/*`], notDataActions: [`${blobs}/delete`] }],
      false,
    );
    expect(abilities.abilities.write.state).toBe('allowed');
    expect(abilities.abilities.delete.state).toBe('denied');
  });

  it('an account Resource Manager does not know rejects with its status', async () => {
    const failure = await dataPermissionsAt(
      vaultTestCredential(),
      accountId('lakegone'),
      arm.endpoint,
    ).catch((e: unknown) => e as { statusCode?: number });
    expect((failure as { statusCode?: number }).statusCode).toBe(404);
  });
});
