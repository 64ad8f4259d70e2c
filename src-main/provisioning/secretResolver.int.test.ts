import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readTestTls } from '../../test/support/entra/testTls.js';
import {
  startKeyVaultStandIn,
  type KeyVaultStandIn,
} from '../../test/support/keyVault/keyVaultStandIn.js';
import { vaultTestCredential } from '../../test/support/keyVault/vaultTestCredential.js';
import { toLakeError } from '../storage/toLakeError.js';
import { createKeyVaultReader } from './keyVaultSecrets.js';
import { createSecretResolver } from './secretResolver.js';

let vault: KeyVaultStandIn;
const configDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-secrets-'));
writeFileSync(path.join(configDir, 'relative-key'), 'from-relative-file\n');
writeFileSync(path.join(configDir, 'empty'), '\n');

beforeAll(async () => {
  vault = await startKeyVaultStandIn(readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!));
});
afterAll(() => vault.stop());
beforeEach(() => {
  vault.requests.length = 0;
  vault.setLatency(0);
  vault.setBehaviour('*', 'ok');
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return toLakeError(e);
  }
  throw new Error('expected a failure');
};

const resolverAt = (clock: { t: number }, timeoutMs = 10_000) =>
  createSecretResolver({
    env: { LAKE_KEY: 'from-env', BLANK: ' ' },
    configDir,
    ttlMs: () => 60_000,
    now: () => clock.t,
    keyVault: createKeyVaultReader({
      credential: vaultTestCredential(),
      suffix: 'vault.azure.net',
      timeoutMs,
    }),
  });

describe('secret:// references', () => {
  it('reads secret://env and says which variable is missing, never a value', async () => {
    const r = resolverAt({ t: 0 });
    expect(await r.resolve('secret://env/LAKE_KEY')).toBe('from-env');
    expect(await r.resolve('a-literal')).toBe('a-literal');
    expect(await failure(r.resolve('secret://env/NOT_SET'))).toMatchObject({
      code: 'InvalidInput',
      message: 'secret://env/NOT_SET is not set.',
    });
    expect((await failure(r.resolve('secret://env/BLANK'))).message).toBe(
      'secret://env/BLANK is empty.',
    );
  });

  it('reads secret://file relative to the config folder and absolute with //, without the final line break', async () => {
    const r = resolverAt({ t: 0 });
    expect(await r.resolve('secret://file/relative-key')).toBe('from-relative-file');
    expect(await r.resolve(`secret://file/${path.join(configDir, 'relative-key')}`)).toBe(
      'from-relative-file',
    );
    const missing = await failure(r.resolve('secret://file/nope'));
    expect(missing.message).toBe(
      `secret://file/nope cannot be read (no such file: ${path.join(configDir, 'nope')}).`,
    );
    expect((await failure(r.resolve('secret://file/empty'))).message).toBe(
      'secret://file/empty is empty.',
    );
  });

  it('refuses a malformed reference naming the forms expected', async () => {
    const r = resolverAt({ t: 0 });
    expect((await failure(r.resolve('secret://vault/x'))).message).toBe(
      'secret://vault/x is not a usable secret reference: expected secret://env/VAR, secret://file/PATH or secret://keyvault/<vault>/<name>.',
    );
    expect((await failure(r.resolve('secret://keyvault/kv-prod'))).message).toMatch(
      /^secret:\/\/keyvault\/kv-prod is not a usable secret reference: expected secret:\/\/keyvault\/<vault>\/<name>\[\/<version>\]/,
    );
  });

  it('reads the latest or a given version of a Key Vault secret through the challenge', async () => {
    const first = vault.setSecret('storage-key', 'kv-value-1');
    vault.setSecret('storage-key', 'kv-value-2');
    const r = resolverAt({ t: 0 });
    expect(await r.resolve(`secret://keyvault/${vault.host}/storage-key`)).toBe('kv-value-2');
    expect(await r.resolve(`secret://keyvault/${vault.host}/storage-key/${first}`)).toBe(
      'kv-value-1',
    );
  });
});

