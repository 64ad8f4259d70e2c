import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConnectionSummary,
  DelegationSas,
  EntraAccountSummary,
  PathPage,
  TransferJobSummary,
} from '../../shared/contract/index.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { completeBrowserLogin, completeDeviceLogin } from '../../test/support/entra/driveLogin.js';
import { startEntraStandIn, type EntraStandIn } from '../../test/support/entra/entraStandIn.js';
import { createTestCipher } from '../../test/support/entra/testCipher.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { emulatorAccount, startAzurite, type AzuriteInstance } from '../emulator/azurite.js';
import { openAccount } from '../storage/accountAccess.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

const tenantId = '6b1d3f5a-7c9e-4b2d-8f0a-1c3e5a7b9d2f';
const clientId = 'c0ffee00-0000-4000-8000-0000000000aa';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);

let standIn: EntraStandIn;
let azurite: AzuriteInstance;
let service: LakeService;
/** Everything that crossed to the "renderer": results and events, as JSON. */
const { crossed, value, record } = recordCrossings();

beforeAll(async () => {
  standIn = await startEntraStandIn({
    tls,
    tenants: [{ id: tenantId, domains: ['northwind.test'] }],
    clientId,
  });
  azurite = await startAzurite({
    location: 'memory',
    oauth: { certPath: tls.certPath, keyPath: tls.keyPath, caPath: tls.caPath },
  });
  service = createService({
    dataDir: mkdtempSync(path.join(tmpdir(), 'lakeshore-auth-svc-')),
    cipher: createTestCipher(),
    mode: 'browser',
    version: 't',
    env: {
      AZURE_AUTHORITY_HOST: standIn.authorityHost,
      LAKESHORE_ARM_ENDPOINT: 'https://127.0.0.1:1',
      LAKESHORE_CLIENT_ID: clientId,
    },
  });
  // The window's part: enter the device code, or open the sign-in page in a new tab.
  service.subscribe((name, payload) => {
    record(payload);
    if (name === 'auth.deviceCode') {
      const p = payload as { verificationUri: string; userCode: string };
      void completeDeviceLogin(p.verificationUri, p.userCode, { login: 'erin' });
    }
    if (name === 'auth.browserPrompt') {
      void completeBrowserLogin((payload as { url: string }).url, { login: 'frank' });
    }
  });
});

afterAll(async () => {
  await service?.dispose();
  await azurite?.stop();
  await standIn?.stop();
});

