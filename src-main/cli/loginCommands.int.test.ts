import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredTenant } from '../../shared/contract/index.js';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import type { CliRun } from '../../test/support/cliRun.js';
import { completeDeviceLogin } from '../../test/support/entra/driveLogin.js';
import { createTestCipher } from '../../test/support/entra/testCipher.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { customEnvironment } from '../auth/azureEnvironments.js';
import { createEntraSessions } from '../auth/entraSessions.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createConnectionStore } from '../connections/connectionStore.js';
import { emulatorAccount } from '../emulator/azurite.js';
import { runCli } from './runCli.js';

const tenantId = '8f1b3d5f-7a9c-4b1d-8f3a-5c7e9a1b3d5f';
const clientId = 'c0ffee00-0000-4000-8000-0000000000cc';
const subscriptionId = '77777777-7777-4777-8777-777777777777';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);
const dataDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-cli-login-'));

let world: SignedInWorld;
let azurite: SignedInWorld['azurite'];
let env: NodeJS.ProcessEnv;
const printed: string[] = [];

/** Runs `lakeshore argv`; a device-code message on stderr is answered as the user would, on another device. */
async function cli(argv: string[], login = 'hana'): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => {
      stderr += t;
      const m = /open the page (\S+) and enter the code (\S+) /.exec(t);
      if (m) void completeDeviceLogin(m[1]!, m[2]!, { login });
    },
    env,
  });
  printed.push(stdout, stderr);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'litware.test',
    tenantName: 'Litware',
    clientId,
    subscriptionId,
    subscriptionName: 'Litware data',
    enforceDataRoles: true,
    storageAccounts: (blobEndpoint) => [
      {
        name: 'litwarelake',
        resourceGroup: 'rg',
        blobEndpoint: `${blobEndpoint}/`,
        isHnsEnabled: true,
      },
    ],
  });
  ({ azurite } = world);
  env = {
    LAKESHORE_DATA_DIR: dataDir,
    ...world.env,
    LAKESHORE_NO_BROWSER: '1',
  };
});

afterAll(async () => {
  await world?.stop();
});

