import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { clientIdOf, environmentFromEnv } from '../auth/azureEnvironments.js';
import { savedClientId } from '../settings/settingsStore.js';
import {
  createEntraSessions,
  type EntraAccount,
  type EntraSessions,
} from '../auth/entraSessions.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { resolveDataDir } from '../platform/dataDir.js';
import type { CliIo } from './output.js';

/** The account `lakeshore login` signed in last, kept beside the token cache (an id, never a token). */
interface CliAccountRef {
  id: string;
  username: string;
}

const accountFile = (dataDir: string): string => path.join(dataDir, 'auth', 'cli-account.json');

/** Opens `url` in the system browser, if there is one; the URL is printed either way. */
function openSystemBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser here: the user opens the printed URL.
  }
}

/**
 * The CLI's credential sessions: the same MSAL token cache file as the app in browser mode in
 * the same data folder (`LAKESHORE_DATA_DIR` or the OS's), a 0600 file; the desktop app's
 * cache, sealed by Electron safeStorage, is a file of its own that plain Node cannot open;
 * the cloud from `AZURE_AUTHORITY_HOST`/`LAKESHORE_ARM_ENDPOINT`, the client id from
 * `LAKESHORE_CLIENT_ID`, else the app's Settings → Sign-in, else `defaultClientId`. The browser flow prints the sign-in URL to stderr and tries to open it.
 */
export function cliSessions(io: CliIo): EntraSessions {
  return createEntraSessions({
    dataDir: resolveDataDir(io.env),
    cipher: plainFileCipher,
    environment: environmentFromEnv(io.env),
    clientId: clientIdOf(io.env, savedClientId(resolveDataDir(io.env))),
    openBrowser: (url) => {
      io.stderr(`Opening the sign-in page in your browser. If it does not open, go to:\n${url}\n`);
      if (!io.env.LAKESHORE_NO_BROWSER) openSystemBrowser(url);
    },
  });
}

/** The account `lakeshore login` signed in, or undefined (never signed in, or signed out). */
export function cliAccount(io: CliIo): CliAccountRef | undefined {
  try {
    const ref = JSON.parse(
      readFileSync(accountFile(resolveDataDir(io.env)), 'utf8'),
    ) as CliAccountRef;
    return typeof ref.id === 'string' && typeof ref.username === 'string' ? ref : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers `account` as the CLI's signed-in identity. */
export function rememberCliAccount(io: CliIo, account: EntraAccount): void {
  const file = accountFile(resolveDataDir(io.env));
  mkdirSync(path.dirname(file), { recursive: true });
  const ref: CliAccountRef = { id: account.id, username: account.username };
  writeFileSync(file, `${JSON.stringify(ref)}\n`, { mode: 0o600 });
}

/** Forgets the CLI's signed-in identity (its tokens are removed by `signOut`). */
export function forgetCliAccount(io: CliIo): void {
  rmSync(accountFile(resolveDataDir(io.env)), { force: true });
}

/**
 * A credential of the identity `lakeshore login` signed in, refreshing silently from the
 * shared cache; undefined when no one is signed in. Its `getToken` rejects with `AuthFailed`
 * "sign in again" when the refresh token no longer works.
 */
export function cliEntraCredential(io: CliIo): TokenCredential | undefined {
  const account = cliAccount(io);
  if (!account) return undefined;
  let sessions: EntraSessions | undefined;
  return {
    getToken: (scopes, options) =>
      (sessions ??= cliSessions(io)).credential(account.id).getToken(scopes, options),
  };
}
