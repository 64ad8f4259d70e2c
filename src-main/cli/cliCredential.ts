import { emulatorAccount } from '../emulator/azurite.js';
import type { AccountCredential } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';

/** Where the CLI's credentials come from: flags first, then the environment. */
export interface CredentialSources {
  connectionString?: string;
  /** A SAS token (with or without the leading `?`). */
  sas?: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Picks the credential for `location`, in order: `--connection-string`, `--sas`, a SAS in the
 * URL's own query, `AZURE_STORAGE_CONNECTION_STRING`, then `AZURE_STORAGE_KEY` with the account
 * named by the URL; for an emulator URL (devstoreaccount1 on 127.0.0.1 or localhost) without
 * any of these, the emulator's published development key. Returns `undefined` when none applies.
 */
export function resolveCliCredential(
  location: BlobLocation,
  sources: CredentialSources,
): AccountCredential | undefined {
  if (sources.connectionString)
    return { kind: 'connectionString', connectionString: sources.connectionString };
  const sas = sources.sas?.replace(/^\?/, '') || location.query;
  if (sas) {
    const scope = location.container ? `/${encodeURIComponent(location.container)}` : '/';
    return { kind: 'sas', url: `${location.blobEndpoint}${scope}?${sas}` };
  }
  if (sources.env.AZURE_STORAGE_CONNECTION_STRING) {
    return {
      kind: 'connectionString',
      connectionString: sources.env.AZURE_STORAGE_CONNECTION_STRING,
    };
  }
  if (sources.env.AZURE_STORAGE_KEY) {
    return {
      kind: 'accountKey',
      accountName: location.accountName,
      accountKey: sources.env.AZURE_STORAGE_KEY,
      blobEndpoint: location.blobEndpoint,
    };
  }
  const host = new URL(location.blobEndpoint).hostname;
  if (location.accountName === emulatorAccount.name && ['127.0.0.1', 'localhost'].includes(host)) {
    return {
      kind: 'accountKey',
      accountName: emulatorAccount.name,
      accountKey: emulatorAccount.key,
      blobEndpoint: location.blobEndpoint,
    };
  }
  return undefined;
}
