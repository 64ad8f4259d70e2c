import type {
  AzureEnvironmentId,
  EntraAccountSummary,
  EventName,
  EventPayloads,
} from '../../shared/contract/index.js';
import {
  clientIdOf,
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
  /** The public client's application id, over any other; default `clientIdOf` (LAKESHORE_CLIENT_ID, Settings, `defaultClientId`). */
  clientId?: string;
  /** The application id saved in Settings → Sign-in, asked at each sign-in and token request. */
  savedClientId?: () => Promise<string | undefined>;
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
  const clientId = async (): Promise<string> =>
    options.clientId ?? clientIdOf(env, await options.savedClientId?.());
  /** One set of sessions per cloud and application id (a changed setting gets new ones). */
  const sessions = new Map<string, EntraSessions>();
  const usedClouds = new Set<AzureEnvironmentId>();
  let signingIn: AbortController | undefined;

  const environmentOf = (id: AzureEnvironmentId): AzureEnvironment => environmentById(id, env);

  const sessionsOf = async (id: AzureEnvironmentId): Promise<EntraSessions> => {
    const app = await clientId();
    const key = `${id} ${app}`;
    let s = sessions.get(key);
    if (!s) {
      s = createEntraSessions({
        dataDir: options.dataDir,
        cipher: options.cipher,
        environment: environmentOf(id),
        clientId: app,
        openBrowser: (url) =>
          options.openBrowser
            ? options.openBrowser(url)
            : options.emit('auth.browserPrompt', { url }),
      });
      sessions.set(key, s);
      usedClouds.add(id);
    }
    return s;
  };

  /** The clouds to look for accounts in: the configured one (custom or not) and any used. */
  const knownIds = (): AzureEnvironmentId[] => [...new Set([fromEnv.id, ...usedClouds])];

  const allAccounts = async (): Promise<EntraAccountSummary[]> => {
    const lists = await Promise.all(
      knownIds().map(async (id) => (await sessionsOf(id)).accounts()),
    );
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
        const account = await (
          await sessionsOf(environment ?? fromEnv.id)
        ).signIn({
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
        if (await (await sessionsOf(id)).signOut(accountId)) {
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
    // The sessions of the application id in force when a token is asked for.
    credential: (accountId, environment) => ({
      getToken: async (scopes, tokenOptions) =>
        (await sessionsOf(environment)).credential(accountId).getToken(scopes, tokenOptions),
    }),
  };

  return { handlers, identities, environment: environmentOf };
}
