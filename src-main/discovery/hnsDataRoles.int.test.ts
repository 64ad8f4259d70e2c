import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccessControl,
  DiscoveredTenant,
  EntraAccountSummary,
  PathPage,
} from '../../shared/contract/index.js';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import { startSignedInService } from '../../test/support/arm/signedInService.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import type { LakeService } from '../service/types.js';

const tenantId = '4c6e8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c';
const clientId = 'c0ffee00-0000-4000-8000-0000000000dd';
const upn = 'ines@fabrikam.test';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);

let world: SignedInWorld;
let service: LakeService;
let hnsId = '';
const { value, record } = recordCrossings();

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'fabrikam.test',
    tenantName: 'Fabrikam',
    clientId,
    subscriptionId: '99999999-9999-4999-8999-999999999999',
    subscriptionName: 'Fabrikam lake',
    enforceDataRoles: true,
    hierarchicalNamespace: true,
    storageAccounts: (blobEndpoint) => [
      {
        name: 'fabrikamdfs',
        resourceGroup: 'rg-data',
        blobEndpoint: `${blobEndpoint}/`,
        isHnsEnabled: true,
        permissions: { actions: ['Microsoft.Storage/storageAccounts/read'], dataActions: [] },
      },
    ],
  });
  service = startSignedInService(world, { label: 'hns-data-roles', login: 'ines', record });
  const ines = value<EntraAccountSummary>(
    await service.dispatch('auth.signIn', { flow: 'deviceCode', environment: 'custom' }),
  );
  expect(ines.username).toBe(upn);
  const [tenant] = value<DiscoveredTenant[]>(
    await service.dispatch('discovery.list', { accountId: ines.id }),
  );
  if (tenant?.status !== 'listed') throw new Error('tenant not listed');
  const sub = tenant.subscriptions[0];
  if (sub?.status !== 'listed') throw new Error('subscription not listed');
  hnsId = sub.storageAccounts[0]!.connection!.id;
});

afterAll(async () => {
  await service?.dispose();
  await world?.stop();
});

/** A JWT with `claims` and no signature, as Azurite's --oauth basic reads tokens. */
const unsignedToken = (claims: Record<string, unknown>): string =>
  ['{"alg":"none","typ":"JWT"}', JSON.stringify(claims)]
    .map((part) => Buffer.from(part).toString('base64url'))
    .concat('')
    .join('.');

describe('RBAC data roles on an HNS account through the DFS server', () => {
  it('a Contributor creates and lists folders with Data Lake calls, but an ACL change names Storage Blob Data Owner', async () => {
    world.dataRoles!.grant(upn, [{ role: 'contributor' }]);
    value(await service.dispatch('containers.create', { connectionId: hnsId, container: 'raw' }));
    value(
      await service.dispatch('paths.createDirectory', {
        connectionId: hnsId,
        container: 'raw',
        path: 'reports/2026',
      }),
    );
    const page = value<PathPage>(
      await service.dispatch('paths.list', {
        connectionId: hnsId,
        container: 'raw',
        directory: 'reports',
      }),
    );
    expect(page.entries.map((e) => [e.name, e.kind])).toEqual([['2026', 'directory']]);
    const before = value<AccessControl>(
      await service.dispatch('paths.getAccessControl', {
        connectionId: hnsId,
        container: 'raw',
        path: 'reports/2026',
      }),
    );

    const changed = await service.dispatch('paths.setAccessControl', {
      connectionId: hnsId,
      container: 'raw',
      path: 'reports/2026',
      acl: 'user::rwx,group::---,other::---',
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
    const after = value<AccessControl>(
      await service.dispatch('paths.getAccessControl', {
        connectionId: hnsId,
        container: 'raw',
        path: 'reports/2026',
      }),
    );
    expect(after).toEqual(before);
  });

  it('an Owner changes the ACL, and the DFS server keeps it', async () => {
    world.dataRoles!.grant(upn, [{ role: 'owner', container: 'raw' }]);
    value(
      await service.dispatch('paths.setAccessControl', {
        connectionId: hnsId,
        container: 'raw',
        path: 'reports/2026',
        acl: 'user::rwx,group::---,other::---',
      }),
    );
    const read = value<AccessControl>(
      await service.dispatch('paths.getAccessControl', {
        connectionId: hnsId,
        container: 'raw',
        path: 'reports/2026',
      }),
    );
    expect(read.permissions).toBe('rwx------');
  });

  it('the DFS server refuses a token for another audience with 403 AuthenticationFailed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: `https://sts.windows.net/${tenantId}/`,
      nbf: now - 60,
      iat: now - 60,
      exp: now + 600,
    };
    const ask = (aud: string) =>
      fetch(`${world.dfs!.url}/raw/reports?resource=directory`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${unsignedToken({ ...claims, aud })}`,
          'x-ms-version': '2025-01-05',
        },
      });
    const wrong = await ask('https://management.azure.com');
    expect([wrong.status, wrong.headers.get('x-ms-error-code')]).toEqual([
      403,
      'AuthenticationFailed',
    ]);
    const right = await ask('https://storage.azure.com');
    expect(right.status).toBe(201);
  });
});
