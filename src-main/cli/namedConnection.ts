import type { AbilityName, ConnectionSummary } from '../../shared/contract/index.js';
import { abilitiesOf } from '../abilities/credentialAbilities.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createConnectionStore } from '../connections/connectionStore.js';
import {
  defaultAzureCredential,
  defaultCredentialAccount,
} from '../connections/defaultCredentialConnection.js';
import { servicePrincipalAccount } from '../connections/servicePrincipalConnection.js';
import { emulatorAccount } from '../emulator/azurite.js';
import { resolveDataDir } from '../platform/dataDir.js';
import { connectionConfigPath } from '../provisioning/connectionConfig.js';
import { createKeyVaultReader } from '../provisioning/keyVaultSecrets.js';
import {
  createProvisionedConnections,
  type ProvisionedConnections,
  type ProvisionedStatus,
} from '../provisioning/provisionedConnections.js';
import { keyVaultSuffix } from '../provisioning/secretReference.js';
import type { EntraCredentialRef } from '../connections/storedCredential.js';
import type { AccountCredential, TokenAccountCredential } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { parseBlobUrl } from '../storage/blobUrl.js';
import { connectionStringAccount, normalizeEndpoint } from '../storage/connectionStringAccount.js';
import { failWith } from '../storage/toLakeError.js';
import type { CliCredential } from './cliCredential.js';
import { cliEntraCredential, cliSessions } from './cliEntra.js';
import type { CliIo } from './output.js';
import { UsageError } from './usageError.js';

/**
 * A connection `--connection NAME` reached: its credential (secrets resolved; a service
 * principal's or DefaultAzureCredential's for a provisioned Microsoft Entra ID connection) and
 * whether it refuses writes.
 */
export interface NamedConnection {
  name: string;
  source: 'file' | 'environment' | 'saved';
  credential: AccountCredential | TokenAccountCredential;
  readOnly: boolean;
}

/** One row of `lakeshore connections`: never a secret, only where it comes from and whether it can be used. */
export type ConnectionListing =
  | (Omit<Extract<ProvisionedStatus, { status: 'ready' }>, 'summary'> &
      Pick<ConnectionSummary, 'kind' | 'accountName' | 'blobEndpoint' | 'scope' | 'abilities'>)
  | Exclude<ProvisionedStatus, { status: 'ready' }>
  | ({ name: string; source: 'saved'; status: 'saved' } & Pick<
      ConnectionSummary,
      'kind' | 'accountName' | 'blobEndpoint' | 'scope'
    >);

/**
 * The provisioned connections the CLI sees (read once, no watching). Key Vault is read with
 * the identity `lakeshore login` signed in, DefaultAzureCredential when nobody is (the app's
 * rule, `keyVaultIdentity`), or the credential `io` gives.
 */
export function openProvisioned(io: CliIo): ProvisionedConnections {
  return createProvisionedConnections({
    file: connectionConfigPath(resolveDataDir(io.env), io.env),
    env: io.env,
    keyVault: () =>
      createKeyVaultReader({
        credential:
          io.keyVaultCredential ??
          cliEntraCredential(io) ??
          defaultAzureCredential(undefined, io.env),
        suffix: keyVaultSuffix(io.env),
      }),
  });
}

/** Every connection: provisioned ones (file, environment) with their status, then the saved ones; plus the file read and its problems. */
export async function listConnections(
  io: CliIo,
): Promise<{ file: string; connections: ConnectionListing[]; problems: string[] }> {
  const provisioned = openProvisioned(io);
  const { connections, problems } = await provisioned.list();
  const saved = await createConnectionStore(resolveDataDir(io.env), plainFileCipher).list();
  const pick = (s: ConnectionSummary) => ({
    kind: s.kind,
    accountName: s.accountName,
    blobEndpoint: s.blobEndpoint,
    scope: s.scope,
  });
  return {
    file: provisioned.file,
    problems,
    connections: [
      ...connections.map((c): ConnectionListing => {
        if (c.status !== 'ready') return c;
        const { summary, ...rest } = c;
        return {
          ...rest,
          ...pick(summary),
          ...(summary.abilities ? { abilities: summary.abilities } : {}),
        };
      }),
      ...saved.map((s): ConnectionListing => ({
        name: s.name,
        source: 'saved',
        status: 'saved',
        ...pick(s),
      })),
    ],
  };
}

/**
 * A connection the app saved with a signed-in identity (`ref`), opened with that identity's
 * tokens from the cache the CLI shares with the app in browser mode (`cliSessions`); refused
 * with `AuthFailed` when the identity is not signed in there (the desktop app's cache is sealed
 * by the OS, so its sign-ins are not the CLI's).
 */
async function savedEntraConnection(
  name: string,
  ref: EntraCredentialRef,
  io: CliIo,
): Promise<NamedConnection> {
  const sessions = cliSessions(io);
  if (!(await sessions.accounts()).some((a) => a.id === ref.accountId)) {
    return failWith(
      'AuthFailed',
      `Connection "${name}" opens with a Microsoft Entra ID identity that is not signed in on the command line: run lakeshore login as that identity, or define the connection in connections.toml with a service principal.`,
    );
  }
  return {
    name,
    source: 'saved',
    readOnly: false,
    credential: {
      kind: 'token',
      blobEndpoint: ref.blobEndpoint,
      credential: sessions.credential(ref.accountId),
      ...(ref.container ? { container: ref.container } : {}),
      ...(ref.directory ? { directory: ref.directory } : {}),
    },
  };
}

