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
   * kv-prod denied Get Secret on storage-key (403 Forbidden)"), `AuthFailed` for 401 and when
   * the identity has no token (sign in again),
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

/** The errors @azure/identity and the sign-in raise when no token can be had (no request was sent). */
const credentialErrors = new Set([
  'AuthenticationRequiredError',
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
]);

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
  if (err.name !== undefined && credentialErrors.has(err.name)) {
    return new LakeFailure({
      code: 'AuthFailed',
      message: `No token for ${named} to Get Secret on ${on}: ${(e as Error).message} Sign in again, or check the credential.`,
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

/** One vault's client, and what its other requests wait for before they are sent. */
interface VaultClient {
  client: SecretClient;
  /** Settles once the vault's first request has met its challenge (or ended). */
  opened: Promise<void>;
}

/**
 * Builds the reader; nothing is sent until `get`. The first Get Secret of a vault goes out
 * alone until the vault's challenge is answered (Key Vault answers a request without a token
 * with 401 and `WWW-Authenticate` naming the resource, the SDK then asks the credential for a
 * token: https://learn.microsoft.com/azure/key-vault/general/authentication-requirements-and-challenges);
 * the others of that vault are sent then, all at once, with the token and over TLS sessions
 * resumed from the first connection. Sent together from the start, each would make its own
 * full TLS handshake and its own 401 round trip, which is what made 20 connections start in
 * ×1.56 of one fetch (bench:keyvault).
 */
export function createKeyVaultReader(options: KeyVaultReaderOptions): KeyVaultReader {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const vaults = new Map<string, VaultClient>();
  const open = (vaultUrl: string): { vault: VaultClient; first: () => void } => {
    let release!: () => void;
    const opened = new Promise<void>((resolve) => (release = resolve));
    // Released on the macrotask after the token: the SDK has then marked its challenge complete.
    const first = () => setImmediate(release);
    const credential: TokenCredential = {
      getToken: async (scopes, getOptions) => {
        const token = await options.credential.getToken(scopes, getOptions);
        first();
        return token;
      },
    };
    const host = new URL(vaultUrl).hostname;
    const client = new SecretClient(vaultUrl, credential, {
      retryOptions: { maxRetries: 1 },
      // A private or test host (not *.vault.azure.net) answers the challenge with the
      // public resource, which the SDK would refuse as another domain.
      disableChallengeResourceVerification: !host.endsWith(`.${options.suffix}`),
    });
    const vault = { client, opened };
    vaults.set(vaultUrl, vault);
    return { vault, first };
  };
  const fetchSecret = async (client: SecretClient, ref: KeyVaultReference) => {
    const secret = await client.getSecret(ref.name, {
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
  };
  return {
    async get(ref) {
      try {
        const known = vaults.get(ref.vaultUrl);
        if (known) {
          await known.opened;
          return await fetchSecret(known.client, ref);
        }
        const { vault, first } = open(ref.vaultUrl);
        // Ended before any token (unreachable, a timeout): the others go and report for themselves.
        return await fetchSecret(vault.client, ref).finally(first);
      } catch (e) {
        if (e instanceof LakeFailure) throw e;
        throw vaultFailure(ref, e, timeoutMs);
      }
    },
  };
}
