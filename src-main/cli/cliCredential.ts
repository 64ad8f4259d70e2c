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
 * named by the URL. Returns `undefined` when none is given.
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
  return undefined;
}
