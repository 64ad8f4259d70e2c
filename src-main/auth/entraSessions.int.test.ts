import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeBrowserLogin,
  completeDeviceLogin,
  type LoginOptions,
} from '../../test/support/entra/driveLogin.js';
import { startEntraStandIn, type EntraStandIn } from '../../test/support/entra/entraStandIn.js';
import { createTestCipher } from '../../test/support/entra/testCipher.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { startAzurite, type AzuriteInstance } from '../emulator/azurite.js';
import { openAccount } from '../storage/accountAccess.js';
import { toLakeError } from '../storage/toLakeError.js';
import { customEnvironment } from './azureEnvironments.js';
import {
  createEntraSessions,
  tokenCacheFile,
  type DeviceCodePrompt,
  type EntraSessions,
} from './entraSessions.js';

const tenantId = '3c5e7a9b-2d4f-4a6b-8c0d-1e2f3a4b5c6d';
const otherTenantId = '9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d';
const clientId = '5d1c3a2b-0000-4000-8000-00000000c11e';
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);
const cipher = createTestCipher();

let standIn: EntraStandIn;
let azurite: AzuriteInstance;
const dataDirs: string[] = [];
/** How the stand-in's pages are answered at the next browser sign-in. */
let nextLogin: LoginOptions = {};
let browserOpened = 0;

const newDataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lakeshore-entra-'));
  dataDirs.push(dir);
  return dir;
};

const sessionsIn = (dataDir: string, authorityHost = standIn.authorityHost): EntraSessions =>
  createEntraSessions({
    dataDir,
    cipher,
    clientId,
    environment: customEnvironment({
      authorityHost,
      armEndpoint: 'https://127.0.0.1:1',
      storageSuffix: 'core.windows.net',
    }),
    openBrowser: (url) => {
      browserOpened += 1;
      // The system browser: it goes on by itself while the app waits at its loopback redirect.
      void completeBrowserLogin(url, nextLogin).catch(() => undefined);
    },
    browserTimeoutMs: 20_000,
  });

const tokenRequests = () => standIn.requests.filter((r) => r.includes('/oauth2/v2.0/token')).length;

const lakeErrorOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (e) {
    return toLakeError(e);
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  standIn = await startEntraStandIn({
    tls,
    tenants: [
      { id: tenantId, domains: ['contoso.test'] },
      { id: otherTenantId, domains: ['fabrikam.test'] },
    ],
    clientId,
    // Under MSAL's five-minute renewal margin: every silent call refreshes with the refresh token.
    accessTokenTtl: 240,
  });
  azurite = await startAzurite({
    location: 'memory',
    oauth: { certPath: tls.certPath, keyPath: tls.keyPath, caPath: tls.caPath },
  });
});

afterAll(async () => {
  await azurite?.stop();
  await standIn?.stop();
});