describe('lakeshore login, accounts, logout and the signed-in identity on https URLs', () => {
  const url = () => `${azurite.blobEndpoint}/cli-entra`;

  it('has no credential for an https URL before login', async () => {
    const r = await cli(['ls', url()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No credentials for account "devstoreaccount1"/);
    expect(r.stderr).toContain(
      'Or sign in with lakeshore login (Microsoft Entra ID), or use --auth default.',
    );
  });

  it('logs in with a device code, the message on stderr as MSAL words it', async () => {
    const r = await cli(['login', '--use-device-code', '--tenant-id', 'litware.test']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^To sign in, use a web browser to open the page https:\/\/127\.0\.0\.1:\d+\/\S+ and enter the code \S+ to authenticate\.\n$/,
    );
    expect(r.stdout).toBe(`Signed in as hana@litware.test (tenant ${tenantId}).\n`);
  });

  it('then reaches an https URL with no other credential as the signed-in identity', async () => {
    expect((await cli(['mb', url()])).code).toBe(0);
    const local = path.join(dataDir, 'hello.txt');
    writeFileSync(local, 'hello from the CLI\n');
    const cp = await cli(['cp', local, `${url()}/in/`]);
    expect(cp.code).toBe(0);
    const r = await cli(['ls', `${url()}/in`, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'file', path: 'in/hello.txt', size: 19 });
  });

  it('shares the token cache with the app in the same data folder (browser mode)', async () => {
    const app = createEntraSessions({
      dataDir,
      cipher: plainFileCipher,
      clientId,
      environment: customEnvironment({
        authorityHost: world.entra.authorityHost,
        armEndpoint: world.arm.endpoint,
        storageSuffix: 'core.windows.net',
      }),
      openBrowser: () => undefined,
    });
    expect((await app.accounts()).map((a) => a.username)).toEqual(['hana@litware.test']);
  });

  it('opens a connection the app saved with the same signed-in identity, by --connection', async () => {
    const app = createEntraSessions({
      dataDir,
      cipher: plainFileCipher,
      clientId,
      environment: customEnvironment({
        authorityHost: world.entra.authorityHost,
        armEndpoint: world.arm.endpoint,
        storageSuffix: 'core.windows.net',
      }),
      openBrowser: () => undefined,
    });
    const [hana] = await app.accounts();
    await createConnectionStore(dataDir, plainFileCipher).add({
      summary: {
        id: 'saved-entra',
        name: 'Litware lake (hana)',
        kind: 'entra',
        accountName: emulatorAccount.name,
        blobEndpoint: azurite.blobEndpoint,
        scope: { type: 'container', container: 'cli-entra' },
      },
      credential: {
        kind: 'entra',
        accountId: hana!.id,
        environment: 'custom',
        blobEndpoint: azurite.blobEndpoint,
        container: 'cli-entra',
      },
    });
    const r = await cli(['ls', `${url()}/in`, '--connection', 'Litware lake (hana)']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^ +19 +\S+ +(in\/)?hello\.txt$/m);
  });

  it('names the data role and scope a refused request needs, in text and with --json', async () => {
    const front = `${world.dataRoles!.blobEndpoint}/cli-entra`;
    const refused = await cli(['ls', front]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(
      /may not read in container "cli-entra" of account devstoreaccount1: ask for the Storage Blob Data Reader role on the container \(or on the account/,
    );
    world.dataRoles!.grant('hana@litware.test', [{ role: 'reader', container: 'cli-entra' }]);
    expect((await cli(['ls', `${front}/in`])).stdout).toMatch(/hello\.txt/);
    const local = path.join(dataDir, 'second.txt');
    writeFileSync(local, 'second\n');
    const write = await cli(['cp', local, `${front}/in/`, '--json']);
    expect(write.code).not.toBe(0);
    // The job's state in the JSON summary, and the failure on stderr.
    expect(JSON.parse(write.stdout)).toMatchObject({
      failed: 1,
      jobs: [{ state: { kind: 'failed', error: { code: 'PermissionDenied' } } }],
    });
    expect(write.stderr).toMatch(
      /may not write in container "cli-entra" of account devstoreaccount1: ask for the Storage Blob Data Contributor role/,
    );
  });

  it('leaves the desktop app’s OS-sealed cache in the same folder alone: each keeps its own sign-ins', async () => {
    const environment = customEnvironment({
      authorityHost: world.entra.authorityHost,
      armEndpoint: world.arm.endpoint,
      storageSuffix: 'core.windows.net',
    });
    const desktop = createEntraSessions({
      dataDir,
      cipher: createTestCipher(),
      clientId,
      environment,
      openBrowser: () => undefined,
    });
    await desktop.signIn({
      flow: 'deviceCode',
      tenant: 'litware.test',
      onDeviceCode: (p) =>
        void completeDeviceLogin(p.verificationUri, p.userCode, { login: 'ivo' }),
    });
    expect((await desktop.accounts()).map((a) => a.username)).toEqual(['ivo@litware.test']);
    const browserMode = createEntraSessions({
      dataDir,
      cipher: plainFileCipher,
      clientId,
      environment,
      openBrowser: () => undefined,
    });
    expect((await browserMode.accounts()).map((a) => a.username)).toEqual(['hana@litware.test']);
    expect((await cli(['ls', url(), '--auth', 'entra'])).code).toBe(0);
  });

  it('lists the subscriptions and storage accounts it sees, with blob and dfs endpoints', async () => {
    const text = await cli(['accounts']);
    expect(text.code).toBe(0);
    const endpoint = world.dataRoles!.blobEndpoint;
    // Each column as wide as its widest cell: the endpoints stay under BLOB and DFS.
    expect(text.stdout).toBe(
      [
        `SUBSCRIPTION  ACCOUNT      KIND  BLOB${' '.repeat(endpoint.length - 2)}DFS`,
        `Litware data  litwarelake  adls  ${endpoint}  ${endpoint}`,
        '',
      ].join('\n'),
    );
    const json = await cli(['accounts', '--json']);
    const tenants = JSON.parse(json.stdout) as DiscoveredTenant[];
    expect(tenants[0]).toMatchObject({
      tenantId,
      status: 'listed',
      subscriptions: [{ subscriptionId, storageAccounts: [{ name: 'litwarelake', hns: true }] }],
    });
  });

  it('--auth forces a kind: key with only a SAS, or sas with none, is a usage error', async () => {
    const sas = await cli([
      'ls',
      `${url()}?sv=2021-12-02&ss=b&srt=co&sp=rl&se=2099-01-01T00:00:00Z&sig=x`,
      '--auth',
      'key',
    ]);
    expect(sas.code).toBe(2);
    expect(sas.stderr).toMatch(/--auth key, but the credential found is a SAS/);
    const none = await cli(['ls', url(), '--auth', 'sas']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--auth sas, but no SAS was given: put one in the URL/);
    const noKey = await cli(['ls', url(), '--auth', 'key']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/--auth key, but no account key was given/);
    const bad = await cli(['ls', url(), '--auth', 'password']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are entra, key, sas, default/);
    expect((await cli(['ls', url(), '--auth', 'entra'])).code).toBe(0);
  });

  it('prints a file URL with a user delegation SAS (sas), read-only for a day unless told', async () => {
    const before = Date.now();
    const text = await cli(['sas', `${url()}/in/hello.txt`]);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(
      /^File URL with SAS \(r, read-only\), works until \d{4}-\d\d-\d\dT/,
    );
    const shared = new URL(text.stdout.trim());
    expect(shared.pathname).toBe('/devstoreaccount1/cli-entra/in/hello.txt');
    expect(Object.fromEntries(shared.searchParams)).toMatchObject({
      sr: 'b',
      sp: 'r',
      spr: 'https',
    });
    expect(Date.parse(shared.searchParams.get('se')!) - before).toBeGreaterThan(23 * 3_600_000);
    const read = await fetch(shared);
    expect([read.status, await read.text()]).toEqual([200, 'hello from the CLI\n']);

    const json = await cli(['sas', `${url()}/in/hello.txt`, '--expiry', '1h', '--write', '--json']);
    const sas = JSON.parse(json.stdout) as {
      url: string;
      kind: string;
      permissions: string;
      expiresOn: string;
    };
    expect(sas).toMatchObject({ kind: 'file', permissions: 'racw' });
    expect(Date.parse(sas.expiresOn) - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(json.stderr).toBe('');
    const put = await fetch(sas.url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'hello from the CLI\n',
    });
    expect(put.status).toBe(201);

    // A folder of a flat account, an unknown lifetime, no path, nothing there, and a key: refused.
    const folder = await cli(['sas', `${url()}/in/`]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/InvalidInput.*only on accounts with a hierarchical namespace/);
    const month = await cli(['sas', `${url()}/in/hello.txt`, '--expiry', '30d']);
    expect(month.code).toBe(2);
    expect(month.stderr).toMatch(/Allowed choices are 1h, 1d, 7d/);
    expect((await cli(['sas', url()])).stderr).toMatch(/sas needs a path inside the container/);
    expect((await cli(['sas', `${url()}/in/none.txt`])).stderr).toMatch(/NotFound/);
    const byKey = await cli([
      'sas',
      `${url()}/in/hello.txt`,
      '--connection-string',
      `DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=${emulatorAccount.key};BlobEndpoint=${azurite.blobEndpoint}`,
    ]);
    expect(byKey.code).toBe(1);
    expect(byKey.stderr).toMatch(/only a Microsoft Entra ID sign-in can get.*lakeshore login/);
  });

  it('logs out: the tokens leave the cache, and --auth entra and accounts say to log in', async () => {
    const r = await cli(['logout']);
    expect(r).toMatchObject({ code: 0, stdout: 'Signed out hana@litware.test.\n' });
    const forced = await cli(['ls', url(), '--auth', 'entra']);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/run lakeshore login first/);
    const accounts = await cli(['accounts']);
    expect(accounts.code).toBe(1);
    expect(accounts.stderr).toMatch(/Not signed in: run lakeshore login first/);
    expect((await cli(['logout'])).stdout).toBe('Not signed in.\n');
    const saved = await cli(['ls', `${url()}/in`, '--connection', 'Litware lake (hana)']);
    expect(saved.code).toBe(1);
    expect(saved.stderr).toMatch(
      /Connection "Litware lake \(hana\)" opens with a Microsoft Entra ID identity that is not signed in on the command line: run lakeshore login/,
    );
  });

  it('never prints a token, and keeps none in clear text outside the 0600 cache', () => {
    const output = printed.join('\n');
    for (const token of world.entra.issued) expect(output).not.toContain(token);
    const files = readdirSync(dataDir, { recursive: true }).map(String);
    for (const f of files) {
      const file = path.join(dataDir, f);
      if (!statSync(file).isFile()) continue;
      if (f.endsWith('entra-token-cache.json')) {
        expect(statSync(file).mode & 0o077).toBe(0);
        continue;
      }
      const text = readFileSync(file, 'utf8');
      for (const token of world.entra.issued) expect(text).not.toContain(token);
    }
  });
});
