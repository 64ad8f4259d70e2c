import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountDescription,
  ConnectionSummary,
  ContainerSummary,
  DelegationSas,
  DiscoveredTenant,
  EntraAccountSummary,
  PathPage,
} from '../../shared/contract/index.js';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import { startSignedInService } from '../../test/support/arm/signedInService.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { emulatorAccount } from '../emulator/azurite.js';
import type { LakeService } from '../service/types.js';

const tenantId = '0a2c4e6a-8c0e-4a2c-9e6a-8c0e2a4c6e8a';
const clientId = 'c0ffee00-0000-4000-8000-0000000000cc';
const subscriptionId = '77777777-7777-4777-8777-777777777777';
const upn = 'hana@fabrikam.test';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);

let world: SignedInWorld;
let service: LakeService;
const { crossed, value, record } = recordCrossings();

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'fabrikam.test',
    tenantName: 'Fabrikam',
    clientId,
    subscriptionId,
    subscriptionName: 'Fabrikam data',
    enforceDataRoles: true,
    storageAccounts: (blobEndpoint) => [
      {
        name: 'fabrikamlake',
        resourceGroup: 'rg-data',
        blobEndpoint: `${blobEndpoint}/`,
        // Azurite has no DFS endpoint: a flat account, as Resource Manager says.
        isHnsEnabled: false,
        permissions: {
          actions: ['Microsoft.Storage/storageAccounts/listKeys/action'],
          dataActions: [],
        },
        keys: [emulatorAccount.key],
      },
      {
        name: 'fabrikamview',
        resourceGroup: 'rg-data',
        blobEndpoint: `${blobEndpoint}/`,
        permissions: { actions: ['Microsoft.Storage/storageAccounts/read'], dataActions: [] },
      },
      {
        // The same Azurite as an HNS account: the front honours directory SAS (sr=d) on it.
        name: 'fabrikamadls',
        resourceGroup: 'rg-data',
        blobEndpoint: `${blobEndpoint}/`,
        isHnsEnabled: true,
        permissions: { actions: ['Microsoft.Storage/storageAccounts/read'], dataActions: [] },
      },
    ],
  });
  service = startSignedInService(world, { label: 'data-roles', login: 'hana', record });
});

afterAll(async () => {
  await service?.dispose();
  await world?.stop();
});

