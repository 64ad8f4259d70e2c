import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, ContainerSummary } from '../../shared/contract/index.js';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import { runCliCollecting } from '../../test/support/cliRun.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { emulatorAccount } from '../emulator/azurite.js';
import { createService } from '../service/createService.js';
import type { LakeService } from '../service/types.js';

const tenantId = '4b6d8f0a-2c4e-4b6d-8f0a-2c4e6b8d0f2a';
const app = { clientId: '5e7c1e00-0000-4000-8000-0000000000d1', clientSecret: 'Dc~s3cret.Env_4' };
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);
/** The variables DefaultAzureCredential reads (from this process's environment) that the tests set. */
const chainVariables = [
  'AZURE_AUTHORITY_HOST',
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
] as const;
const before = Object.fromEntries(chainVariables.map((n) => [n, process.env[n]]));

let world: SignedInWorld;
let service: LakeService;
let dataDir: string;
const { crossed, value, record } = recordCrossings();

/** Sets DefaultAzureCredential's environment credential to the stand-in's application (`secret` its secret), or clears it. */
const environmentCredential = (secret: string | undefined) => {
  for (const name of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'])
    delete process.env[name];
  if (secret === undefined) return;
  Object.assign(process.env, {
    AZURE_TENANT_ID: tenantId,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: secret,
  });
};

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'tailspin.test',
    tenantName: 'Tailspin',
    clientId: 'c0ffee00-0000-4000-8000-0000000000d2',
    subscriptionId: 'dcdcdcdc-dcdc-4cdc-8cdc-dcdcdcdcdcdc',
    subscriptionName: 'Tailspin lake',
    enforceDataRoles: true,
    applications: [app],
    storageAccounts: () => [],
  });
  world.dataRoles!.grant(app.clientId, [{ role: 'reader', container: 'ledger' }]);
  const blobs = new BlobServiceClient(
    world.azurite.blobEndpoint,
    new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
  );
  for (const container of ['ledger', 'archive']) await blobs.getContainerClient(container).create();
  await blobs
    .getContainerClient('ledger')
    .getBlockBlobClient('2026/q4.csv')
    .upload('account,amount\n4000,12\n', 23);
  process.env.AZURE_AUTHORITY_HOST = world.env.AZURE_AUTHORITY_HOST;
  dataDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-dc-'));
  service = createService({
    dataDir,
    cipher: plainFileCipher,
    mode: 'browser',
    version: 't',
    env: world.env,
  });
  service.subscribe((_name, payload) => record(payload));
});

afterEach(() => environmentCredential(undefined));

afterAll(async () => {
  await service?.dispose();
  await world?.stop();
  for (const name of chainVariables)
    if (before[name] === undefined) delete process.env[name];
    else process.env[name] = before[name];
});

const addLedger = (url = `${world.dataRoles!.blobEndpoint}/ledger`) =>
  service.dispatch('connections.add', { kind: 'defaultCredential', url });

