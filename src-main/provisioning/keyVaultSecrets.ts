import type { TokenCredential } from '@azure/core-auth';
import { SecretClient } from '@azure/keyvault-secrets';
import { LakeFailure } from '../storage/toLakeError.js';
import type { SecretReference } from './secretReference.js';

type KeyVaultReference = Extract<SecretReference, { kind: 'keyvault' }>;

/** Reads Key Vault secrets: one `SecretClient` per vault, each Get Secret under a deadline. */
export interface KeyVaultReader {
  /**
   * The secret's value (its latest version, or `ref.version`). Rejects with a `LakeFailure`
   * naming the vault and the secret, never its value: `PermissionDenied` for 403 ("Key Vault
   * kv-prod denied Get Secret on storage-key (403 Forbidden)"), `AuthFailed` for 401,
   * `NotFound` for 404, `Timeout` past `timeoutMs`, `Unreachable` when the host cannot be reached.
   */
  get(ref: KeyVaultReference): Promise<string>;
}

export interface KeyVaultReaderOptions {
  /** The identity asking (DefaultAzureCredential, the signed-in account, a service principal). */
  credential: TokenCredential;
  /** Deadline of one Get Secret, retries included, in ms; default 10,000. */
  timeoutMs?: number;
  /** The cloud's Key Vault suffix (`vault.azure.net`): other hosts skip the SDK's challenge-resource check. */
  suffix: string;
}

interface RestLike {
  name?: string;
  code?: string;
  statusCode?: number;
}

const statusText: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
};

/** A Key Vault error as a contract error naming `ref`'s vault and secret (Get Secret, https://learn.microsoft.com/rest/api/keyvault/secrets/get-secret). */
function vaultFailure(ref: KeyVaultReference, e: unknown, timeoutMs: number): LakeFailure {
  const err = (e ?? {}) as RestLike;
  const status = err.statusCode;
  const on = `${ref.name}${ref.version ? ` (version ${ref.version})` : ''}`;
  const named = `Key Vault ${ref.vault}`;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') {
    return new LakeFailure({
      code: 'Timeout',
      message: `${named} did not answer Get Secret on ${on} within ${timeoutMs / 1000} s; check the network or the vault's firewall, then try again.`,
    });
  }
  if (status === 403) {
    return new LakeFailure({
      code: 'PermissionDenied',
      status,
      message: `${named} denied Get Secret on ${on} (403 Forbidden); ask for the Key Vault Secrets User role or a Get permission in its access policy.`,
    });
  }
  if (status === 401) {
    return new LakeFailure({
      code: 'AuthFailed',
      status,
      message: `${named} refused the identity for Get Secret on ${on} (401 Unauthorized); sign in again or check the credential.`,
    });
  }
  if (status === 404) {
    return new LakeFailure({
      code: 'NotFound',
      status,
      message: `${named} has no secret ${on} (404 Not Found).`,
    });
  }
  if (status !== undefined) {
    return new LakeFailure({
      code: status === 429 || status >= 500 ? 'Transient' : 'Unknown',
      status,
      message: `${named} answered Get Secret on ${on} with ${status}${statusText[status] ? ` ${statusText[status]}` : ''}.`,
    });
  }
  return new LakeFailure({
    code: 'Unreachable',
    message: `${named} cannot be reached at ${ref.vaultUrl} (${err.code ?? 'no answer'}) for Get Secret on ${on}.`,
  });
}

/** Builds the reader; nothing is sent until `get`. */
export function createKeyVaultReader(options: KeyVaultReaderOptions): KeyVaultReader {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const clients = new Map<string, SecretClient>();
  const clientFor = (vaultUrl: string): SecretClient => {
    let client = clients.get(vaultUrl);
    if (!client) {
      const host = new URL(vaultUrl).hostname;
      client = new SecretClient(vaultUrl, options.credential, {
        retryOptions: { maxRetries: 1 },
        // A private or test host (not *.vault.azure.net) answers the challenge with the
        // public resource, which the SDK would refuse as another domain.
        disableChallengeResourceVerification: !host.endsWith(`.${options.suffix}`),
      });
      clients.set(vaultUrl, client);
    }
    return client;
  };
  return {
    async get(ref) {
      try {
        const secret = await clientFor(ref.vaultUrl).getSecret(ref.name, {
          ...(ref.version ? { version: ref.version } : {}),
          abortSignal: AbortSignal.timeout(timeoutMs),
        });
        if (secret.value === undefined) {
          throw new LakeFailure({
            code: 'NotFound',
            message: `Key Vault ${ref.vault} returned no value for ${ref.name}.`,
          });
        }
        return secret.value;
      } catch (e) {
        if (e instanceof LakeFailure) throw e;
        throw vaultFailure(ref, e, timeoutMs);
      }
    },
  };
}
