import { createHash, randomBytes } from 'node:crypto';
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientCertificate } from './clientCertificate.js';
import { completeBrowserLogin, completeDeviceLogin } from './driveLogin.js';
import { startEntraStandIn, type EntraStandIn } from './entraStandIn.js';
import { servicePrincipalObjectId } from './standInApplications.js';
import { readTestTls } from './testTls.js';

const tenantId = '7f4c2a8e-1b3d-4e5f-9a6b-0c1d2e3f4a5b';
const clientId = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const secretApp = { clientId: '5ec7e700-0000-4000-8000-00000000a001', clientSecret: 's3cret~A' };
const certificate = generateClientCertificate('lakeshore-test-app');
const certificateApp = '5ec7e700-0000-4000-8000-00000000a002';
let standIn: EntraStandIn;

beforeAll(async () => {
  standIn = await startEntraStandIn({
    tls: readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!),
    tenants: [{ id: tenantId, domains: ['contoso.test'] }],
    clientId,
    applications: [secretApp, { clientId: certificateApp, certificateJwk: certificate.jwk }],
  });
});
afterAll(() => standIn.stop());

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

const postForm = async (url: string, form: Record<string, string>) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('Entra ID stand-in', () => {
  it('serves Entra v2.0 metadata at /<tenant>/v2.0/.well-known/openid-configuration, by id and by domain', async () => {
    for (const name of [tenantId, 'contoso.test', 'organizations']) {
      const res = await fetch(
        `${standIn.authorityHost}/${name}/v2.0/.well-known/openid-configuration`,
      );
      expect(res.status).toBe(200);
      const meta = (await res.json()) as Record<string, string>;
      expect(meta.issuer).toBe(`${standIn.authorityHost}/${tenantId}/v2.0`);
      expect(meta.authorization_endpoint).toBe(
        `${standIn.authorityHost}/${name}/oauth2/v2.0/authorize`,
      );
      expect(meta.token_endpoint).toBe(`${standIn.authorityHost}/${name}/oauth2/v2.0/token`);
      expect(meta.device_authorization_endpoint).toBe(
        `${standIn.authorityHost}/${name}/oauth2/v2.0/devicecode`,
      );
    }
  });

  it('answers an unknown tenant with 400 invalid_tenant (AADSTS90002)', async () => {
    const res = await fetch(
      `${standIn.authorityHost}/nowhere.test/v2.0/.well-known/openid-configuration`,
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_description: string }).error_description).toMatch(
      /^AADSTS90002: Tenant 'nowhere.test' not found/,
    );
  });

  it('runs the authorization code flow with PKCE and issues storage tokens Azurite accepts, refresh tokens without offline_access consent, not rotated', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:49999/';
    const authorize = new URL(`${standIn.authorityHost}/${tenantId}/oauth2/v2.0/authorize`);
    Object.entries({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'https://storage.azure.com/.default openid profile offline_access',
      state: 'st-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      prompt: 'select_account',
    }).forEach(([k, v]) => authorize.searchParams.set(k, v));
    const login = await completeBrowserLogin(authorize.toString(), {
      login: 'alice',
      stopAtOrigin: (u) => u.port === '49999',
      requestLast: false,
    });
    const back = new URL(login.url);
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code');
    expect(code).toBeTruthy();

    const token = await postForm(`${standIn.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code: code!,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      scope: 'https://storage.azure.com/.default openid profile offline_access',
    });
    expect(token.status).toBe(200);
    expect(token.body.ext_expires_in).toBe(token.body.expires_in);
    const clientInfo = JSON.parse(
      Buffer.from(token.body.client_info as string, 'base64url').toString(),
    ) as { uid: string; utid: string };
    expect(clientInfo.utid).toBe(tenantId);
    const at = claimsOf(token.body.access_token as string);
    expect(at).toMatchObject({
      iss: `https://sts.windows.net/${tenantId}/`,
      aud: 'https://storage.azure.com',
      tid: tenantId,
      oid: clientInfo.uid,
      scp: 'user_impersonation',
      ver: '1.0',
    });
    expect(at.nbf).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const id = claimsOf(token.body.id_token as string);
    expect(id).toMatchObject({
      tid: tenantId,
      oid: clientInfo.uid,
      preferred_username: 'alice@contoso.test',
    });
    const refreshToken = token.body.refresh_token as string;
    expect(refreshToken).toBeTruthy();

    const refreshed = await postForm(`${standIn.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: refreshToken,
      scope: 'https://storage.azure.com/.default openid profile offline_access',
    });
    expect(refreshed.status).toBe(200);
    expect(claimsOf(refreshed.body.access_token as string).aud).toBe('https://storage.azure.com');
    expect(refreshed.body.refresh_token ?? refreshToken).toBe(refreshToken);
  });

  it("runs the device code flow with Entra's legacy grant_type=device_code and a message", async () => {
    const start = await postForm(`${standIn.authorityHost}/${tenantId}/oauth2/v2.0/devicecode`, {
      client_id: clientId,
      scope: 'https://storage.azure.com/.default openid profile offline_access',
    });
    expect(start.status).toBe(200);
    const { device_code, user_code, verification_uri, message } = start.body as Record<
      string,
      string
    >;
    expect(message).toContain(verification_uri);
    expect(message).toContain(user_code);
    const pending = await postForm(`${standIn.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
      grant_type: 'device_code',
      client_id: clientId,
      device_code: device_code!,
    });
    expect(pending.body.error).toBe('authorization_pending');
    await completeDeviceLogin(verification_uri!, user_code!, { login: 'bob' });
    const done = await postForm(`${standIn.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
      grant_type: 'device_code',
      client_id: clientId,
      device_code: device_code!,
    });
    expect(done.status).toBe(200);
    expect(claimsOf(done.body.access_token as string).iss).toBe(
      `https://sts.windows.net/${tenantId}/`,
    );
    expect(done.body.refresh_token).toBeTruthy();
  });

  it('sends the user back with access_denied when consent is cancelled', async () => {
    const authorize = new URL(`${standIn.authorityHost}/${tenantId}/oauth2/v2.0/authorize`);
    Object.entries({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:49998/',
      scope: 'https://storage.azure.com/.default openid profile',
      state: 'st-2',
      code_challenge: createHash('sha256').update('x'.repeat(43)).digest('base64url'),
      code_challenge_method: 'S256',
    }).forEach(([k, v]) => authorize.searchParams.set(k, v));
    const login = await completeBrowserLogin(authorize.toString(), {
      deny: true,
      stopAtOrigin: (u) => u.port === '49998',
      requestLast: false,
    });
    expect(new URL(login.url).searchParams.get('error')).toBe('access_denied');
  });

  it('issues app-only storage tokens by client credentials to a client secret and to a certificate (private_key_jwt), as @azure/identity asks', async () => {
    const options = { authorityHost: standIn.authorityHost, disableInstanceDiscovery: true };
    const bySecret = await new ClientSecretCredential(
      tenantId,
      secretApp.clientId,
      secretApp.clientSecret,
      options,
    ).getToken('https://storage.azure.com/.default');
    const byCertificate = await new ClientCertificateCredential(
      'contoso.test',
      certificateApp,
      { certificate: certificate.pem },
      options,
    ).getToken('https://storage.azure.com/.default');
    for (const [token, app] of [
      [bySecret.token, secretApp.clientId],
      [byCertificate.token, certificateApp],
    ] as const) {
      const claims = claimsOf(token);
      expect(claims).toMatchObject({
        iss: `https://sts.windows.net/${tenantId}/`,
        aud: 'https://storage.azure.com',
        tid: tenantId,
        appid: app,
        oid: servicePrincipalObjectId(app),
        idtyp: 'app',
        ver: '1.0',
      });
      expect(claims.upn).toBeUndefined();
      expect(claims.scp).toBeUndefined();
      expect(claims.nbf).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }
  });

  it('refuses a wrong client secret and a certificate it does not hold with invalid_client', async () => {
    const wrongSecret = await postForm(`${standIn.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: secretApp.clientId,
      client_secret: 'not-the-secret',
      scope: 'https://storage.azure.com/.default',
    });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
    await expect(
      new ClientCertificateCredential(
        tenantId,
        certificateApp,
        { certificate: generateClientCertificate('someone-else').pem },
        { authorityHost: standIn.authorityHost, disableInstanceDiscovery: true },
      ).getToken('https://storage.azure.com/.default'),
    ).rejects.toThrow(/invalid_client/);
  });
});
