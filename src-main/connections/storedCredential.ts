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
 * The identity Azure's DefaultAzureCredential finds where Lakeshore runs (environment
 * variables, workload or managed identity, Azure CLI, Azure Developer CLI) on an account or one
 * container, in `tenantId` when one was given. No secret: it is looked up each time it opens.
 */
export interface DefaultCredentialRef {
  kind: 'defaultCredential';
  tenantId?: string;
  blobEndpoint: string;
  container?: string;
  /** A folder of `container` attached by URL (no `/` at either end): browsing starts there. */
  directory?: string;
}

/**
 * A saved connection's credential: an account credential, the embedded emulator (resolved when
 * used), a signed-in identity, a service principal or the default Azure credential.
 */
export type StoredCredential =
  | AccountCredential
  | { kind: 'emulator' }
  | EntraCredentialRef
  | ServicePrincipalCredentialRef
  | DefaultCredentialRef;
