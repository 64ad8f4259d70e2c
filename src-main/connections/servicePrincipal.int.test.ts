import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, ContainerSummary } from '../../shared/contract/index.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { generateClientCertificate } from '../../test/support/entra/clientCertificate.js';
import { startEntraStandIn, type EntraStandIn } from '../../test/support/entra/entraStandIn.js';
import { createTestCipher } from '../../test/support/entra/testCipher.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { startDataRoleFront, type DataRoleFront } from '../../test/support/rbac/dataRoleFront.js';
import { emulatorAccount, startAzurite, type AzuriteInstance } from '../emulator/azurite.js';
import { provisionedId } from '../provisioning/provisionedConnections.js';
import { createService } from '../service/createService.js';
import type { LakeService } from '../service/types.js';

const tenantId = '3a5c7e9b-1d3f-4a5c-8e9b-1d3f5a7c9e0b';
const secretApp = {
  clientId: '5e7c1e00-0000-4000-8000-0000000000a1',
  clientSecret: 'Sp~s3cret.Value_1',
};
const certificate = generateClientCertificate('lakeshore-sp-test');
const certificateApp = '5e7c1e00-0000-4000-8000-0000000000a2';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);

let entra: EntraStandIn;
let azurite: AzuriteInstance;
let front: DataRoleFront;
let service: LakeService;
let dataDir: string;
const { crossed, value, record } = recordCrossings();

beforeAll(async () => {
  entra = await startEntraStandIn({
    tls,
    tenants: [{ id: tenantId, domains: ['woodgrove.test'] }],
    clientId: 'c11e0000-0000-4000-8000-0000000000c1',
    applications: [secretApp, { clientId: certificateApp, certificateJwk: certificate.jwk }],
  });
  azurite = await startAzurite({
    location: 'memory',
    oauth: { certPath: tls.certPath, keyPath: tls.keyPath, caPath: tls.caPath },
  });
  front = await startDataRoleFront({ tls, azuriteBlobEndpoint: azurite.blobEndpoint });
  const blobs = new BlobServiceClient(
    azurite.blobEndpoint,
    new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
  );
  for (const container of ['payroll', 'archive'])
    await blobs.getContainerClient(container).create();
  await blobs
    .getContainerClient('payroll')
    .getBlockBlobClient('2026/12.csv')
    .upload('id,net\n7,100\n', 14);
  front.grant(secretApp.clientId, [{ role: 'contributor', container: 'payroll' }]);
  front.grant(certificateApp, [{ role: 'reader' }]);
  dataDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-sp-'));
  writeFileSync(
    path.join(dataDir, 'connections.toml'),
    `[connections.payroll-sp]
account_url = "${front.blobEndpoint}/payroll"
tenant_id = "${tenantId}"
client_id = "${secretApp.clientId}"
client_secret = "secret://env/PAYROLL_SP_SECRET"
`,
  );
  service = createService({
    dataDir,
    cipher: createTestCipher(),
    mode: 'browser',
    version: 't',
    env: { AZURE_AUTHORITY_HOST: entra.authorityHost, PAYROLL_SP_SECRET: secretApp.clientSecret },
  });
  service.subscribe((_name, payload) => record(payload));
});

afterAll(async () => {
  await service?.dispose();
  await front?.stop();
  await azurite?.stop();
  await entra?.stop();
});

const list = async (id: string) =>
  value<ContainerSummary[]>(await service.dispatch('containers.list', { connectionId: id }));