describe('auth.* calls and Entra ID connections through the service', () => {
  let erin: EntraAccountSummary;

  it('signs in with a device code announced as an event, and lists the account', async () => {
    erin = value(
      await service.dispatch('auth.signIn', {
        flow: 'deviceCode',
        tenant: 'northwind.test',
        environment: 'custom',
      }),
    );
    expect(erin).toMatchObject({ username: 'erin@northwind.test', environment: 'custom' });
    expect(crossed.some((c) => c.includes('"userCode"'))).toBe(true);
    expect(value<EntraAccountSummary[]>(await service.dispatch('auth.accounts', {}))).toEqual([
      erin,
    ]);
  });

  it('signs in in the browser (browser mode: the page announced for the window to open)', async () => {
    const frank = value<EntraAccountSummary>(
      await service.dispatch('auth.signIn', { flow: 'browser', environment: 'custom' }),
    );
    expect(frank.username).toBe('frank@northwind.test');
    expect(crossed.some((c) => c.includes('/oauth2/v2.0/authorize?'))).toBe(true);
    expect(value<EntraAccountSummary[]>(await service.dispatch('auth.accounts', {}))).toHaveLength(
      2,
    );
  });

  it('attaches a container by URL with the signed-in identity and browses it', async () => {
    // A container and a blob made by the same identity, outside the app.
    const seeded = openAccount({
      kind: 'token',
      blobEndpoint: azurite.blobEndpoint,
      credential: {
        getToken: async () => {
          const t = standIn.issued.find((x) => x.split('.').length === 3)!;
          return { token: t, expiresOnTimestamp: Date.now() + 60_000 };
        },
      },
    });
    await seeded.service!.createContainer('attached');
    await seeded.container('attached').getBlockBlobClient('q1/report.csv').upload('a,b\n', 4);

    const connection = value<ConnectionSummary>(
      await service.dispatch('connections.add', {
        kind: 'entra',
        accountId: erin.id,
        url: `${azurite.blobEndpoint}/attached`,
      }),
    );
    expect(connection).toMatchObject({
      kind: 'entra',
      scope: { type: 'container', container: 'attached' },
      name: 'devstoreaccount1/attached (erin@northwind.test)',
    });
    const page = value<PathPage>(
      await service.dispatch('paths.list', {
        connectionId: connection.id,
        container: 'attached',
        directory: '',
      }),
    );
    expect(page.entries.map((e) => e.name)).toEqual(['q1']);
  });

  it('refuses an attach for an account that is not signed in, and a malformed tenant', async () => {
    const notSignedIn = await service.dispatch('connections.add', {
      kind: 'entra',
      accountId: 'nobody.nowhere',
      url: `${azurite.blobEndpoint}/attached`,
    });
    expect(notSignedIn).toMatchObject({ ok: false, error: { code: 'AuthFailed' } });
    const badTenant = await service.dispatch('auth.signIn', { flow: 'browser', tenant: 'a b' });
    expect(badTenant).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
  });

  it('signs out: the account leaves the list and its connection says to sign in again', async () => {
    value(await service.dispatch('auth.signOut', { accountId: erin.id }));
    const accounts = value<EntraAccountSummary[]>(await service.dispatch('auth.accounts', {}));
    expect(accounts.map((a) => a.username)).toEqual(['frank@northwind.test']);
    const connections = value<ConnectionSummary[]>(await service.dispatch('connections.list', {}));
    const attached = connections.find((c) => c.kind === 'entra')!;
    const listed = await service.dispatch('paths.list', {
      connectionId: attached.id,
      container: 'attached',
      directory: '',
    });
    expect(listed).toMatchObject({ ok: false, error: { code: 'AuthFailed' } });
    expect(JSON.stringify(listed)).toMatch(/sign in again/);
  });

  it('a transfer queued while signed out waits for the sign-in, then completes', async () => {
    const connections = value<ConnectionSummary[]>(await service.dispatch('connections.list', {}));
    const attached = connections.find((c) => c.kind === 'entra')!;
    const local = path.join(mkdtempSync(path.join(tmpdir(), 'lakeshore-wait-')), 'late.csv');
    writeFileSync(local, 'sensor,value\nb,2\n');
    const {
      jobIds: [jobId],
    } = value<{ jobIds: string[] }>(
      await service.dispatch('transfers.enqueueUpload', {
        connectionId: attached.id,
        container: 'attached',
        remoteDirectory: 'q2',
        localPaths: [local],
        conflict: 'overwrite',
      }),
    );
    const state = async () =>
      value<TransferJobSummary[]>(await service.dispatch('transfers.list', {})).find(
        (j) => j.id === jobId,
      )!.state;
    await expect.poll(state, { timeout: 20_000 }).toMatchObject({
      kind: 'paused',
      waitingForSignIn: expect.stringMatching(/signed out: sign in again/),
    });
    value(
      await service.dispatch('auth.signIn', {
        flow: 'deviceCode',
        tenant: 'northwind.test',
        environment: 'custom',
      }),
    );
    await expect.poll(state, { timeout: 20_000 }).toEqual({ kind: 'completed' });
    const page = value<PathPage>(
      await service.dispatch('paths.list', {
        connectionId: attached.id,
        container: 'attached',
        directory: 'q2',
      }),
    );
    expect(page.entries).toMatchObject([{ kind: 'file', name: 'late.csv', size: 17 }]);
  });

  it('copies a file URL with a user delegation SAS: read-only by default, for the preset lifetime', async () => {
    const connections = value<ConnectionSummary[]>(await service.dispatch('connections.list', {}));
    const attached = connections.find((c) => c.kind === 'entra')!;
    const target = { connectionId: attached.id, container: 'attached', path: 'q2/late.csv' };
    const before = Date.now();
    const shared = value<DelegationSas>(
      await service.dispatch('paths.delegationSas', { ...target, lifetime: '1d' }),
    );
    expect(shared.permissions).toBe('r');
    const sas = new URL(shared.url).searchParams;
    expect(sas.get('sp')).toBe('r');
    expect(sas.get('sr')).toBe('b');
    expect(sas.get('skoid')).toBeTruthy();
    const expires = Date.parse(shared.expiresOn);
    expect(expires - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1_000);
    expect(expires - before).toBeLessThanOrEqual(24 * 3_600_000 + 60_000);
    // Anyone with the URL reads the bytes, with no credential of their own, and cannot write.
    const read = await fetch(shared.url);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe('sensor,value\nb,2\n');
    const write = await fetch(shared.url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'changed',
    });
    expect(write.status).toBe(403);
    await write.arrayBuffer();

    const writable = value<DelegationSas>(
      await service.dispatch('paths.delegationSas', { ...target, lifetime: '1h', write: true }),
    );
    expect(writable.permissions).toBe('racw');
    const put = await fetch(writable.url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'changed',
    });
    expect(put.status).toBe(201);
    expect(await (await fetch(shared.url)).text()).toBe('changed');

    const tooLong = await service.dispatch('paths.delegationSas', {
      ...target,
      lifetime: '30d' as '7d',
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    const keyConnection = value<ConnectionSummary>(
      await service.dispatch('connections.add', {
        kind: 'accountKey',
        accountName: 'devstoreaccount1',
        accountKey: emulatorAccount.key,
        blobEndpoint: azurite.blobEndpoint,
      }),
    );
    const byKey = await service.dispatch('paths.delegationSas', {
      ...target,
      connectionId: keyConnection.id,
      lifetime: '1h',
    });
    expect(byKey).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(!byKey.ok && byKey.error.message).toMatch(/user delegation key/);
  });

  it('never hands a token to the window', () => {
    for (const token of standIn.issued) {
      const signature = token.split('.').at(-1)!;
      expect(crossed.filter((c) => c.includes(signature))).toEqual([]);
    }
  });
});