describe('the Key Vault cache', () => {
  it('fetches each secret once per TTL and again after it, concurrent asks sharing one request', async () => {
    vault.setSecret('cached', 'c-1');
    vault.setLatency(50);
    const clock = { t: 1_000 };
    const r = resolverAt(clock);
    const ref = `secret://keyvault/${vault.host}/cached`;
    const values = await Promise.all([r.resolve(ref), r.resolve(ref), r.resolve(ref)]);
    expect(values).toEqual(['c-1', 'c-1', 'c-1']);
    expect(vault.requests.filter((q) => q.name === 'cached')).toHaveLength(1);
    clock.t += 59_000;
    expect(await r.resolve(ref)).toBe('c-1');
    expect(vault.requests.filter((q) => q.name === 'cached')).toHaveLength(1);
    vault.setSecret('cached', 'c-2');
    clock.t += 2_000;
    expect(await r.resolve(ref)).toBe('c-2');
    expect(vault.requests.filter((q) => q.name === 'cached')).toHaveLength(2);
  });

  it('fetches different secrets in parallel: their requests overlap, after one challenge', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `par-${i}`);
    for (const n of names) vault.setSecret(n, `v-${n}`);
    vault.setLatency(200);
    vault.resetChallenges();
    const r = resolverAt({ t: 0 });
    const values = await Promise.all(
      names.map((n) => r.resolve(`secret://keyvault/${vault.host}/${n}`)),
    );
    expect(values).toEqual(names.map((n) => `v-${n}`));
    const served = vault.requests.filter((q) => q.name.startsWith('par-'));
    expect(served).toHaveLength(6);
    // The first one goes ahead to meet the challenge; the other five are all in flight together.
    const rest = [...served].sort((a, b) => a.startedAt - b.startedAt).slice(1);
    const lastStart = Math.max(...rest.map((q) => q.startedAt));
    const firstEnd = Math.min(...rest.map((q) => q.endedAt!));
    expect(lastStart).toBeLessThan(firstEnd);
    // The first request meets the vault's challenge; the others come with the token it brought.
    expect(vault.challenges()).toBe(1);
  });
});

describe('Key Vault failures name the vault and secret, never a value', () => {
  it('403 Forbidden', async () => {
    vault.setSecret('storage-key', 'never-shown');
    vault.setBehaviour('storage-key', 'deny');
    const e = await failure(
      resolverAt({ t: 0 }).resolve(`secret://keyvault/${vault.host}/storage-key`),
    );
    expect(e.code).toBe('PermissionDenied');
    expect(e.message).toBe(
      `Key Vault ${vault.host} denied Get Secret on storage-key (403 Forbidden); ask for the Key Vault Secrets User role or a Get permission in its access policy.`,
    );
  });

  it('a vault that does not answer times out, and a failure is not cached', async () => {
    vault.setSecret('slow', 'slow-value');
    vault.setBehaviour('slow', 'stall');
    const r = resolverAt({ t: 0 }, 800);
    const started = Date.now();
    const e = await failure(r.resolve(`secret://keyvault/${vault.host}/slow`));
    expect(e.code).toBe('Timeout');
    expect(e.message).toBe(
      `Key Vault ${vault.host} did not answer Get Secret on slow within 0.8 s; check the network or the vault's firewall, then try again.`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    vault.setBehaviour('slow', 'ok');
    expect(await r.resolve(`secret://keyvault/${vault.host}/slow`)).toBe('slow-value');
  });

  it('an unknown secret is NotFound', async () => {
    const e = await failure(
      resolverAt({ t: 0 }).resolve(`secret://keyvault/${vault.host}/no-such`),
    );
    expect(e).toMatchObject({
      code: 'NotFound',
      message: `Key Vault ${vault.host} has no secret no-such (404 Not Found).`,
    });
  });

  it('a vault nobody listens on is Unreachable', async () => {
    const e = await failure(resolverAt({ t: 0 }).resolve('secret://keyvault/127.0.0.1:1/x'));
    expect(e.code).toBe('Unreachable');
    expect(e.message).toMatch(
      /^Key Vault 127\.0\.0\.1:1 cannot be reached at https:\/\/127\.0\.0\.1:1 \(/,
    );
  });
});
