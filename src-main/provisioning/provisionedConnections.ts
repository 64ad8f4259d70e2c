import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { ConnectionSummary } from '../../shared/contract/index.js';
import { abilitiesOf, readOnlyAbilities } from '../abilities/credentialAbilities.js';
import {
  openAccount,
  type AccountAccess,
  type AccountCredential,
  type TokenAccountCredential,
} from '../storage/accountAccess.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import {
  defaultSecretCacheTtlMs,
  readConnectionConfig,
  type ConnectionConfig,
  type ProvisionedSource,
} from './connectionConfig.js';
import type { ConnectionSettings } from './connectionSettings.js';
import type { KeyVaultReader } from './keyVaultSecrets.js';
import {
  planCredential,
  provisionedPipeline,
  resolvePlan,
  type CredentialPlan,
} from './provisionedCredential.js';
import { createSecretResolver, type SecretResolver } from './secretResolver.js';
import { firstVaultReferences } from './vaultPrefetch.js';

/**
 * The id prefix of provisioned connections, within the contract's id alphabet
 * (`[A-Za-z0-9_-]{1,64}`); saved ones have 12 random base64url characters.
 */
export const provisionedIdPrefix = 'config-';

/** A provisioned connection's id: `config-<name>`. */
export const provisionedId = (name: string): string => `${provisionedIdPrefix}${name}`;

/**
 * One provisioned connection as a list shows it, never with a secret:
 * - `ready`: its secrets resolved; `summary` is what the tree shows.
 * - `unavailable`: valid settings, but a secret could not be read (variable not set, vault
 *   403 or timeout); `reason` names the reference.
 * - `invalid`: the settings themselves are wrong (unknown key, malformed overlay).
 */
export type ProvisionedStatus =
  | {
      status: 'ready';
      name: string;
      source: ProvisionedSource;
      readOnly: boolean;
      summary: ConnectionSummary;
    }
  | { status: 'unavailable'; name: string; source: ProvisionedSource; reason: string }
  | { status: 'invalid'; name: string; source: ProvisionedSource; reason: string };

/** Connections defined by `connections.toml` and the environment, read again when the file changes. */
export interface ProvisionedConnections {
  /** The configuration file this reads. */
  readonly file: string;
  /**
   * Every provisioned connection with its status, secrets of all of them resolved in
   * parallel (from the cache while fresh); problems of the file as a whole in `problems`.
   */
  list(): Promise<{ connections: ProvisionedStatus[]; problems: string[] }>;
  /**
   * The opened account of connection `name` (or id `config-<name>`), its secrets resolved at
   * use. Rejects `NotFound` for an unknown name, `InvalidInput` with the reasons for an invalid
   * entry, or the secret's error (naming the reference).
   */
  access(nameOrId: string, profile?: 'interactive' | 'transfer'): Promise<AccountAccess>;
  /**
   * The credential of connection `name`, its secrets resolved now (for the command line,
   * which opens its own clients). Rejects as `access` does.
   */
  credential(nameOrId: string): Promise<AccountCredential | TokenAccountCredential>;
  /** The settings of a valid entry (read_only, timeouts), or undefined; call after `list` (the file is read by then). */
  settings(nameOrId: string): ConnectionSettings | undefined;
  /**
   * Why connection `nameOrId` refuses changes (`read_only = true`), or undefined when it does
   * not or is not a provisioned connection. Waits for the file to be read.
   */
  refusesChanges(nameOrId: string): Promise<string | undefined>;
  /** Calls `listener` after the file changed and was read again; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Stops watching the file. */
  close(): void;
}

export interface ProvisionedOptions {
  file: string;
  env: NodeJS.ProcessEnv;
  /** Reads Key Vault secrets; created on first use (Key Vault references are rare). */
  keyVault: () => KeyVaultReader;
  /** Watch the file and read it again on change (the app; the CLI reads it once). */
  watch?: boolean;
}

const readOnlyReason = (name: string) =>
  `Connection "${name}" is read-only (read_only = true in its configuration); nothing was changed.`;

const summaryKind = (plan: CredentialPlan): ConnectionSummary['kind'] =>
  plan.kind === 'servicePrincipal' || plan.kind === 'defaultCredential' ? 'entra' : plan.kind;

