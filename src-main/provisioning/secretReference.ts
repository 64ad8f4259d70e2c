import path from 'node:path';
import { environmentFromEnv } from '../auth/azureEnvironments.js';
import { failWith } from '../storage/toLakeError.js';

/**
 * Where a secret field's value comes from, instead of the value itself. `text` is the
 * reference as written (what errors name; it holds no secret).
 * - `env`: `secret://env/VAR`, the variable's value.
 * - `file`: `secret://file/PATH`, the file's text without its final line break; a relative
 *   PATH is taken from the configuration file's folder, an absolute one is written with the
 *   extra slash (`secret://file//run/secrets/lake-key`).
 * - `keyvault`: `secret://keyvault/<vault>/<name>[/<version>]`, an Azure Key Vault secret;
 *   the vault is a name (`kv-prod` → `https://kv-prod.vault.azure.net`, or the cloud's
 *   suffix) or a host with an optional port (`kv-prod.privatelink.vaultcore.azure.net`,
 *   `127.0.0.1:8443`).
 */
export type SecretReference =
  | { kind: 'env'; text: string; variable: string }
  | { kind: 'file'; text: string; path: string }
  | {
      kind: 'keyvault';
      text: string;
      /** The vault as written (`kv-prod`, `127.0.0.1:8443`). */
      vault: string;
      /** `https://<host>[:port]`, no trailing slash. */
      vaultUrl: string;
      name: string;
      version?: string;
    };

/**
 * The DNS suffix of Key Vault in each cloud ("Azure Key Vault DNS suffixes",
 * https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#dns-suffixes-for-object-identifiers);
 * a custom cloud takes `LAKESHORE_KEYVAULT_SUFFIX`.
 */
const keyVaultSuffixes = {
  public: 'vault.azure.net',
  china: 'vault.azure.cn',
  usgov: 'vault.usgovcloudapi.net',
} as const;

/** The Key Vault DNS suffix of the cloud `env` names (`vault.azure.net` for public Azure). */
export function keyVaultSuffix(env: NodeJS.ProcessEnv): string {
  if (env.LAKESHORE_KEYVAULT_SUFFIX) return env.LAKESHORE_KEYVAULT_SUFFIX;
  const id = environmentFromEnv(env).id;
  return id === 'custom' ? keyVaultSuffixes.public : keyVaultSuffixes[id];
}

/** Secret names are 1–127 letters, digits and dashes; versions 32 hex digits (Key Vault's object identifiers). */
const secretName = /^[0-9A-Za-z-]{1,127}$/;
const secretVersion = /^[0-9A-Fa-f]{32}$/;
const vaultName = /^[A-Za-z][A-Za-z0-9-]{1,22}$/;
const vaultHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** Whether a field's value is a `secret://` reference rather than a literal. */
export const isSecretReference = (value: string): boolean => value.startsWith('secret://');

/**
 * Reads a `secret://` reference. Throws `InvalidInput` naming the reference and the forms
 * expected when it is malformed or of an unknown kind. `configDir` anchors relative file paths.
 */
export function parseSecretReference(
  text: string,
  options: { configDir: string; env: NodeJS.ProcessEnv },
): SecretReference {
  const rest = text.slice('secret://'.length);
  const slash = rest.indexOf('/');
  const kind = slash < 0 ? rest : rest.slice(0, slash);
  const body = slash < 0 ? '' : rest.slice(slash + 1);
  const malformed = (expected: string): never =>
    failWith('InvalidInput', `${text} is not a usable secret reference: expected ${expected}.`);
  switch (kind) {
    case 'env':
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(body)) malformed('secret://env/VARIABLE_NAME');
      return { kind: 'env', text, variable: body };
    case 'file':
      if (body === '') malformed('secret://file/PATH (secret://file//absolute/path)');
      return { kind: 'file', text, path: path.resolve(options.configDir, body) };
    case 'keyvault': {
      const parts = body.split('/');
      const [vault, name, version] = parts;
      const form = 'secret://keyvault/<vault>/<name>[/<version>]';
      if (parts.length < 2 || parts.length > 3 || !vault || !name) return malformed(form);
      if (!secretName.test(name)) malformed(`${form}, the name 1–127 letters, digits and "-"`);
      if (version !== undefined && !secretVersion.test(version))
        malformed(`${form}, the version 32 hexadecimal digits`);
      const isHost = vault.includes('.') || vault.includes(':');
      if (isHost ? !vaultHost.test(vault) : !vaultName.test(vault))
        malformed(`${form}, the vault a name (3–24 letters, digits, "-") or a host[:port]`);
      const host = isHost ? vault : `${vault}.${keyVaultSuffix(options.env)}`;
      return {
        kind: 'keyvault',
        text,
        vault,
        vaultUrl: `https://${host.toLowerCase()}`,
        name,
        ...(version ? { version } : {}),
      };
    }
    default:
      return malformed('secret://env/VAR, secret://file/PATH or secret://keyvault/<vault>/<name>');
  }
}
