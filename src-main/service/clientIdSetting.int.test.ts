import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntraAccountSummary, Result, Settings } from '../../shared/contract/index.js';
import { completeDeviceLogin } from '../../test/support/entra/driveLogin.js';
import { startEntraStandIn, type EntraStandIn } from '../../test/support/entra/entraStandIn.js';
import { createTestCipher } from '../../test/support/entra/testCipher.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { defaultClientId } from '../auth/azureEnvironments.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

const tenantId = '8d0f2b4d-6f8a-4c0e-9b4d-6f8a0c2e4b6d';
/** The organisation's own app registration, the only public client the stand-in knows. */
const ownApp = '0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f';
const unknownApp = '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a';
let standIn: EntraStandIn;
const services: LakeService[] = [];

beforeAll(async () => {
  standIn = await startEntraStandIn({
    tls: readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!),
    tenants: [{ id: tenantId, domains: ['litware.test'] }],
    clientId: ownApp,
  });
});
afterAll(async () => {
  for (const s of services) await s.dispose();
  await standIn?.stop();
});

/** A service in the stand-in's cloud with `env` on top; its device-code sign-ins complete as `lee`. */
function serviceWith(env: Record<string, string> = {}): LakeService {
  const service = createService({
    dataDir: mkdtempSync(path.join(tmpdir(), 'lakeshore-client-id-')),
    cipher: createTestCipher(),
    mode: 'browser',
    version: 't',
    env: { AZURE_AUTHORITY_HOST: standIn.authorityHost, ...env },
  });
  service.subscribe((name, payload) => {
    if (name !== 'auth.deviceCode') return;
    const p = payload as { verificationUri: string; userCode: string };
    void completeDeviceLogin(p.verificationUri, p.userCode, { login: 'lee' });
  });
  services.push(service);
  return service;
}

const signIn = (service: LakeService) =>
  service.dispatch('auth.signIn', {
    flow: 'deviceCode',
    tenant: tenantId,
    environment: 'custom',
  }) as Promise<Result<EntraAccountSummary>>;

describe("the public client's application (client) id from Settings → Sign-in", () => {
  it('signs in with the default until the setting names the organisation’s app, then with that one', async () => {
    const service = serviceWith();
    const before = await signIn(service);
    expect(before.ok).toBe(false);
    if (!before.ok)
      expect(before.error.message).toContain(
        `does not accept the application (client) id ${defaultClientId} (invalid_client)`,
      );
    const saved = (await service.dispatch('settings.update', {
      signIn: { clientId: ownApp },
    })) as Result<Settings>;
    expect(saved.ok && saved.value.signIn).toEqual({ clientId: ownApp });
    const after = await signIn(service);
    expect(after.ok && after.value.username).toBe('lee@litware.test');
  });

  it('is overridden by LAKESHORE_CLIENT_ID', async () => {
    const service = serviceWith({ LAKESHORE_CLIENT_ID: ownApp });
    await service.dispatch('settings.update', { signIn: { clientId: unknownApp } });
    const signedIn = await signIn(service);
    expect(signedIn.ok && signedIn.value.username).toBe('lee@litware.test');
    const other = serviceWith();
    await other.dispatch('settings.update', { signIn: { clientId: unknownApp } });
    const refused = await signIn(other);
    expect(!refused.ok && refused.error.message).toContain(
      `does not accept the application (client) id ${unknownApp} (invalid_client)`,
    );
  });

  it('refuses a value that is not a GUID, keeping the saved one', async () => {
    const service = serviceWith();
    await service.dispatch('settings.update', { signIn: { clientId: ownApp } });
    const refused = await service.dispatch('settings.update', { signIn: { clientId: 'my-app' } });
    expect(!refused.ok && refused.error.code).toBe('InvalidInput');
    const settings = (await service.dispatch('settings.get', {})) as Result<Settings>;
    expect(settings.ok && settings.value.signIn).toEqual({ clientId: ownApp });
  });
});