/**
 * The connection named `name`: a provisioned one first (connections.toml, the environment),
 * then a saved one (by its name in the app). Throws `UsageError` naming the connections there
 * are when none has that name; rejects with the connection's problem (invalid entry, a secret
 * reference that cannot be read) otherwise.
 */
export async function namedConnection(name: string, io: CliIo): Promise<NamedConnection> {
  const provisioned = openProvisioned(io);
  const { connections } = await provisioned.list();
  const settings = provisioned.settings(name);
  const entry = connections.find((c) => c.name === name);
  if (entry) {
    if (entry.status !== 'ready')
      return failWith('InvalidInput', `Connection "${name}" cannot be used: ${entry.reason}`);
    return {
      name,
      source: entry.source,
      credential: await provisioned.credential(name),
      readOnly: settings?.read_only ?? false,
    };
  }
  const store = createConnectionStore(resolveDataDir(io.env), plainFileCipher);
  const summaries = await store.list();
  const summary =
    summaries.find((s) => s.name === name) ??
    summaries.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!summary) {
    const known = [...connections.map((c) => c.name), ...summaries.map((s) => s.name)];
    throw new UsageError(
      `No connection named "${name}"${known.length ? `; there are: ${known.map((k) => `"${k}"`).join(', ')}` : ''}. 'lakeshore connections' lists them.`,
    );
  }
  let saved;
  try {
    saved = await store.get(summary.id);
  } catch {
    return failWith(
      'AuthFailed',
      `Connection "${summary.name}" was saved by the desktop app in the OS keychain, which the command line cannot open; add it to connections.toml instead.`,
    );
  }
  if (!saved) return failWith('NotFound', `Connection "${summary.name}" no longer exists.`);
  const credential = saved.credential;
  if (credential.kind === 'entra') return savedEntraConnection(summary.name, credential, io);
  if (credential.kind === 'emulator') {
    return {
      name: summary.name,
      source: 'saved',
      readOnly: false,
      credential: {
        kind: 'accountKey',
        accountName: emulatorAccount.name,
        accountKey: emulatorAccount.key,
        blobEndpoint: summary.blobEndpoint,
      },
    };
  }
  return {
    name: summary.name,
    source: 'saved',
    credential:
      credential.kind === 'servicePrincipal'
        ? servicePrincipalAccount(credential)
        : credential.kind === 'defaultCredential'
          ? defaultCredentialAccount(credential, io.env)
          : credential,
    readOnly: false,
  };
}

/**
 * `connection`'s credential for `location`, after checking that it reaches the account (and,
 * for a container SAS, the container) the URL names. Throws `UsageError` naming both otherwise.
 */
export function namedCredentialFor(
  location: BlobLocation,
  connection: NamedConnection,
): CliCredential {
  const { credential } = connection;
  let endpoint: string;
  let container: string | undefined;
  if (credential.kind === 'connectionString')
    endpoint = connectionStringAccount(credential.connectionString)?.blobEndpoint ?? '';
  else if (credential.kind === 'accountKey') endpoint = credential.blobEndpoint;
  else if (credential.kind === 'token') {
    endpoint = credential.blobEndpoint;
    container = credential.container;
  } else {
    const sas = parseBlobUrl(credential.url);
    endpoint = sas.blobEndpoint;
    container = sas.container;
  }
  if (normalizeEndpoint(endpoint) !== normalizeEndpoint(location.blobEndpoint)) {
    throw new UsageError(
      `Connection "${connection.name}" is for ${endpoint}, but the URL names ${location.blobEndpoint}. Nothing was done.`,
    );
  }
  if (container && location.container !== container) {
    throw new UsageError(
      `Connection "${connection.name}" only reaches container "${container}", but the URL names ${location.container ? `"${location.container}"` : 'the account'}. Nothing was done.`,
    );
  }
  if (credential.kind === 'sas') {
    const query = credential.url.slice(credential.url.indexOf('?') + 1);
    const scope = location.container ? `/${encodeURIComponent(location.container)}` : '/';
    return { kind: 'sas', url: `${location.blobEndpoint}${scope}?${query}` };
  }
  if (credential.kind === 'token') {
    return {
      kind: 'token',
      blobEndpoint: location.blobEndpoint,
      credential: credential.credential,
      ...(location.container ? { container: location.container } : {}),
    };
  }
  return credential;
}

/**
 * Why `credential` (a named connection's, or the one a command resolved) refuses one of `needs`
 * (the reason of the first that is `denied`: a SAS without the letter, expired, HTTPS-only on
 * http), or undefined when each is allowed or only the service can tell.
 */
export function refusalOf(
  credential: NamedConnection['credential'],
  needs: readonly AbilityName[],
): string | undefined {
  const endpoint =
    credential.kind === 'sas'
      ? credential.url
      : credential.kind === 'connectionString'
        ? (connectionStringAccount(credential.connectionString)?.blobEndpoint ?? '')
        : credential.blobEndpoint;
  const { abilities } = abilitiesOf(credential, endpoint, Date.now());
  return needs.map((n) => abilities[n]).find((a) => a.state === 'denied')?.reason;
}
