import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import type { NewConnection } from '../../shared/contract/index.js';
import {
  environmentFromEnv,
  needsKnownAuthority,
  storageScope,
} from '../auth/azureEnvironments.js';
import type { TokenAccountCredential } from '../storage/accountAccess.js';
import { LakeFailure } from '../storage/toLakeError.js';
import { identityScope, tokenAccountAt } from './servicePrincipalConnection.js';
import type { DefaultCredentialRef } from './storedCredential.js';

/** What the user reads when DefaultAzureCredential's chain finds no identity here. */
export const noDefaultCredential =
  'No default Azure credential is available here: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a certificate), use a managed or workload identity, or sign in with az login or azd auth login.';

/** The saved credential of a default-credential connection: its URL's scope and tenant, no secret. */
export function defaultCredentialRef(
  input: Extract<NewConnection, { kind: 'defaultCredential' }>,
): DefaultCredentialRef {
  const tenantId = input.tenantId?.trim();
  return {
    kind: 'defaultCredential',
    ...(tenantId ? { tenantId } : {}),
    ...identityScope(input.url),
  };
}

/**
 * The platform's OAuth error and description from what @azure/identity says about a refusal
 * ("invalid_client: Error(s): … - Description: <the service's> - Correlation ID: …" becomes
 * "invalid_client: <the service's>"), else its first line without the troubleshooting link.
 */
function refusalLine(e: { message?: unknown; errorResponse?: { errorDescription?: string } }) {
  const line = (e.errorResponse?.errorDescription || String(e.message ?? ''))
    .split('\n')[0]!
    .replace(/\s*To troubleshoot, visit \S+/g, '')
    .trim();
  const description = /Description: (.*?)(?: - Correlation ID:|$)/.exec(line)?.[1]?.trim();
  const error = /^([a-z_]+):/.exec(line)?.[1];
  return description ? `${error ? `${error}: ` : ''}${description}` : line;
}

/**
 * Azure's DefaultAzureCredential (environment variables, workload identity, managed identity,
 * Azure CLI, Azure Developer CLI…) in `tenantId` when given, at the authority host of the cloud
 * `env` names (`AZURE_AUTHORITY_HOST`; instance discovery off in a custom cloud, whose authority
 * is on no list Entra publishes). Its `getToken` rejects with `AuthFailed` in words: that no
 * identity is available here (`noDefaultCredential`, for CredentialUnavailableError and
 * AggregateAuthenticationError, never the chain's list of reasons), or that Microsoft Entra ID
 * refused the one it found (AuthenticationError, the platform's first line); anything else as
 * thrown.
 */
export function defaultAzureCredential(
  tenantId: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): TokenCredential {
  const cloud = environmentFromEnv(env);
  const chain = new DefaultAzureCredential({
    ...(tenantId ? { tenantId } : {}),
    authorityHost: cloud.authorityHost,
    ...(needsKnownAuthority(cloud) ? { disableInstanceDiscovery: true } : {}),
  });
  return {
    async getToken(scopes, options) {
      try {
        return await chain.getToken(scopes, options);
      } catch (e) {
        const error = e as { name?: string; message?: unknown; statusCode?: number };
        if (
          error?.name === 'CredentialUnavailableError' ||
          error?.name === 'AggregateAuthenticationError'
        )
          throw new LakeFailure({ code: 'AuthFailed', message: noDefaultCredential });
        if (error?.name === 'AuthenticationError') {
          const line = refusalLine(error);
          throw new LakeFailure({
            code: 'AuthFailed',
            message: `Microsoft Entra ID refused the identity the default Azure credential found here${line ? ` (${line})` : ''}: check AZURE_TENANT_ID, AZURE_CLIENT_ID and its secret or certificate, or sign in again with az login or azd auth login.`,
            ...(error.statusCode ? { status: error.statusCode } : {}),
          });
        }
        throw e;
      }
    },
  };
}

/** The token account credential of a saved default-credential connection (tokens asked for when used). */
export function defaultCredentialAccount(
  ref: DefaultCredentialRef,
  env: NodeJS.ProcessEnv = process.env,
): TokenAccountCredential {
  return tokenAccountAt(ref, defaultAzureCredential(ref.tenantId, env));
}

/**
 * Asks for a storage token before any storage request, so that no identity here (or one
 * Microsoft Entra ID refuses) is told apart from a missing data role: rejects with the
 * credential's `AuthFailed` (see `defaultAzureCredential`), ending "Nothing was saved."
 */
export async function checkDefaultCredential(account: TokenAccountCredential): Promise<void> {
  try {
    await account.credential.getToken(storageScope);
  } catch (e) {
    if (e instanceof LakeFailure && e.error.code === 'AuthFailed')
      throw new LakeFailure({ ...e.error, message: `${e.error.message} Nothing was saved.` });
    throw e;
  }
}