describe('a service-principal connection (client credentials) through the data-role front', () => {
  it('with a client secret: added for a container URL, listed and read with its app-only token, the secret never crossing back', async () => {
    const added = value<ConnectionSummary>(
      await service.dispatch('connections.add', {
        kind: 'servicePrincipal',
        environment: 'custom',
        tenantId,
        clientId: secretApp.clientId,
        clientSecret: secretApp.clientSecret,
        url: `${front.blobEndpoint}/payroll`,
      }),
    );
    expect(added).toMatchObject({
      kind: 'servicePrincipal',
      name: `devstoreaccount1/payroll (${secretApp.clientId})`,
      scope: { type: 'container', container: 'payroll' },
    });
    expect((await list(added.id)).map((c) => c.name)).toEqual(['payroll']);
    const listing = value<{ entries: { name: string }[] }>(
      await service.dispatch('paths.list', {
        connectionId: added.id,
        container: 'payroll',
        directory: '2026',
      }),
    );
    expect(listing.entries.map((e) => e.name)).toEqual(['12.csv']);
    // Its token is the stand-in's app-only one from the client-credentials grant.
    const appTokens = entra.issued
      .map((t) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()))
      .filter((c: { appid?: string; idtyp?: string }) => c.appid === secretApp.clientId);
    expect(appTokens[0]).toMatchObject({ idtyp: 'app', aud: 'https://storage.azure.com' });
    const listed = value<ConnectionSummary[]>(await service.dispatch('connections.list', {}));
    expect(listed.find((c) => c.id === added.id)?.kind).toBe('servicePrincipal');
    expect(crossed.join('\n')).not.toContain(secretApp.clientSecret);
    // Sealed on disk like the other connection secrets: in no file of the data folder in clear.
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true }))
      if (file.isFile())
        expect(readFileSync(path.join(file.parentPath, file.name), 'utf8')).not.toContain(
          secretApp.clientSecret,
        );
  });

  it('with a certificate (private_key_jwt): the account URL lists what its Reader role sees', async () => {
    const added = value<ConnectionSummary>(
      await service.dispatch('connections.add', {
        kind: 'servicePrincipal',
        environment: 'custom',
        tenantId: 'woodgrove.test',
        clientId: certificateApp,
        certificate: certificate.pem,
        url: front.blobEndpoint,
      }),
    );
    expect(added.scope).toEqual({ type: 'account' });
    expect((await list(added.id)).map((c) => c.name).sort()).toEqual(['archive', 'payroll']);
    expect(crossed.join('\n')).not.toContain('PRIVATE KEY');
  });

  it('a wrong client secret is refused in words naming the application, on the secret field, and nothing is saved', async () => {
    const before = value<ConnectionSummary[]>(await service.dispatch('connections.list', {}));
    const refused = await service.dispatch('connections.add', {
      kind: 'servicePrincipal',
      environment: 'custom',
      tenantId,
      clientId: secretApp.clientId,
      clientSecret: 'not-the-secret',
      url: `${front.blobEndpoint}/payroll`,
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({ code: 'AuthFailed', field: 'clientSecret' });
    expect(refused.error.message).toMatch(
      new RegExp(
        `^Microsoft Entra ID refused the client secret of application ${secretApp.clientId} in tenant ${tenantId} \\(invalid_client: client authentication failed\\): check the tenant, the application \\(client\\) id and the client secret\\. Nothing was saved\\.$`,
      ),
    );
    expect(refused.error.message).not.toContain('not-the-secret');
    expect(value<ConnectionSummary[]>(await service.dispatch('connections.list', {}))).toEqual(
      before,
    );
  });

  it('a service principal without a data role on the container is refused by the service with the role it needs', async () => {
    const refused = await service.dispatch('connections.add', {
      kind: 'servicePrincipal',
      environment: 'custom',
      tenantId,
      clientId: secretApp.clientId,
      clientSecret: secretApp.clientSecret,
      url: `${front.blobEndpoint}/archive`,
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({
      code: 'PermissionDenied',
      status: 403,
      azureCode: 'AuthorizationPermissionMismatch',
    });
  });

  it("connections.toml's client_secret signs in through the same credential, in the custom cloud", async () => {
    expect((await list(provisionedId('payroll-sp'))).map((c) => c.name)).toEqual(['payroll']);
  });
});