describe('Entra ID sessions against the stand-in and an Azurite with --oauth basic', () => {
  const dataDir = newDataDir();
  let aliceId = '';
  let bobId = '';

  it('signs in with the authorization code flow (PKCE, loopback redirect) and lists and uploads with the bearer token', async () => {
    const sessions = sessionsIn(dataDir);
    nextLogin = { login: 'alice' };
    const alice = await sessions.signIn({ flow: 'browser', tenant: 'contoso.test' });
    expect(alice).toMatchObject({
      username: 'alice@contoso.test',
      tenantId,
      environment: 'custom',
    });
    aliceId = alice.id;

    const access = openAccount({
      kind: 'token',
      blobEndpoint: azurite.blobEndpoint,
      credential: sessions.credential(alice.id),
    });
    await access.service!.createContainer('entra-data');
    await access.container('entra-data').getBlockBlobClient('hello.txt').upload('hi', 2);
    const names: string[] = [];
    for await (const b of access.container('entra-data').listBlobsFlat()) names.push(b.name);
    expect(names).toEqual(['hello.txt']);
    expect((await access.listContainers()).map((c) => c.name)).toContain('entra-data');
  });

  it('signs in a second account with the device code flow in another tenant, showing the code and the URL', async () => {
    const sessions = sessionsIn(dataDir);
    const prompts: DeviceCodePrompt[] = [];
    const bob = await sessions.signIn({
      flow: 'deviceCode',
      tenant: otherTenantId,
      onDeviceCode: (p) => {
        prompts.push(p);
        void completeDeviceLogin(p.verificationUri, p.userCode, { login: 'bob' });
      },
    });
    bobId = bob.id;
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.message).toContain(prompts[0]!.userCode);
    expect(prompts[0]!.message).toContain(prompts[0]!.verificationUri);
    expect(bob).toMatchObject({ username: 'bob@fabrikam.test', tenantId: otherTenantId });
    expect((await sessions.accounts()).map((a) => a.username).sort()).toEqual([
      'alice@contoso.test',
      'bob@fabrikam.test',
    ]);
  });

  it('refreshes silently from the persisted cache in a new session object', async () => {
    const fresh = sessionsIn(dataDir);
    expect((await fresh.accounts()).map((a) => a.id).sort()).toEqual([aliceId, bobId].sort());
    const before = tokenRequests();
    const access = openAccount({
      kind: 'token',
      blobEndpoint: azurite.blobEndpoint,
      credential: fresh.credential(aliceId),
    });
    const blob = await access.container('entra-data').getBlobClient('hello.txt').downloadToBuffer();
    expect(blob.toString()).toBe('hi');
    expect(tokenRequests()).toBeGreaterThan(before);
  });

  it('signs out one account: its tokens leave the cache and its credential says to sign in again', async () => {
    const sessions = sessionsIn(dataDir);
    const bobTokens = readFileSync(tokenCacheFile(dataDir, 'os-encryption'), 'utf8');
    expect(await sessions.signOut(bobId)).toBe(true);
    expect((await sessionsIn(dataDir).accounts()).map((a) => a.id)).toEqual([aliceId]);
    const cache = cipher.open(readFileSync(tokenCacheFile(dataDir, 'os-encryption'), 'utf8'));
    expect(cache).not.toContain(bobId);
    expect(bobTokens).not.toBe(readFileSync(tokenCacheFile(dataDir, 'os-encryption'), 'utf8'));
    const error = await lakeErrorOf(
      sessions.credential(bobId).getToken('https://storage.azure.com/.default'),
    );
    expect(error).toMatchObject({ code: 'AuthFailed' });
    expect(error.message).toMatch(/signed out: sign in again/);
    expect(await sessions.signOut(bobId)).toBe(false);
  });

  it('ends a sign-in with a denied consent in words and saves nothing', async () => {
    const sessions = sessionsIn(dataDir);
    const cacheBefore = readFileSync(tokenCacheFile(dataDir, 'os-encryption'), 'utf8');
    nextLogin = { login: 'mallory', deny: true };
    const error = await lakeErrorOf(sessions.signIn({ flow: 'browser', tenant: tenantId }));
    expect(error).toMatchObject({ code: 'AuthFailed' });
    expect(error.message).toMatch(/cancelled or consent was refused.*nothing was saved/);
    expect(readFileSync(tokenCacheFile(dataDir, 'os-encryption'), 'utf8')).toBe(cacheBefore);
    expect((await sessions.accounts()).map((a) => a.id)).toEqual([aliceId]);
  });

  it('ends a device code sign-in nobody finished, once the code expired, in words, saving nothing', async () => {
    const shortLived = await startEntraStandIn({
      tls,
      tenants: [{ id: tenantId, domains: ['contoso.test'] }],
      clientId,
      deviceCodeTtl: 2,
    });
    try {
      const dir = newDataDir();
      const sessions = sessionsIn(dir, shortLived.authorityHost);
      const error = await lakeErrorOf(
        sessions.signIn({ flow: 'deviceCode', tenant: tenantId, onDeviceCode: () => undefined }),
      );
      expect(error).toMatchObject({
        code: 'Timeout',
        message:
          'The device code expired before sign-in finished; nothing was saved. Start again for a new code.',
      });
      expect(await sessions.accounts()).toEqual([]);
    } finally {
      await shortLived.stop();
    }
  }, 60_000);

  it('names the host it could not reach when there is no network to the identity platform', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sessions = sessionsIn(newDataDir(), `https://127.0.0.1:${port}`);
    const error = await lakeErrorOf(
      sessions.signIn({ flow: 'deviceCode', tenant: tenantId, onDeviceCode: () => undefined }),
    );
    expect(error.code).toBe('Unreachable');
    expect(error.message).toMatch(
      new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) to sign in to `),
    );
    expect(await sessions.accounts()).toEqual([]);
  });

  it('refuses an unknown tenant before opening the browser, saving nothing', async () => {
    const sessions = sessionsIn(dataDir);
    const cacheBefore = readFileSync(tokenCacheFile(dataDir, 'os-encryption'), 'utf8');
    const opened = browserOpened;
    const error = await lakeErrorOf(sessions.signIn({ flow: 'browser', tenant: 'nowhere.test' }));
    expect(error).toMatchObject({ code: 'NotFound' });
    expect(error.message).toBe(
      'There is no tenant "nowhere.test" in Custom cloud: check the tenant id or domain; nothing was saved.',
    );
    expect(browserOpened).toBe(opened);
    expect(readFileSync(tokenCacheFile(dataDir, 'os-encryption'), 'utf8')).toBe(cacheBefore);
    const malformed = await lakeErrorOf(
      sessions.signIn({ flow: 'deviceCode', tenant: 'not a tenant' }),
    );
    expect(malformed.code).toBe('InvalidInput');
  });

  it('names the application id when the identity platform does not know it, saving nothing', async () => {
    const dir = newDataDir();
    const sessions = createEntraSessions({
      dataDir: dir,
      cipher,
      clientId: '00000000-0000-4000-8000-0000000000ff',
      environment: customEnvironment({
        authorityHost: standIn.authorityHost,
        armEndpoint: 'https://127.0.0.1:1',
        storageSuffix: 'core.windows.net',
      }),
      openBrowser: () => undefined,
    });
    let prompted = false;
    const error = await lakeErrorOf(
      sessions.signIn({
        flow: 'deviceCode',
        tenant: tenantId,
        onDeviceCode: () => (prompted = true),
      }),
    );
    expect(error).toMatchObject({ code: 'AuthFailed' });
    expect(error.message).toMatch(
      /^The identity platform does not accept the application \(client\) id 00000000-0000-4000-8000-0000000000ff \(invalid_client\): set your organisation's app registration in Settings → Sign-in \(or LAKESHORE_CLIENT_ID\); nothing was saved\.$/,
    );
    expect(prompted).toBe(false);
    expect(await sessions.accounts()).toEqual([]);
  });

  it('says a token for another audience is refused by the storage service', async () => {
    const sessions = sessionsIn(newDataDir());
    standIn.setAudienceOverride('https://management.azure.com');
    try {
      nextLogin = { login: 'carol' };
      const carol = await sessions.signIn({ flow: 'browser', tenant: tenantId });
      const access = openAccount({
        kind: 'token',
        blobEndpoint: azurite.blobEndpoint,
        credential: sessions.credential(carol.id),
      });
      const error = await lakeErrorOf(access.listContainers());
      expect(error.code).toBe('AuthFailed');
      expect(error.message).toMatch(/audience/i);
    } finally {
      standIn.setAudienceOverride(undefined);
    }
  });

  it('says to sign in again when the refresh token no longer works', async () => {
    const sessions = sessionsIn(dataDir);
    standIn.setRefreshRefused(true);
    try {
      const error = await lakeErrorOf(
        sessions.credential(aliceId).getToken('https://storage.azure.com/.default'),
      );
      expect(error.code).toBe('AuthFailed');
      expect(error.message).toMatch(/alice@contoso.test.*sign in again/);
    } finally {
      standIn.setRefreshRefused(false);
    }
  });

  it('keeps no token or refresh token in clear text in any file under the data folders, the cache in a 0600 file', () => {
    expect(standIn.issued.length).toBeGreaterThan(4);
    const files = dataDirs.flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.join(d.parentPath, d.name)),
    );
    expect(files).toContain(tokenCacheFile(dataDir, 'os-encryption'));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const token of standIn.issued) {
        // The signature part alone identifies a JWT; opaque refresh tokens are checked whole.
        expect(text.includes(token.split('.').at(-1)!)).toBe(false);
      }
    }
    expect(statSync(tokenCacheFile(dataDir, 'os-encryption')).mode & 0o777).toBe(0o600);
  });

  it('signs in through the proxy HTTPS_PROXY names (msal-node alone would ignore it)', async () => {
    const tunnels: string[] = [];
    const tunnelPorts = new Set<number>();
    const proxy: Server = createServer();
    proxy.on('connect', (req, client, head) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        tunnelPorts.add(upstream.localPort ?? 0);
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const saved = process.env.HTTPS_PROXY;
    const seen = standIn.requestPorts.length;
    process.env.HTTPS_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const sessions = sessionsIn(newDataDir());
      const dave = await sessions.signIn({
        flow: 'deviceCode',
        tenant: tenantId,
        onDeviceCode: (p) =>
          void completeDeviceLogin(p.verificationUri, p.userCode, { login: 'dave' }),
      });
      expect(dave.username).toBe('dave@contoso.test');
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([standIn.knownAuthority]));
      // Every request of this sign-in (metadata, device code, token polls) came through a tunnel.
      // (The user's browser, played by the test's fetch, goes direct to the device page.)
      const requests = standIn.requestPorts
        .slice(seen)
        .filter((r) => /\/(oauth2|v2\.0\/\.well-known)\//.test(r.path));
      expect(requests.map((r) => r.path.split('?')[0])).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/devicecode$/),
          expect.stringMatching(/token$/),
        ]),
      );
      expect(requests.filter((r) => !tunnelPorts.has(r.port))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved;
      proxy.closeAllConnections();
      proxy.close();
    }
  });
});
