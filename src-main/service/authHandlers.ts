import type {
  AzureEnvironmentId,
  EntraAccountSummary,
  EventName,
  EventPayloads,
} from '../../shared/contract/index.js';
import {
  defaultClientId,
  environmentById,
  environmentFromEnv,
  type AzureEnvironment,
} from '../auth/azureEnvironments.js';
import { createEntraSessions, type EntraSessions } from '../auth/entraSessions.js';
import type { SecretCipher } from '../auth/secretVault.js';
import type { EntraIdentities } from '../connections/connections.js';
import { failWith } from '../storage/toLakeError.js';
import type { Handlers } from './dispatch.js';

export interface AuthOptions {
  dataDir: string;
  cipher: SecretCipher;
  /**
   * Opens the sign-in page in the system browser (the desktop host's `shell.openExternal`).
   * Absent in browser mode: the page is announced with `auth.browserPrompt` and the window
   * opens it in a new tab.
   */
  openBrowser?: (url: string) => void | Promise<void>;
  /** The public client's application id; default LAKESHORE_CLIENT_ID, else `defaultClientId`. */
  clientId?: string;
  /** Where the clouds' endpoints come from (AZURE_AUTHORITY_HOST, LAKESHORE_ARM_ENDPOINT); default process.env. */
  env?: NodeJS.ProcessEnv;
  emit: <E extends EventName>(name: E, payload: EventPayloads[E]) => void;
  activity: (level: 'info' | 'error', message: string) => void;
  /** Called after a sign-out (the connections forget their opened clients). */
  onSignedOut?: () => void;
}

type AuthHandlers = Pick<
  Handlers,
  'auth.signIn' | 'auth.cancelSignIn' | 'auth.signOut' | 'auth.accounts'
>;

/**
 * The `auth.*` calls over one set of credential sessions per cloud (created on first use),
 * and the signed-in identities for the connections. One sign-in runs at a time.
 */
export function createAuth(options: AuthOptions): {
  handlers: AuthHandlers;
  identities: EntraIdentities;
  /** The cloud of that id (`custom`: the one the environment configures; InvalidInput when none is). */
  environment: (id: AzureEnvironmentId) => AzureEnvironment;
} {
  const env = options.env ?? process.env;
  const fromEnv = environmentFromEnv(env);
  const clientId = options.clientId ?? env.LAKESHORE_CLIENT_ID ?? defaultClientId;
  const sessions = new Map<AzureEnvironmentId, EntraSessions>();
  let signingIn: AbortController | undefined;

  const environmentOf = (id: AzureEnvironmentId): AzureEnvironment => environmentById(id, env);

  const sessionsOf = (id: AzureEnvironmentId): EntraSessions => {
    let s = sessions.get(id);
    if (!s) {
      s = createEntraSessions({
        dataDir: options.dataDir,
        cipher: options.cipher,
        environment: environmentOf(id),
        clientId,
        openBrowser: (url) =>
          options.openBrowser
            ? options.openBrowser(url)
            : options.emit('auth.browserPrompt', { url }),
      });
      sessions.set(id, s);
    }
    return s;
  };

  /** The clouds to look for accounts in: the configured one (custom or not) and any used. */
  const knownIds = (): AzureEnvironmentId[] => [...new Set([fromEnv.id, ...sessions.keys()])];

  const allAccounts = async (): Promise<EntraAccountSummary[]> => {
    const lists = await Promise.all(knownIds().map((id) => sessionsOf(id).accounts()));
    // One cache file holds every cloud's accounts: keep each under the cloud it signed in to.
    const seen = new Set<string>();
    return lists.flat().filter((a) => !seen.has(a.id) && seen.add(a.id)) as EntraAccountSummary[];
  };

  const announce = async () => options.emit('auth.accountsChanged', await allAccounts());

  const handlers: AuthHandlers = {
    async 'auth.signIn'({ flow, tenant, environment }) {
      if (signingIn) {
        failWith('Conflict', 'A sign-in is already waiting; finish or cancel it first.');
      }
      const controller = new AbortController();
      signingIn = controller;
      try {
        const account = await sessionsOf(environment ?? fromEnv.id).signIn({
          flow,
          ...(tenant ? { tenant } : {}),
          signal: controller.signal,
          onDeviceCode: (prompt) => options.emit('auth.deviceCode', prompt),
        });
        options.activity('info', `Signed in as ${account.username}.`);
        await announce();
        return account as EntraAccountSummary;
      } finally {
        signingIn = undefined;
      }
    },
    async 'auth.cancelSignIn'() {
      signingIn?.abort();
      return null;
    },
    async 'auth.signOut'({ accountId }) {
      for (const id of knownIds()) {
        if (await sessionsOf(id).signOut(accountId)) {
          options.onSignedOut?.();
          options.activity('info', 'Signed out.');
          await announce();
          return null;
        }
      }
      return failWith('NotFound', 'This account is not signed in.');
    },
    'auth.accounts': () => allAccounts(),
  };

  const identities: EntraIdentities = {
    async find(accountId) {
      const account = (await allAccounts()).find((a) => a.id === accountId);
      return account && { environment: account.environment, username: account.username };
    },
    credential: (accountId, environment) => sessionsOf(environment).credential(accountId),
  };

  return { handlers, identities, environment: environmentOf };
}
