import { randomBytes } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import { environmentById, type AzureEnvironment } from '../auth/azureEnvironments.js';
import type {
  AzureEnvironmentId,
  ConnectionScope,
  ConnectionSummary,
  CredentialAbilities,
  NewConnection,
} from '../../shared/contract/index.js';
import {
  openAccount,
  type AccountAccess,
  type AccountCredential,
} from '../storage/accountAccess.js';
import {
  unobserved,
  withOwnNetwork,
  type RetryProfile,
  type StorageObserver,
} from '../observability/storageCallPolicy.js';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';
import type { ConnectionStore } from './connectionStore.js';
import type { EntraCredentialRef, StoredCredential } from './storedCredential.js';
import { sasExpiry } from './sasExpiry.js';
import {
  checkServicePrincipal,
  identityUrlLocation,
  servicePrincipalAccount,
  servicePrincipalRef,
} from './servicePrincipalConnection.js';
import {
  checkDefaultCredential,
  defaultCredentialAccount,
  defaultCredentialRef,
} from './defaultCredentialConnection.js';
import { abilitiesOf } from '../abilities/credentialAbilities.js';
import {
  provisionedId,
  provisionedIdPrefix,
  type ProvisionedConnections,
} from '../provisioning/provisionedConnections.js';

/** The embedded emulator as the connections need it: started on demand, shared by every call. */
export interface EmulatorHandle {
  /** Starts Azurite (and seeds it the first time) unless it runs; resolves to its connection string and endpoint. */
  ensureRunning(): Promise<{ connectionString: string; blobEndpoint: string }>;
}

/** The signed-in Microsoft Entra ID accounts as the connections need them. */
export interface EntraIdentities {
  /** The account's environment and user name, or undefined when it is not signed in. */
  find(
    accountId: string,
  ): Promise<{ environment: AzureEnvironmentId; username: string } | undefined>;
  /** A credential refreshing the account's tokens silently ("sign in again" when it cannot). */
  credential(accountId: string, environment: AzureEnvironmentId): TokenCredential;
}

/** Saved connections and the opened account clients behind them. */
export interface Connections {
  list(): Promise<ConnectionSummary[]>;
  /**
   * Tests `input` with one authenticated request and saves it only when that succeeds.
   * Rejects with `InvalidInput` (malformed string or URL), `AuthFailed` (bad key, expired SAS),
   * `Unreachable` (unknown host) or the service's error; nothing is saved then.
   * Adding the emulator twice returns the saved one.
   */
  add(input: NewConnection): Promise<ConnectionSummary>;
  /** Rejects with `NotFound` when `id` is unknown. */
  remove(id: string): Promise<void>;
  /**
   * Saves `network` as the connection's own timeouts and retries, replacing the ones it had
   * (an empty one makes it follow the settings), and forgets its opened clients, so its next
   * request uses them. Rejects with `InvalidInput` for a connection from configuration and
   * `NotFound` for an unknown id.
   */
  setNetwork(
    id: string,
    network: NonNullable<ConnectionSummary['network']>,
  ): Promise<ConnectionSummary>;
  /**
   * The opened account of a saved connection, with the pipeline settings of `profile`
   * (`interactive` by default; `transfer` for the transfer engine). Rejects with `NotFound`
   * when `id` is unknown.
   */
  access(id: string, profile?: 'interactive' | 'transfer'): Promise<AccountAccess>;
  /**
   * Forgets the opened clients of the connections of a signed-in identity, so the next call
   * opens them again and asks for a token (after a sign-out, the SDK's clients would otherwise
   * keep using the token they hold until it expires).
   */
  closeEntra(): void;
}

const newId = (): string => randomBytes(9).toString('base64url');

