import { emulatorAccount } from '../emulator/azurite.js';
import type { AccountCredential, TokenAccountCredential } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { connectionStringAccount, normalizeEndpoint } from '../storage/connectionStringAccount.js';
import { UsageError } from './usageError.js';

/** Where the CLI's credentials come from: the command's flags, then the environment. */
export interface CredentialSources {
  connectionString?: string;
  /** A SAS token (with or without the leading `?`). */
  sas?: string;
  env: NodeJS.ProcessEnv;
}

const described = (location: BlobLocation) =>
  `account "${location.accountName}" at ${location.blobEndpoint}`;

/**
 * A connection string as the credential for `location`, after checking that it reaches the
 * account and endpoint the URL names. Throws `UsageError` naming both when they differ, so a
 * command never acts on another account than the one it was given.
 */
function connectionStringFor(
  location: BlobLocation,
  connectionString: string,
  origin: string,
): AccountCredential {
  const account = connectionStringAccount(connectionString);
  if (!account) {
    throw new UsageError(
      `${origin} names no account (no AccountName or BlobEndpoint); expected AccountName=…;AccountKey=… or BlobEndpoint=…;SharedAccessSignature=….`,
    );
  }
  const sameEndpoint =
    normalizeEndpoint(account.blobEndpoint) === normalizeEndpoint(location.blobEndpoint);
  const sameAccount =
    account.accountName === undefined ||
    account.accountName.toLowerCase() === location.accountName.toLowerCase();
  if (!sameEndpoint || !sameAccount) {
    throw new UsageError(
      `${origin} is for account "${account.accountName ?? '?'}" at ${account.blobEndpoint}, but the URL names ${described(location)}. ` +
        'Nothing was done. Give a credential for the account in the URL, or the URL of the account in the credential.',
    );
  }
  return { kind: 'connectionString', connectionString };
}

/** Throws `UsageError` when `AZURE_STORAGE_ACCOUNT` is set and names another account than the URL. */
function checkEnvAccount(location: BlobLocation, env: NodeJS.ProcessEnv, what: string): void {
  const named = env.AZURE_STORAGE_ACCOUNT;
  if (named && named.toLowerCase() !== location.accountName.toLowerCase()) {
    throw new UsageError(
      `AZURE_STORAGE_ACCOUNT is "${named}", but the URL names ${described(location)}; ${what} is for "${named}". Nothing was done.`,
    );
  }
}

/**
 * Picks the credential for `location`, most specific first: a SAS in the URL's own query,
 * `--sas`, `--connection-string`, `AZURE_STORAGE_CONNECTION_STRING`, `AZURE_STORAGE_SAS_TOKEN`,
 * `AZURE_STORAGE_KEY` (for the account the URL names, or `AZURE_STORAGE_ACCOUNT`), and for an
 * http emulator URL (devstoreaccount1 on 127.0.0.1 or localhost) the emulator's published
 * development key. Returns `undefined` when none applies. Throws `UsageError` before any
 * request when the credential picked is for another account or endpoint than the URL's.
 */
export function resolveCliCredential(
  location: BlobLocation,
  sources: CredentialSources,
): AccountCredential | undefined {
  const { env } = sources;
  const sasUrl = (token: string): AccountCredential => {
    const scope = location.container ? `/${encodeURIComponent(location.container)}` : '/';
    return { kind: 'sas', url: `${location.blobEndpoint}${scope}?${token.replace(/^\?/, '')}` };
  };
  if (location.query) return sasUrl(location.query);
  if (sources.sas) return sasUrl(sources.sas);
  if (sources.connectionString)
    return connectionStringFor(location, sources.connectionString, '--connection-string');
  if (env.AZURE_STORAGE_CONNECTION_STRING) {
    return connectionStringFor(
      location,
      env.AZURE_STORAGE_CONNECTION_STRING,
      'AZURE_STORAGE_CONNECTION_STRING',
    );
  }
  if (env.AZURE_STORAGE_SAS_TOKEN) {
    checkEnvAccount(location, env, 'AZURE_STORAGE_SAS_TOKEN');
    return sasUrl(env.AZURE_STORAGE_SAS_TOKEN);
  }
  if (env.AZURE_STORAGE_KEY) {
    checkEnvAccount(location, env, 'AZURE_STORAGE_KEY');
    return {
      kind: 'accountKey',
      accountName: location.accountName,
      accountKey: env.AZURE_STORAGE_KEY,
      blobEndpoint: location.blobEndpoint,
    };
  }
  const endpoint = new URL(location.blobEndpoint);
  // Over http only: an https emulator (Azurite with --oauth) is reached with a signed-in identity.
  if (
    endpoint.protocol === 'http:' &&
    location.accountName === emulatorAccount.name &&
    ['127.0.0.1', 'localhost'].includes(endpoint.hostname)
  ) {
    return {
      kind: 'accountKey',
      accountName: emulatorAccount.name,
      accountKey: emulatorAccount.key,
      blobEndpoint: location.blobEndpoint,
    };
  }
  return undefined;
}

/** `resolveCliCredential`, throwing `UsageError` saying where credentials come from when none applies. */
export function requireCliCredential(
  location: BlobLocation,
  sources: CredentialSources,
): AccountCredential {
  const credential = resolveCliCredential(location, sources);
  if (credential) return credential;
  // Over https a signed-in identity is used when there is one (credentialFor), so say so.
  const login = location.blobEndpoint.startsWith('https:')
    ? ' Or sign in with lakeshore login (Microsoft Entra ID), or use --auth default.'
    : '';
  throw new UsageError(
    `No credentials for ${described(location)}: pass --connection-string or --sas, put a SAS in the URL, or set AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_SAS_TOKEN or AZURE_STORAGE_KEY.${login}`,
  );
}

/** What a CLI command opens storage with: an account credential, or a bearer-token one (`lakeshore login`, `--auth default`). */
export type CliCredential = AccountCredential | TokenAccountCredential;
