import type { TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AzureEnvironmentId } from '../../shared/contract/index.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import {
  startKeyVaultStandIn,
  type KeyVaultStandIn,
} from '../../test/support/keyVault/keyVaultStandIn.js';
import { vaultTestCredential } from '../../test/support/keyVault/vaultTestCredential.js';
import { toLakeError } from '../storage/toLakeError.js';
import { keyVaultIdentity, type SignedInIdentity } from './keyVaultIdentity.js';
import { createKeyVaultReader } from './keyVaultSecrets.js';
import { parseSecretReference } from './secretReference.js';

let vault: KeyVaultStandIn;
beforeAll(async () => {
  vault = await startKeyVaultStandIn(readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!));
  vault.setSecret('storage-key', 'the-key');
});
afterAll(() => vault.stop());

/** Reads storage-key through a fresh reader whose identity is `keyVaultIdentity` over these parts. */
const readWith = (
  signedIn: SignedInIdentity[],
  credential: (accountId: string, environment: AzureEnvironmentId) => TokenCredential,
  fallback: TokenCredential,
) => {
  const reader = createKeyVaultReader({
    credential: keyVaultIdentity({
      signedIn: () => Promise.resolve(signedIn),
      credential,
      fallback: () => fallback,
    }),
    suffix: 'vault.azure.net',
  });
  const ref = parseSecretReference(`secret://keyvault/${vault.host}/storage-key`, {
    env: {},
    configDir: '/',
  });
  if (ref.kind !== 'keyvault') throw new Error('expected a Key Vault reference');
  return reader.get(ref);
};

describe('the identity Key Vault is read with', () => {
  it('is DefaultAzureCredential while nobody is signed in', async () => {
    const fallback = vaultTestCredential();
    const asked: string[] = [];
    const value = await readWith(
      [],
      (id) => {
        asked.push(id);
        return vaultTestCredential();
      },
      fallback,
    );
    expect(value).toBe('the-key');
    expect(asked).toEqual([]);
    expect(fallback.issued.length).toBeGreaterThan(0);
  });

  it('is the first signed-in account, for the vault resource, once someone is', async () => {
    const fallback = vaultTestCredential();
    const account = vaultTestCredential();
    const asked: string[] = [];
    const scopes: string[] = [];
    const value = await readWith(
      [
        { id: 'user-1', environment: 'public' },
        { id: 'user-2', environment: 'public' },
      ],
      (id, environment) => {
        asked.push(`${id}@${environment}`);
        return {
          getToken: (s, o) => {
            scopes.push(...(Array.isArray(s) ? s : [s]));
            return account.getToken(s, o);
          },
        };
      },
      fallback,
    );
    expect(value).toBe('the-key');
    expect(new Set(asked)).toEqual(new Set(['user-1@public']));
    // The scope comes from the vault's challenge (its resource), not from a guess.
    expect(new Set(scopes)).toEqual(new Set(['https://vault.azure.net/.default']));
    expect(account.issued.length).toBeGreaterThan(0);
    expect(fallback.issued).toEqual([]);
  });

  it('fails as the signed-in account fails, without trying another identity', async () => {
    const fallback = vaultTestCredential();
    const failure = await readWith(
      [{ id: 'user-1', environment: 'public' }],
      () => ({
        getToken: () =>
          Promise.reject(
            Object.assign(new Error('Sign in again: the refresh token was refused.'), {
              name: 'AuthenticationRequiredError',
            }),
          ),
      }),
      fallback,
    ).then(
      () => undefined,
      (e: unknown) => toLakeError(e),
    );
    expect(failure?.code).toBe('AuthFailed');
    expect(failure?.message).toContain('Sign in again: the refresh token was refused.');
    expect(failure?.message).toContain('Key Vault');
    expect(failure?.message).toContain('storage-key');
    expect(failure?.message).not.toContain('the-key');
    expect(fallback.issued).toEqual([]);
  });
});