/** An account or container URL (no SAS) and the signed-in account that opens it. */
async function toEntraCredential(
  input: Extract<NewConnection, { kind: 'entra' }>,
  entra: EntraIdentities | undefined,
): Promise<{ ref: EntraCredentialRef; username: string }> {
  const account = await entra?.find(input.accountId);
  if (!entra || !account) {
    return failWith(
      'AuthFailed',
      'This Microsoft Entra ID account is not signed in: sign in first.',
    );
  }
  const location = identityUrlLocation(input.url);
  return {
    ref: {
      kind: 'entra',
      accountId: input.accountId,
      environment: account.environment,
      blobEndpoint: location.blobEndpoint,
      ...(location.container ? { container: location.container } : {}),
      ...(location.container && location.path ? { directory: location.path } : {}),
    },
    username: account.username,
  };
}

function toCredential(
  input: Exclude<
    NewConnection,
    { kind: 'emulator' | 'entra' | 'servicePrincipal' | 'defaultCredential' }
  >,
): AccountCredential {
  switch (input.kind) {
    case 'connectionString':
      return { kind: 'connectionString', connectionString: input.connectionString.trim() };
    case 'accountKey':
      return {
        kind: 'accountKey',
        accountName: input.accountName.trim(),
        accountKey: input.accountKey.trim(),
        blobEndpoint:
          input.blobEndpoint ?? `https://${input.accountName.trim()}.blob.core.windows.net`,
      };
    case 'sas': {
      const expiry = sasExpiry(input.url);
      if (expiry && expiry.getTime() <= Date.now()) {
        // The window shows `expiredAt` in the user's own date format; the CLI the ISO time.
        throw new LakeFailure({
          code: 'AuthFailed',
          message: `This SAS expired on ${expiry.toISOString()}. Generate a new one and paste its URL.`,
          field: 'url',
          expiredAt: expiry.toISOString(),
        });
      }
      return { kind: 'sas', url: input.url.trim() };
    }
  }
}

/** What to check when the service refuses `credential`, and the dialog field that holds it. */
function refusedHint(credential: AccountCredential): { hint: string; field: string } {
  const sas = 'check the SAS: it must not be expired and must allow List.';
  switch (credential.kind) {
    case 'accountKey':
      return { hint: 'check the account key.', field: 'accountKey' };
    case 'sas':
      return { hint: sas, field: 'url' };
    case 'connectionString':
      return {
        hint: /SharedAccessSignature=/i.test(credential.connectionString)
          ? 'check the SAS in the connection string: it must not be expired and must allow List.'
          : 'check the account key in the connection string.',
        field: 'connectionString',
      };
  }
}

/**
 * Runs the access probe. A 403 on that first one-item listing means the credential itself was
 * refused (Azure answers AuthenticationFailed, Azurite AuthorizationFailure for a wrong key or
 * signature), so it is reported as `AuthFailed` naming what to check for this kind of credential
 * (a key, a SAS) and its field, keeping status and request id.
 */
async function probeCredential(
  access: AccountAccess,
  credential: AccountCredential,
): Promise<void> {
  try {
    await access.probe();
  } catch (e) {
    const error = toLakeError(e);
    if (error.code !== 'PermissionDenied' || error.status !== 403) throw e;
    const { hint, field } = refusedHint(credential);
    throw new LakeFailure({
      ...error,
      code: 'AuthFailed',
      message: `The service refused these credentials (${error.azureCode ?? 'HTTP 403'}): ${hint}`,
      field,
    });
  }
}

const defaultName = (access: AccountAccess, kind: ConnectionSummary['kind']): string => {
  const scope =
    access.scope.type === 'container'
      ? [access.accountName, access.scope.container, access.scope.directory]
          .filter(Boolean)
          .join('/')
      : access.accountName;
  return kind === 'sas' ? `${scope} (SAS)` : scope;
};

/**
 * Connections backed by `store`; the emulator connection opens through `emulator`, those of a
 * signed-in identity through `entra`. `observe` gives the observer of a connection's requests
 * by its name (activity log, spans, timeouts and retries). `entraRoles`, when given, tells what
 * a signed-in identity's connection may do on its account, or its container when it has one
 * (Resource Manager's data roles); without it such a connection's abilities are all `unknown`.
 * `cloudOf` gives the cloud a service principal signs in to (default: the known clouds, and
 * the custom one the environment configures). A default-credential connection signs in with
 * what DefaultAzureCredential finds in this process's environment, in the cloud it names.
 */
