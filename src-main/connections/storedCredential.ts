import type { AzureEnvironmentId } from '../../shared/contract/index.js';
import type { ServicePrincipal } from '../auth/servicePrincipal.js';
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

/**
 * A service principal's identity on an account or one container: its tenant, application id
 * and secret (client secret or certificate PEM), sealed with the other connection secrets.
 */
export type ServicePrincipalCredentialRef = {
  kind: 'servicePrincipal';
  environment: AzureEnvironmentId;
  /** The cloud's authority host when it was added (`https://login.microsoftonline.com`). */
  authorityHost: string;
  blobEndpoint: string;
  container?: string;
  /** A folder of `container` attached by URL (no `/` at either end): browsing starts there. */
  directory?: string;
} & ServicePrincipal;

/**
 * A saved connection's credential: an account credential, the embedded emulator (resolved when
 * used), a signed-in identity or a service principal.
 */
export type StoredCredential =
  AccountCredential | { kind: 'emulator' } | EntraCredentialRef | ServicePrincipalCredentialRef;
