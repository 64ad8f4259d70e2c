import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, EntraAccountSummary } from '../../shared/contract/index.js';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import {
  startSignedInService,
  startSignedInWithContainers,
} from '../../test/support/arm/signedInService.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import type { LakeService } from '../service/types.js';
import { rolesWaitMs } from './roleLookup.js';

const tenantId = '2c4e6a8b-0d2f-4c4e-9a8b-0d2f4c6e8a0b';
const upn = 'omar@fabrikam.test';
const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);

let world: SignedInWorld;
let service: LakeService;
let account: EntraAccountSummary;
/** The data-role front as Resource Manager lists the Reader's account (127.0.0.1) and the Contributor's (localhost). */
let readerUrl: string;
let contributorUrl: string;
const crossings = recordCrossings();
const { value, record } = crossings;

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'fabrikam.test',
    tenantName: 'Fabrikam',
    clientId: 'c0ffee00-0000-4000-8000-0000000000ee',
    subscriptionId: '99999999-9999-4999-8999-999999999999',
    subscriptionName: 'Fabrikam lake',
    enforceDataRoles: true,
    storageAccounts: (blobEndpoint) => {
      readerUrl = blobEndpoint;
      contributorUrl = blobEndpoint.replace('//127.0.0.1:', '//localhost:');
      return [
        {
          name: 'fbreader',
          resourceGroup: 'rg-lake',
          blobEndpoint: `${readerUrl}/`,
          permissions: { actions: [], dataActions: [`${blobs}/read`] },
        },
        {
          name: 'fbcontrib',
          resourceGroup: 'rg-lake',
          blobEndpoint: `${contributorUrl}/`,
          permissions: {
            actions: [],
            dataActions: [`${blobs}/read`, `${blobs}/write`, `${blobs}/delete`],
          },
        },
      ];
    },
  });
  world.dataRoles!.grant(upn, [{ role: 'reader' }]);
  ({ service, account } = await startSignedInWithContainers(world, {
    label: 'url-abilities',
    login: 'omar',
    containers: ['landing'],
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

const listed = async (id: string): Promise<ConnectionSummary> =>
  value<ConnectionSummary[]>(await service.dispatch('connections.list', {})).find(
    (c) => c.id === id,
  )!;

const permissionCalls = (name: string) =>
  world.arm.requests.filter(
    (r) =>
      r.includes(`/storageAccounts/${name}/`) && r.includes('Microsoft.Authorization/permissions'),
  ).length;

describe("a connection added by URL gets the data roles of Resource Manager's matching account", () => {
  it("a Reader's container URL: list and read only, the write refused with the role that has it", async () => {
    const reader = await add(`${readerUrl}/landing`);
    expect(statesOf(reader)).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'denied',
      delete: 'denied',
      manageAcl: 'denied',
    });
    // The account's roles leave write open, so the container's scope is asked too (it inherits them).
    expect(reader.abilities!.abilities.write.reason).toBe(
      `Your data roles on container "landing" do not allow ${blobs}/write (Storage Blob Data Contributor has it).`,
    );
    expect(statesOf(await listed(reader.id))).toEqual(statesOf(reader));
    expect(permissionCalls('fbreader')).toBe(2);
    expect(permissionCalls('fbcontrib')).toBe(0);
  });

  it("a Contributor's account URL: read, write and delete, not ACLs", async () => {
    const contributor = await add(contributorUrl);
    expect(statesOf(contributor)).toEqual({
      list: 'allowed',
      read: 'allowed',
      write: 'allowed',
      delete: 'allowed',
      manageAcl: 'denied',
    });
    expect(permissionCalls('fbcontrib')).toBe(1);
  });

  it("asks Resource Manager again only after the TTL, and shares the answer with discovery's", async () => {
    const listings = () => world.arm.requests.filter((r) => /storageAccounts(\?|$)/.test(r)).length;
    const before = listings();
    await service.dispatch('connections.list', {});
    value(await service.dispatch('discovery.list', { accountId: account.id }));
    expect(permissionCalls('fbreader')).toBe(2);
    expect(permissionCalls('fbcontrib')).toBe(1);
    // discovery.list lists the accounts itself (the user's filter applies); connections.list did not ask again.
    expect(listings() - before).toBe(1);
  });

  it('an account Resource Manager does not list: unknown, the reason in each ability', async () => {
    const direct = await add(`${world.azurite.blobEndpoint}/landing`);
    expect(Object.values(statesOf(direct))).toEqual(Array(5).fill('unknown'));
    expect(direct.abilities!.abilities.write.reason).toBe(
      `Decided by your Azure data roles (RBAC) or ACLs; Lakeshore could not learn them: Resource Manager lists no storage account at ${world.azurite.blobEndpoint} that you can read.`,
    );
  });
});

describe('a Resource Manager that does not answer', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let late: LakeService;

  beforeAll(async () => {
    // Accepts connections and never answers (not even the TLS handshake).
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    late = startSignedInService(
      { ...world, env: { ...world.env, LAKESHORE_ARM_ENDPOINT: `https://127.0.0.1:${port}` } },
      { label: 'url-abilities-late', login: 'omar', record },
    );
    value(await late.dispatch('auth.signIn', { flow: 'deviceCode', environment: 'custom' }));
  });

  afterAll(async () => {
    await late?.dispose();
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('holds the connection back at most rolesWaitMs, then says so in each unknown ability', async () => {
    const [signedIn] = value<EntraAccountSummary[]>(await late.dispatch('auth.accounts', {}));
    const started = Date.now();
    const added = value<ConnectionSummary>(
      await late.dispatch('connections.add', {
        kind: 'entra',
        accountId: signedIn!.id,
        url: `${readerUrl}/landing`,
      }),
    );
    expect(Date.now() - started).toBeLessThan(rolesWaitMs + 2_000);
    expect(Object.values(statesOf(added))).toEqual(Array(5).fill('unknown'));
    expect(added.abilities!.abilities.read.reason).toBe(
      "Decided by your Azure data roles (RBAC) or ACLs; Lakeshore could not learn them: Resource Manager did not answer within 3 s; the connections' next listing shows its answer.",
    );
    // Listed again while Resource Manager is still silent: no second wait.
    const again = Date.now();
    const listed = value<ConnectionSummary[]>(await late.dispatch('connections.list', {}));
    expect(Date.now() - again).toBeLessThan(1_000);
    expect(listed.find((c) => c.id === added.id)!.abilities!.abilities.read.state).toBe('unknown');
  });
});