/** Reads the configuration (at once, in the background) and keeps it current. */
export function createProvisionedConnections(options: ProvisionedOptions): ProvisionedConnections {
  const { file, env } = options;
  let keyVault: KeyVaultReader | undefined;
  const lazyVault: KeyVaultReader = { get: (ref) => (keyVault ??= options.keyVault()).get(ref) };
  let config: ConnectionConfig;
  let resolver: SecretResolver;
  const load = async () => {
    // The file's TTL, known once it is parsed (the values asked for before arrive after it).
    const ttl = { ms: defaultSecretCacheTtlMs };
    const next = createSecretResolver({
      env,
      configDir: path.dirname(file),
      ttlMs: () => ttl.ms,
      keyVault: lazyVault,
    });
    const read = await readConnectionConfig(file, env, async (text) => {
      // One secret of each vault is asked for before the file is parsed (its challenge, token
      // and TLS session then overlap the parse); its value is cached for the entry that uses it.
      for (const ref of firstVaultReferences(text, env)) void next.resolve(ref).catch(() => {});
      // A turn of the event loop, so those requests are on the wire before the parse holds it.
      await new Promise((resolve) => setImmediate(resolve));
    });
    ttl.ms = read.secretCacheTtlMs;
    config = read;
    resolver = next;
  };
  let loading = load();

  const find = (nameOrId: string) => {
    const byName = config.entries.find((e) => e.name === nameOrId);
    if (byName || !nameOrId.startsWith(provisionedIdPrefix)) return byName;
    return config.entries.find((e) => e.name === nameOrId.slice(provisionedIdPrefix.length));
  };

  const credentialOf = async (nameOrId: string) => {
    const entry = find(nameOrId);
    if (!entry)
      return failWith(
        'NotFound',
        `No connection named "${nameOrId}" in ${file} or the environment.`,
      );
    if (entry.status === 'invalid')
      return failWith(
        'InvalidInput',
        `Connection "${entry.name}" is invalid: ${entry.reasons.join(' ')}`,
      );
    const planned = planCredential(entry.settings, env);
    if (!planned.ok)
      return failWith(
        'InvalidInput',
        `Connection "${entry.name}" is invalid: ${planned.reasons.join(' ')}`,
      );
    return {
      entry,
      plan: planned.plan,
      credential: await resolvePlan(planned.plan, resolver, env),
    };
  };

  const open = async (nameOrId: string, profile: 'interactive' | 'transfer' | 'probe') => {
    const { entry, plan, credential } = await credentialOf(nameOrId);
    const pipeline = provisionedPipeline(entry.settings);
    const options =
      profile === 'transfer'
        ? { ...pipeline, retryOptions: { maxTries: 1, tryTimeoutInMs: 600_000 } }
        : profile === 'probe'
          ? {
              ...pipeline,
              retryOptions: {
                maxTries: 1,
                tryTimeoutInMs: entry.settings['timeouts.connect_s'] * 1000,
              },
            }
          : pipeline;
    return { entry, plan, credential, access: openAccount(credential, options) };
  };

  const describe = async (
    entry: ConnectionConfig['entries'][number],
  ): Promise<ProvisionedStatus> => {
    const base = { name: entry.name, source: entry.source };
    if (entry.status === 'invalid')
      return { ...base, status: 'invalid', reason: entry.reasons.join(' ') };
    const planned = planCredential(entry.settings, env);
    if (!planned.ok) return { ...base, status: 'invalid', reason: planned.reasons.join(' ') };
    try {
      const { access, credential } = await open(entry.name, 'interactive');
      const abilities = abilitiesOf(credential, access.blobEndpoint, Date.now());
      return {
        ...base,
        status: 'ready',
        readOnly: entry.settings.read_only,
        summary: {
          id: provisionedId(entry.name),
          name: entry.name,
          kind: summaryKind(planned.plan),
          accountName: access.accountName,
          blobEndpoint: access.blobEndpoint,
          scope: access.scope,
          source: entry.source,
          readOnly: entry.settings.read_only,
          abilities: entry.settings.read_only
            ? readOnlyAbilities(abilities, readOnlyReason(entry.name))
            : abilities,
        },
      };
    } catch (e) {
      return { ...base, status: 'unavailable', reason: toLakeError(e).message };
    }
  };

  const listeners = new Set<() => void>();
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch) {
    try {
      // The folder, not the file: editors save by writing a new file and renaming it over the old one.
      watcher = watch(path.dirname(file), (_event, changed) => {
        if (changed !== null && changed !== path.basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          loading = load();
          void loading.then(() => listeners.forEach((l) => l()));
        }, 100);
      });
      watcher.on('error', () => watcher?.close());
    } catch {
      // A folder that does not exist has no file to watch; it is read at the next start.
    }
  }

  return {
    file,
    async list() {
      await loading;
      const connections = await Promise.all(config.entries.map(describe));
      return { connections, problems: config.problems };
    },
    async access(nameOrId, profile = 'interactive') {
      await loading;
      return (await open(nameOrId, profile)).access;
    },
    async credential(nameOrId) {
      await loading;
      return (await credentialOf(nameOrId)).credential;
    },
    settings(nameOrId) {
      const entry = find(nameOrId);
      return entry?.status === 'valid' ? entry.settings : undefined;
    },
    async refusesChanges(nameOrId) {
      await loading;
      const entry = find(nameOrId);
      return entry?.status === 'valid' && entry.settings.read_only
        ? readOnlyReason(entry.name)
        : undefined;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