describe('a default Azure credential connection (DefaultAzureCredential) through the data-role front', () => {
  it("signs in with the environment's client secret, lists the container its role covers, keeps no secret, and opens for --connection NAME", async () => {
    environmentCredential(app.clientSecret);
    const added = value<ConnectionSummary>(await addLedger());
    expect(added).toMatchObject({
      kind: 'defaultCredential',
      name: 'devstoreaccount1/ledger (default credential)',
      scope: { type: 'container', container: 'ledger' },
      abilities: { summary: 'Microsoft Entra ID: your data roles and ACLs decide' },
    });
    const containers = value<ContainerSummary[]>(
      await service.dispatch('containers.list', { connectionId: added.id }),
    );
    expect(containers.map((c) => c.name)).toEqual(['ledger']);
    const listing = value<{ entries: { name: string }[] }>(
      await service.dispatch('paths.list', {
        connectionId: added.id,
        container: 'ledger',
        directory: '2026',
      }),
    );
    expect(listing.entries.map((e) => e.name)).toEqual(['q4.csv']);
    // The token is the stand-in's app-only one, from EnvironmentCredential's client credentials.
    const appTokens = world.entra.issued
      .map((t) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()))
      .filter((c: { appid?: string }) => c.appid === app.clientId);
    expect(appTokens[0]).toMatchObject({ idtyp: 'app', aud: 'https://storage.azure.com' });
    expect(crossed.join('\n')).not.toContain(app.clientSecret);
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true }))
      if (file.isFile())
        expect(readFileSync(path.join(file.parentPath, file.name), 'utf8')).not.toContain(
          app.clientSecret,
        );
    // The command line opens the saved connection with the same chain.
    const cli = await runCliCollecting(
      ['ls', `${world.dataRoles!.blobEndpoint}/ledger/2026/`, '--connection', added.name],
      { ...world.env, LAKESHORE_DATA_DIR: dataDir },
    );
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(cli.stdout).toContain('q4.csv');
  });

  it('a connections.toml entry with use_default_credentials signs in through the same chain (a custom cloud too)', async () => {
    environmentCredential(app.clientSecret);
    const config = path.join(mkdtempSync(path.join(tmpdir(), 'lakeshore-dc-toml-')), 'c.toml');
    writeFileSync(
      config,
      `[connections.ledger-default]\naccount_url = "${world.dataRoles!.blobEndpoint}/ledger"\nuse_default_credentials = true\n`,
    );
    const cli = await runCliCollecting(
      ['ls', `${world.dataRoles!.blobEndpoint}/ledger/2026/`, '--connection', 'ledger-default'],
      { ...world.env, LAKESHORE_DATA_DIR: dataDir, LAKESHORE_CONFIG: config },
    );
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(cli.stdout).toContain('q4.csv');
    // And --auth default on a bare URL, in the same custom cloud.
    const forced = await runCliCollecting(
      ['ls', `${world.dataRoles!.blobEndpoint}/ledger/2026/`, '--auth', 'default'],
      { ...world.env, LAKESHORE_DATA_DIR: dataDir },
    );
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(forced.stdout).toContain('q4.csv');
  });

  it('is refused in words with no credential in the environment (no Azure CLI, no azd here), and nothing is saved', async () => {
    const saved = value<ConnectionSummary[]>(await service.dispatch('connections.list', {}));
    const started = Date.now();
    const refused = await addLedger();
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toEqual({
      code: 'AuthFailed',
      message:
        'No default Azure credential is available here: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a certificate), use a managed or workload identity, or sign in with az login or azd auth login. Nothing was saved.',
    });
    expect(value<ConnectionSummary[]>(await service.dispatch('connections.list', {}))).toEqual(
      saved,
    );
  });

  it('a saved one opened later with no credential in the environment says the same in words', async () => {
    const again = createService({
      dataDir,
      cipher: plainFileCipher,
      mode: 'browser',
      version: 't',
      env: world.env,
    });
    try {
      const [saved] = value<ConnectionSummary[]>(await again.dispatch('connections.list', {}));
      const refused = await again.dispatch('paths.list', {
        connectionId: saved!.id,
        container: 'ledger',
        directory: '2026',
      });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error).toMatchObject({ code: 'AuthFailed' });
      expect(refused.error.message).toMatch(/^No default Azure credential is available here: /);
      expect(refused.error.message).not.toMatch(/CredentialUnavailableError|ChainedToken/);
    } finally {
      await again.dispose();
    }
  });

  it('a secret Microsoft Entra ID refuses is AuthFailed naming the refusal, without the secret', async () => {
    environmentCredential('not-the-secret');
    const refused = await addLedger();
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('AuthFailed');
    expect(refused.error.message).toBe(
      'Microsoft Entra ID refused the identity the default Azure credential found here (invalid_client: client authentication failed): check AZURE_TENANT_ID, AZURE_CLIENT_ID and its secret or certificate, or sign in again with az login or azd auth login. Nothing was saved.',
    );
    expect(refused.error.message).not.toContain('not-the-secret');
  });

  it('a container it has no data role on is refused by the service with the role it needs', async () => {
    environmentCredential(app.clientSecret);
    const refused = await addLedger(`${world.dataRoles!.blobEndpoint}/archive`);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({
      code: 'PermissionDenied',
      status: 403,
      azureCode: 'AuthorizationPermissionMismatch',
    });
    expect(refused.error.message).toMatch(/Storage Blob Data Reader/);
  });
});
