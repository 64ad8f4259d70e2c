import type { TokenCredential } from '@azure/core-auth';
import type { NewConnection } from '../../shared/contract/index.js';
import { storageScope, type AzureEnvironment } from '../auth/azureEnvironments.js';
import { servicePrincipalCredential } from '../auth/servicePrincipal.js';
import type { TokenAccountCredential } from '../storage/accountAccess.js';
import { BlobUrlError, parseBlobUrl, type BlobLocation } from '../storage/blobUrl.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';
import type { ServicePrincipalCredentialRef } from './storedCredential.js';

/**
 * The account, container or folder an identity's connection opens, from its URL (no SAS).
 * Throws `InvalidInput` naming `field` for a malformed URL or one with a SAS signature.
 */
export function identityUrlLocation(url: string, field = 'url'): BlobLocation {
  let location;
  try {
    location = parseBlobUrl(url.trim());
  } catch (e) {
    if (e instanceof BlobUrlError)
      throw new LakeFailure({ code: 'InvalidInput', message: e.message, field });
    throw e;
  }
  if (/(^|&)sig=/.test(location.query)) {
    throw new LakeFailure({
      code: 'InvalidInput',
      message: 'This URL has a SAS: add it as a SAS connection, or paste the URL without "?…".',
      field,
    });
  }
  return location;
}

/** Where an identity's connection reaches, as its saved credential keeps it. */
export interface IdentityScope {
  blobEndpoint: string;
  container?: string;
  /** A folder of `container` attached by URL (no `/` at either end): browsing starts there. */
  directory?: string;
}

/** The blob endpoint, container and folder of an identity connection's URL (see `identityUrlLocation`, whose errors it throws). */
export function identityScope(url: string): IdentityScope {
  const location = identityUrlLocation(url);
  return {
    blobEndpoint: location.blobEndpoint,
    ...(location.container ? { container: location.container } : {}),
    ...(location.container && location.path ? { directory: location.path } : {}),
  };
}

/** The token account credential that reaches `scope` with `credential` (tokens asked for when used). */
export const tokenAccountAt = (
  scope: IdentityScope,
  credential: TokenCredential,
): TokenAccountCredential => ({
  kind: 'token',
  blobEndpoint: scope.blobEndpoint,
  credential,
  ...(scope.container ? { container: scope.container } : {}),
  ...(scope.directory ? { directory: scope.directory } : {}),
});

/** The saved credential of a service-principal connection in `cloud`, its secret kept as given (trimmed). */
export function servicePrincipalRef(
  input: Extract<NewConnection, { kind: 'servicePrincipal' }>,
  cloud: AzureEnvironment,
): ServicePrincipalCredentialRef {
  const secret =
    input.certificate !== undefined
      ? { certificate: input.certificate.trim() }
      : { clientSecret: (input.clientSecret ?? '').trim() };
  return {
    kind: 'servicePrincipal',
    environment: cloud.id,
    authorityHost: cloud.authorityHost,
    ...identityScope(input.url),
    tenantId: input.tenantId.trim(),
    clientId: input.clientId.trim(),
    ...secret,
  };
}

/** The token account credential of a saved service principal (tokens asked for when used). */
export function servicePrincipalAccount(
  ref: ServicePrincipalCredentialRef,
): TokenAccountCredential {
  return tokenAccountAt(
    ref,
    servicePrincipalCredential(ref, { id: ref.environment, authorityHost: ref.authorityHost }),
  );
}

/**
 * The token endpoint's OAuth error and the first line of its description, from what
 * @azure/identity rejects with: an `AuthenticationError`'s `errorResponse`, or the MSAL
 * `ServerError` it wraps; undefined for anything else (no answer, a bad configuration).
 */
function oauthRefusal(thrown: unknown): string | undefined {
  const e = thrown as {
    errorResponse?: { error?: string; errorDescription?: string };
    cause?: { name?: string; errorCode?: string; errorMessage?: string };
  };
  const server = e?.cause?.name === 'ServerError' ? e.cause : undefined;
  const error = e?.errorResponse?.error ?? server?.errorCode;
  const description = e?.errorResponse?.errorDescription ?? server?.errorMessage;
  if (!error) return undefined;
  // @azure/identity words it "Error(s): … - Description: <the service's> - Correlation ID: …".
  const text = description ?? '';
  const first = (/Description: (.*?)(?: - Correlation ID:|$)/.exec(text)?.[1] ?? text)
    .split('\n')[0]
    ?.trim();
  return first ? `${error}: ${first}` : error;
}

/**
 * Asks the identity platform for a storage token with `credential` before any storage request,
 * so a refused secret or certificate is told apart from a missing data role: a refusal rejects
 * with `AuthFailed` naming the application, what to check, the platform's own error, and the
 * form field of the secret (`clientSecret` or `certificate`). Never puts the secret in it.
 */
export async function checkServicePrincipal(
  account: TokenAccountCredential,
  ref: ServicePrincipalCredentialRef,
): Promise<void> {
  try {
    await account.credential.getToken(storageScope);
  } catch (e) {
    const refusal = oauthRefusal(e);
    if (!refusal) throw e;
    const error = toLakeError(e);
    const what = ref.certificate !== undefined ? 'certificate' : 'client secret';
    throw new LakeFailure({
      code: 'AuthFailed',
      message: `Microsoft Entra ID refused the ${what} of application ${ref.clientId} in tenant ${ref.tenantId} (${refusal}): check the tenant, the application (client) id and the ${what}. Nothing was saved.`,
      field: ref.certificate !== undefined ? 'certificate' : 'clientSecret',
      ...(error.status !== undefined ? { status: error.status } : {}),
    });
  }
}
