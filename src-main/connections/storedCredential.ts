import type { AzureEnvironmentId } from '../../shared/contract/index.js';
import type { AccountCredential } from '../storage/accountAccess.js';

/**
 * A signed-in Microsoft Entra ID account's identity on an account or one container; the
 * tokens stay in the sealed MSAL cache, only the account's id is kept here.
 */
export interface EntraCredentialRef {
  kind: 'entra';
  accountId: string;
  environment: AzureEnvironmentId;
  blobEndpoint: string;
  container?: string;
  /** A folder of `container` attached by URL (no `/` at either end): browsing starts there. */
  directory?: string;
}

/** A saved connection's credential: an account credential, the embedded emulator (resolved when used), or a signed-in identity. */
export type StoredCredential = AccountCredential | { kind: 'emulator' } | EntraCredentialRef;