export function createConnections(
  store: ConnectionStore,
  emulator: EmulatorHandle,
  entra?: EntraIdentities,
  observe: (connection: string) => StorageObserver = () => unobserved,
  provisioned?: ProvisionedConnections,
  entraRoles?: (
    accountId: string,
    blobEndpoint: string,
    container?: string,
  ) => Promise<CredentialAbilities>,
  cloudOf: (id: AzureEnvironmentId) => AzureEnvironment = (id) => environmentById(id, process.env),
): Connections {
  const entraOpened = new WeakSet<AccountAccess>();
  /** The observer of a connection's requests, with its own timeouts and retries if it has some. */
  const observeOwn = (connection: { name?: string; network?: ConnectionSummary['network'] }) =>
    withOwnNetwork(observe(connection.name ?? 'new connection'), connection.network);
  const openEntra = (
    ref: EntraCredentialRef,
    profile: RetryProfile,
    connection: { name?: string; network?: ConnectionSummary['network'] },
  ) => {
    if (!entra) return failWith('AuthFailed', 'Microsoft Entra ID sign-in is not available here.');
    const access = openAccount(
      {
        kind: 'token',
        blobEndpoint: ref.blobEndpoint,
        credential: entra.credential(ref.accountId, ref.environment),
        ...(ref.container ? { container: ref.container } : {}),
        ...(ref.directory ? { directory: ref.directory } : {}),
      },
      profile,
      observeOwn(connection),
    );
    entraOpened.add(access);
    return access;
  };
  const opened = new Map<string, Promise<AccountAccess>>();

  const openSaved = async (
    id: string,
    profile: 'interactive' | 'transfer',
  ): Promise<AccountAccess> => {
    const saved = await store.get(id);
    if (!saved)
      return failWith('NotFound', 'This connection no longer exists; it may have been removed.');
    if (saved.credential.kind === 'emulator') {
      const running = await emulator.ensureRunning();
      return openAccount(
        { kind: 'connectionString', connectionString: running.connectionString },
        profile,
        observeOwn(saved.summary),
      );
    }
    if (saved.credential.kind === 'entra') {
      return openEntra(saved.credential, profile, saved.summary);
    }
    if (saved.credential.kind === 'servicePrincipal') {
      return openAccount(
        servicePrincipalAccount(saved.credential),
        profile,
        observeOwn(saved.summary),
      );
    }
    if (saved.credential.kind === 'defaultCredential') {
      return openAccount(
        defaultCredentialAccount(saved.credential),
        profile,
        observeOwn(saved.summary),
      );
    }
    return openAccount(saved.credential, profile, observeOwn(saved.summary));
  };

  const isProvisioned = (id: string) => id.startsWith(provisionedIdPrefix);
  provisioned?.onChange(() => {
    for (const key of opened.keys())
      if (isProvisioned(key.slice(key.indexOf(':') + 1))) opened.delete(key);
  });
  const withAbilities = async (summary: ConnectionSummary): Promise<ConnectionSummary> => {
    const saved = await store.get(summary.id).catch(() => undefined);
    if (!saved) return summary;
    const { credential } = saved;
    return {
      ...summary,
      abilities:
        credential.kind === 'entra' && entraRoles
          ? await entraRoles(credential.accountId, credential.blobEndpoint, credential.container)
          : abilitiesOf(credential, summary.blobEndpoint, Date.now()),
    };
  };
  const listProvisioned = async (): Promise<ConnectionSummary[]> => {
    if (!provisioned) return [];
    const { connections } = await provisioned.list();
    return connections.map((c) =>
      c.status === 'ready'
        ? c.summary
        : {
            id: provisionedId(c.name),
            name: c.name,
            kind: 'connectionString',
            accountName: '',
            blobEndpoint: '',
            scope: { type: 'account' },
            source: c.source,
            problem: c.reason,
          },
    );
  };

  const add = async (input: NewConnection): Promise<ConnectionSummary> => {
    const own =
      input.network && Object.keys(input.network).length ? { network: input.network } : {};
    /** Saves the connection `access` reached (its probe answered) under `name`, with `credential`. */
    const save = async (
      access: { accountName: string; blobEndpoint: string; scope: ConnectionScope },
      name: string,
      credential: StoredCredential,
    ): Promise<ConnectionSummary> => {
      const summary: ConnectionSummary = {
        id: newId(),
        name,
        kind: input.kind,
        accountName: access.accountName,
        blobEndpoint: access.blobEndpoint,
        scope: access.scope,
        ...own,
      };
      await store.add({ summary, credential });
      return summary;
    };
    if (input.kind === 'emulator') {
      const existing = (await store.list()).find((c) => c.kind === 'emulator');
      if (existing) return existing;
      const running = await emulator.ensureRunning();
      return save(
        {
          accountName: 'devstoreaccount1',
          blobEndpoint: running.blobEndpoint,
          scope: { type: 'account' },
        },
        input.name ?? 'Local emulator',
        { kind: 'emulator' },
      );
    }
    if (input.kind === 'entra') {
      const { ref, username } = await toEntraCredential(input, entra);
      const access = openEntra(ref, 'probe', input);
      await access.probe();
      return save(access, input.name ?? `${defaultName(access, 'entra')} (${username})`, ref);
    }
    if (input.kind === 'servicePrincipal') {
      const ref = servicePrincipalRef(input, cloudOf(input.environment ?? 'public'));
      const account = servicePrincipalAccount(ref);
      await checkServicePrincipal(account, ref);
      const access = openAccount(account, 'probe', observeOwn(input));
      await access.probe();
      return save(
        access,
        input.name ?? `${defaultName(access, 'servicePrincipal')} (${ref.clientId})`,
        ref,
      );
    }
    if (input.kind === 'defaultCredential') {
      const ref = defaultCredentialRef(input);
      const account = defaultCredentialAccount(ref);
      await checkDefaultCredential(account);
      const access = openAccount(account, 'probe', observeOwn(input));
      await access.probe();
      return save(
        access,
        input.name ?? `${defaultName(access, 'defaultCredential')} (default credential)`,
        ref,
      );
    }
    const credential = toCredential(input);
    const access = openAccount(credential, 'probe', observeOwn(input));
    await probeCredential(access, credential);
    return save(access, input.name ?? defaultName(access, input.kind), credential);
  };

  return {
    add: async (input) => withAbilities(await add(input)),
    async list() {
      const [fromConfig, saved] = await Promise.all([listProvisioned(), store.list()]);
      return [...fromConfig, ...(await Promise.all(saved.map(withAbilities)))];
    },
    async remove(id) {
      if (isProvisioned(id) && provisioned)
        failWith(
          'InvalidInput',
          `This connection comes from configuration: change or remove it in ${provisioned.file}.`,
        );
      opened.delete(`interactive:${id}`);
      opened.delete(`transfer:${id}`);
      if (!(await store.remove(id))) failWith('NotFound', 'This connection no longer exists.');
    },
    async setNetwork(id, network) {
      if (isProvisioned(id) && provisioned)
        failWith(
          'InvalidInput',
          `This connection comes from configuration: change its timeouts and retries in ${provisioned.file}.`,
        );
      const own = Object.keys(network).length ? { network } : {};
      const saved = await store.updateSummary(id, ({ network: _old, ...rest }) => ({
        ...rest,
        ...own,
      }));
      if (!saved) return failWith('NotFound', 'This connection no longer exists.');
      opened.delete(`interactive:${id}`);
      opened.delete(`transfer:${id}`);
      return withAbilities(saved);
    },
    closeEntra() {
      for (const [key, access] of opened) {
        void access
          .then((a) => {
            if (entraOpened.has(a)) opened.delete(key);
          })
          .catch(() => undefined);
      }
    },
    access(id, profile = 'interactive') {
      const key = `${profile}:${id}`;
      let access = opened.get(key);
      if (!access) {
        access =
          isProvisioned(id) && provisioned
            ? provisioned.access(id, profile)
            : openSaved(id, profile);
        opened.set(key, access);
        access.catch(() => opened.delete(key));
      }
      return access;
    },
  };
}