describe('RBAC data roles on a discovered account', () => {
  let connectionId = '';
  let viewOnlyId = '';
  let hnsId = '';

  it('takes the namespace kind from Resource Manager (isHnsEnabled), not from the data plane', async () => {
    const hana = value<EntraAccountSummary>(
      await service.dispatch('auth.signIn', { flow: 'deviceCode', environment: 'custom' }),
    );
    expect(hana.username).toBe(upn);
    const [tenant] = value<DiscoveredTenant[]>(
      await service.dispatch('discovery.list', { accountId: hana.id }),
    );
    if (tenant?.status !== 'listed') throw new Error('tenant not listed');
    const sub = tenant.subscriptions[0];
    if (sub?.status !== 'listed') throw new Error('subscription not listed');
    const idOf = (name: string) => sub.storageAccounts.find((a) => a.name === name)!.connection!.id;
    connectionId = idOf('fabrikamlake');
    viewOnlyId = idOf('fabrikamview');
    hnsId = idOf('fabrikamadls');
    // Without a data role, Get Account Information would be refused: no request is needed.
    expect(
      value<AccountDescription>(await service.dispatch('accounts.describe', { connectionId })),
    ).toMatchObject({ namespace: 'flat', detectedBy: 'resourceManager' });
  });

  it('names the data role and the scope a refused request needed', async () => {
    const listing = await service.dispatch('containers.list', { connectionId });
    expect(listing).toMatchObject({
      ok: false,
      error: {
        code: 'PermissionDenied',
        status: 403,
        azureCode: 'AuthorizationPermissionMismatch',
      },
    });
    expect(!listing.ok && listing.error.message).toMatch(
      /^You are signed in, but your identity may not read on account devstoreaccount1: ask for the Storage Blob Data Reader role on the account \(Storage Blob Data Contributor and Storage Blob Data Owner also allow it\)\./,
    );

    world.dataRoles!.grant(upn, [{ role: 'contributor' }]);
    value(await service.dispatch('containers.create', { connectionId, container: 'raw' }));
    world.dataRoles!.grant(upn, [{ role: 'reader', container: 'raw' }]);
    const page = value<PathPage>(
      await service.dispatch('paths.list', { connectionId, container: 'raw', directory: '' }),
    );
    expect(page.entries).toEqual([]);

    const mkdir = await service.dispatch('paths.createDirectory', {
      connectionId,
      container: 'raw',
      path: 'incoming',
    });
    expect(mkdir).toMatchObject({ ok: false, error: { code: 'PermissionDenied' } });
    expect(!mkdir.ok && mkdir.error.message).toMatch(
      /may not write in container "raw" of account devstoreaccount1: ask for the Storage Blob Data Contributor role on the container \(or on the account, which covers every container; Storage Blob Data Owner also allows it\)/,
    );
  });

  it('goes on with the account key once the user chooses "Use account key instead"', async () => {
    world.dataRoles!.grant(upn, []);
    // Offered only where Resource Manager's permissions allow listKeys.
    expect(value(await service.dispatch('discovery.canUseAccountKey', { connectionId }))).toBe(
      true,
    );
    expect(
      value(await service.dispatch('discovery.canUseAccountKey', { connectionId: viewOnlyId })),
    ).toBe(false);
    expect(
      value(await service.dispatch('discovery.canUseAccountKey', { connectionId: 'saved1' })),
    ).toBe(false);
    value(await service.dispatch('discovery.useAccountKey', { connectionId }));
    // Already signing with the key: nothing more to offer.
    expect(value(await service.dispatch('discovery.canUseAccountKey', { connectionId }))).toBe(
      false,
    );
    const containers = value<ContainerSummary[]>(
      await service.dispatch('containers.list', { connectionId }),
    );
    expect(containers.map((c) => c.name)).toContain('raw');
    expect(crossed.join('\n')).not.toContain(emulatorAccount.key);
    for (const token of world.entra.issued) expect(crossed.join('\n')).not.toContain(token);
  });

  it('attaches a folder by URL for an identity with only ADLS ACLs on it, and browses from there', async () => {
    const seed = new BlobServiceClient(
      world.azurite.blobEndpoint,
      new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
    ).getContainerClient('raw');
    await seed.getBlockBlobClient('shared/q1/a.csv').upload('x,y\n', 4);
    await seed.getBlockBlobClient('private/b.csv').upload('secret\n', 7);
    world.dataRoles!.grant(upn, [{ role: 'reader', container: 'raw', directory: 'shared/q1' }]);
    const [hana] = value<EntraAccountSummary[]>(await service.dispatch('auth.accounts', {}));
    const front = world.dataRoles!.blobEndpoint;
    // The container itself cannot be listed with these ACLs.
    const wholeContainer = await service.dispatch('connections.add', {
      kind: 'entra',
      accountId: hana!.id,
      url: `${front}/raw`,
    });
    expect(wholeContainer).toMatchObject({ ok: false, error: { code: 'PermissionDenied' } });
    const folder = value<ConnectionSummary>(
      await service.dispatch('connections.add', {
        kind: 'entra',
        accountId: hana!.id,
        url: `${front}/raw/shared/q1/`,
      }),
    );
    expect(folder).toMatchObject({
      name: `devstoreaccount1/raw/shared/q1 (${upn})`,
      scope: { type: 'container', container: 'raw', directory: 'shared/q1' },
    });
    const page = value<PathPage>(
      await service.dispatch('paths.list', {
        connectionId: folder.id,
        container: 'raw',
        directory: 'shared/q1',
      }),
    );
    expect(page.entries).toMatchObject([{ kind: 'file', name: 'a.csv', size: 4 }]);
    // Outside the folder the ACLs give nothing.
    const outside = await service.dispatch('paths.list', {
      connectionId: folder.id,
      container: 'raw',
      directory: 'private',
    });
    expect(outside).toMatchObject({ ok: false, error: { code: 'PermissionDenied' } });
  });

  it('copies a folder URL with a user delegation directory SAS on an HNS account, read-only by default', async () => {
    world.dataRoles!.grant(upn, [{ role: 'reader' }]);
    const seed = new BlobServiceClient(
      world.azurite.blobEndpoint,
      new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
    ).getContainerClient('raw');
    await seed.getBlockBlobClient('reports/2026/jan.csv').upload('m,v\n1,2\n', 8);
    await seed.getBlockBlobClient('reports/2026/deep/feb.csv').upload('m\n', 2);
    await seed.getBlockBlobClient('reports/2025/dec.csv').upload('old\n', 4);
    const shared = value<DelegationSas>(
      await service.dispatch('paths.delegationSas', {
        connectionId: hnsId,
        container: 'raw',
        path: 'reports/2026',
        kind: 'folder',
        lifetime: '1d',
      }),
    );
    const folderUrl = new URL(shared.url);
    expect(folderUrl.pathname).toBe('/devstoreaccount1/raw/reports/2026');
    expect(shared.permissions).toBe('rl');
    expect(Object.fromEntries(folderUrl.searchParams)).toMatchObject({
      sr: 'd',
      sdd: '2',
      sp: 'rl',
      spr: 'https',
    });
    const sas = folderUrl.search;
    const front = world.dataRoles!.blobEndpoint;
    // With the URL and no credential: every file below the folder reads, the folder lists…
    const read = await fetch(`${front}/raw/reports/2026/deep/feb.csv${sas}`);
    expect([read.status, await read.text()]).toEqual([200, 'm\n']);
    const listed = await fetch(
      `${front}/raw${sas}&restype=container&comp=list&prefix=reports/2026/`,
    );
    const names = [...(await listed.text()).matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1]);
    expect([listed.status, names]).toEqual([
      200,
      ['reports/2026/deep/feb.csv', 'reports/2026/jan.csv'],
    ]);
    // …but nothing beside it, and nothing is written.
    const beside = await fetch(`${front}/raw/reports/2025/dec.csv${sas}`);
    expect([beside.status, beside.headers.get('x-ms-error-code')]).toEqual([
      403,
      'AuthenticationFailed',
    ]);
    await beside.arrayBuffer();
    const put = (url: string) =>
      fetch(url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'new' });
    const refused = await put(`${front}/raw/reports/2026/new.csv${sas}`);
    expect([refused.status, refused.headers.get('x-ms-error-code')]).toEqual([
      403,
      'AuthorizationPermissionMismatch',
    ]);
    await refused.arrayBuffer();

    const writable = value<DelegationSas>(
      await service.dispatch('paths.delegationSas', {
        connectionId: hnsId,
        container: 'raw',
        path: 'reports/2026',
        kind: 'folder',
        lifetime: '1h',
        write: true,
      }),
    );
    expect(writable.permissions).toBe('racwl');
    const written = await put(`${front}/raw/reports/2026/new.csv${new URL(writable.url).search}`);
    expect(written.status).toBe(201);
    expect((await seed.getBlobClient('reports/2026/new.csv').downloadToBuffer()).toString()).toBe(
      'new',
    );

    // A flat account has no directory SAS: refused in words, before any key is asked for.
    const flat = await service.dispatch('paths.delegationSas', {
      connectionId: viewOnlyId,
      container: 'raw',
      path: 'reports/2026',
      kind: 'folder',
      lifetime: '1h',
    });
    expect(flat).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(!flat.ok && flat.error.message).toMatch(
      /only on accounts with a hierarchical namespace/,
    );
    for (const token of world.entra.issued) expect(crossed.join('\n')).not.toContain(token);
  });

  it('names Storage Blob Data Owner when a Contributor changes an ACL on an HNS account', async () => {
    world.dataRoles!.grant(upn, [{ role: 'contributor' }]);
    const changed = await service.dispatch('paths.setAccessControl', {
      connectionId: hnsId,
      container: 'raw',
      path: 'reports/2026',
      acl: 'user::rwx,group::r-x,other::---',
    });
    expect(changed).toMatchObject({
      ok: false,
      error: {
        code: 'PermissionDenied',
        status: 403,
        azureCode: 'AuthorizationPermissionMismatch',
      },
    });
    expect(!changed.ok && changed.error.message).toMatch(
      /^You are signed in, but your identity may not change access control in container "raw" of account devstoreaccount1: ask for the Storage Blob Data Owner role on the container \(or on the account, which covers every container\)\./,
    );
  });
});
