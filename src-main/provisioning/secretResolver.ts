import { readFile } from 'node:fs/promises';
import { failWith } from '../storage/toLakeError.js';
import type { KeyVaultReader } from './keyVaultSecrets.js';
import { isSecretReference, parseSecretReference } from './secretReference.js';

/** Turns a secret field's value (a literal or a `secret://` reference) into the secret, at use. */
export interface SecretResolver {
  /**
   * The secret `value` stands for: a literal as it is; `secret://env/VAR` and
   * `secret://file/PATH` read now (a change applies at the next use); a Key Vault secret from
   * the in-memory cache while younger than the TTL, otherwise fetched, concurrent asks for the
   * same secret sharing one request. Rejects with a `LakeFailure` whose message names the
   * reference, never a value: "secret://env/NOT_SET is not set".
   */
  resolve(value: string): Promise<string>;
  /** Forgets every cached Key Vault value (after the configuration changed). */
  clear(): void;
}

export interface SecretResolverOptions {
  env: NodeJS.ProcessEnv;
  /** The configuration file's folder, which relative `secret://file/` paths start from. */
  configDir: string;
  /** How long a Key Vault value is kept, in ms (read when each value arrives: it may be known only after the configuration is parsed). */
  ttlMs: () => number;
  /** Absent when no Key Vault can be reached (a `secret://keyvault/` reference then fails). */
  keyVault?: KeyVaultReader;
  /** The clock, in ms since the epoch (tests move it). */
  now?: () => number;
}

/** Builds a resolver; values live only in this process's memory, never on disk. */
export function createSecretResolver(options: SecretResolverOptions): SecretResolver {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { value: Promise<string>; until: number }>();

  const fromKeyVault = (text: string, ref: Parameters<KeyVaultReader['get']>[0]) => {
    const cached = cache.get(text);
    if (cached && cached.until > now()) return cached.value;
    if (!options.keyVault) {
      return failWith(
        'InvalidInput',
        `${text} cannot be read: Key Vault is not available here (no Azure credential).`,
      );
    }
    const value = options.keyVault.get(ref);
    // Until it answers, the pending request is what every other ask waits for; a failure is not kept.
    cache.set(text, { value, until: Number.POSITIVE_INFINITY });
    value.then(
      () => cache.set(text, { value, until: now() + options.ttlMs() }),
      () => cache.delete(text),
    );
    return value;
  };

  return {
    async resolve(value) {
      if (!isSecretReference(value)) return value;
      const ref = parseSecretReference(value, options);
      switch (ref.kind) {
        case 'env': {
          const found = options.env[ref.variable];
          if (found === undefined) return failWith('InvalidInput', `${ref.text} is not set.`);
          if (found.trim() === '') return failWith('InvalidInput', `${ref.text} is empty.`);
          return found;
        }
        case 'file': {
          let text: string;
          try {
            text = await readFile(ref.path, 'utf8');
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code ?? 'error';
            return failWith(
              'InvalidInput',
              `${ref.text} cannot be read (${code === 'ENOENT' ? 'no such file' : code}: ${ref.path}).`,
            );
          }
          const secret = text.replace(/\r?\n$/, '');
          if (secret.trim() === '') return failWith('InvalidInput', `${ref.text} is empty.`);
          return secret;
        }
        case 'keyvault':
          return fromKeyVault(ref.text, ref);
      }
    },
    clear: () => cache.clear(),
  };
}
