import type { ErrorCode, LakeError } from '../../shared/contract/index.js';
import { missingDataRole, missingDataRoleMessage } from './missingDataRole.js';

/** An Error that already carries a contract error (thrown inside main, turned into data at the boundary). */
export class LakeFailure extends Error {
  readonly error: LakeError;
  constructor(error: LakeError) {
    super(error.message);
    this.name = 'LakeFailure';
    this.error = error;
  }
}

/** Throws a `LakeFailure` with `code` and `message`. */
export const failWith = (code: ErrorCode, message: string): never => {
  throw new LakeFailure({ code, message });
};

interface RestLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  response?: { headers?: { get(name: string): string | undefined } };
  request?: {
    url?: string;
    method?: string;
    headers?: { get(name: string): string | undefined };
  };
  details?: { errorCode?: string };
}

const networkUnreachable = new Set([
  'ENOTFOUND',
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const networkTransient = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'REQUEST_SEND_ERROR',
]);

/**
 * Maps a status and `x-ms-error-code` to a contract code. Rules from the Blob service error
 * code reference (https://learn.microsoft.com/rest/api/storageservices/blob-service-error-codes)
 * and the common REST error codes page.
 */
export function codeForStatus(status: number, azureCode: string | undefined): ErrorCode {
  if (status === 404) return 'NotFound';
  if (status === 401) return 'AuthFailed';
  if (status === 403) {
    // AuthenticationFailed covers a wrong key, a bad signature and an expired SAS.
    return azureCode === 'AuthenticationFailed' || azureCode === 'InvalidAuthenticationInfo'
      ? 'AuthFailed'
      : 'PermissionDenied';
  }
  if (status === 409) return azureCode?.endsWith('AlreadyExists') ? 'AlreadyExists' : 'Conflict';
  if (status === 412) return 'Conflict';
  if (status === 408) return 'Timeout';
  if (status === 429 || status === 500 || status === 502 || status === 503 || status === 504) {
    return 'Transient';
  }
  if (status === 400) return 'InvalidInput';
  return 'Unknown';
}

/**
 * Explanations by the service's error code, where the contract code's general one would
 * mislead. AuthorizationFailure is what Azurite answers for a wrong account key and for an
 * expired SAS, and what Azure answers when a SAS, firewall or policy does not allow the
 * request: it does not say the credentials are valid.
 */
const explainAzureCode = new Map<string, string>([
  [
    'AuthorizationFailure',
    'The service refused the request: the key or SAS may be wrong or expired, or lack permission for this operation.',
  ],
  [
    'AuthorizationPermissionMismatch',
    'The credentials are valid but lack permission for this operation.',
  ],
]);

/**
 * Explanations of the same codes when the request carried an Entra ID bearer token (RBAC):
 * keys and SAS are not involved then. Azurite answers a token for another audience with 403
 * AuthenticationFailed, Azure with 401 InvalidAuthenticationInfo.
 */
const explainBearerCode = new Map<string, string>([
  [
    'AuthenticationFailed',
    'The storage service refused the Microsoft Entra ID token: it may be for another audience than https://storage.azure.com, from another tenant than the account, or expired. Sign in again.',
  ],
  [
    'InvalidAuthenticationInfo',
    'The storage service refused the Microsoft Entra ID token: it may be for another audience than https://storage.azure.com, from another tenant than the account, or expired. Sign in again.',
  ],
  [
    'AuthorizationPermissionMismatch',
    'You are signed in, but your identity has no data role for this on the account or container: ask for Storage Blob Data Reader (to read), Contributor (to write) or Owner (for ACLs).',
  ],
]);

/**
 * A bearer-token refusal in words: AuthorizationPermissionMismatch names the data role the
 * request needed and its scope (from the request's method and URL), the others as above.
 */
function explainBearer(azureCode: string, request: RestLike['request']): string | undefined {
  if (azureCode === 'AuthorizationPermissionMismatch' && request?.url && request.method) {
    const missing = missingDataRole(request.method, request.url);
    if (missing) return missingDataRoleMessage(missing);
  }
  return explainBearerCode.get(azureCode);
}

const explain: Partial<Record<ErrorCode, string>> = {
  AuthFailed:
    'The service refused the credentials: check the account key or SAS (a SAS may have expired).',
  PermissionDenied: 'The credentials are valid but lack permission for this operation.',
  NotFound: 'Not found.',
  Unreachable:
    'Could not reach the storage endpoint: check the account name or URL and the network.',
  Transient: 'The service is busy or the connection dropped; try again.',
  Timeout: 'The request timed out; try again.',
};

/**
 * The scheme, host, port and path of a request URL, without its query (which may hold a SAS
 * signature) or credentials; undefined for a missing or unparsable URL.
 */
function urlWithoutQuery(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * Turns anything thrown by the Azure SDK, Node's network stack or our own code into a
 * `LakeError`, by `statusCode` and `code`, never by message text. Keeps the HTTP status and
 * `x-ms-request-id` when the service sent them.
 */
export function toLakeError(thrown: unknown): LakeError {
  if (thrown instanceof LakeFailure) return thrown.error;
  const err = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as RestLike;
  if (err.name === 'AbortError') return { code: 'Cancelled', message: 'Cancelled.' };
  // The reason of an `AbortSignal.timeout` signal.
  if (err.name === 'TimeoutError')
    return { code: 'Timeout', message: 'The operation took too long and was stopped.' };
  const status =
    typeof err.statusCode === 'number' && err.statusCode > 0 ? err.statusCode : undefined;
  const headers = err.response?.headers;
  const azureCode = headers?.get('x-ms-error-code') ?? err.details?.errorCode ?? undefined;
  const requestId = headers?.get('x-ms-request-id') ?? undefined;
  // The scheme only, never the token.
  const bearer = /^Bearer /i.test(err.request?.headers?.get('authorization') ?? '');
  if (status !== undefined) {
    const code = codeForStatus(status, azureCode ?? err.code);
    const detail = azureCode ? `${azureCode}: ` : '';
    const firstLine = (err.message ?? '').split('\n')[0] ?? '';
    return {
      code,
      message: `${(azureCode ? ((bearer ? explainBearer(azureCode, err.request) : undefined) ?? explainAzureCode.get(azureCode)) : undefined) ?? explain[code] ?? 'The service answered with an error.'} (${detail}HTTP ${status}${firstLine && !detail ? `: ${firstLine}` : ''})`,
      status,
      ...(requestId ? { requestId } : {}),
      ...(azureCode ? { azureCode } : {}),
    };
  }
  if (err.code && networkUnreachable.has(err.code)) {
    const tried = urlWithoutQuery(err.request?.url);
    return {
      code: 'Unreachable',
      message: tried
        ? `Could not reach the storage endpoint at ${tried}: check the account name or URL and the network. (${err.code})`
        : `${explain.Unreachable} (${err.code})`,
    };
  }
  if (err.code && networkTransient.has(err.code)) {
    return {
      code: 'Transient',
      message: `${explain.Transient} (${err.code}: ${err.message ?? ''})`,
    };
  }
  // @azure/identity's credentials found no token: one that cannot work here, or
  // DefaultAzureCredential's chain (its message lists each source's reason after the first
  // line). A refusal (AuthenticationError) carries its status and is mapped above.
  if (err.name === 'CredentialUnavailableError') {
    return {
      code: 'AuthFailed',
      message: `No credential is available here: ${(err.message ?? '').split('\n')[0]}`,
    };
  }
  if (err.name === 'AggregateAuthenticationError') {
    const reasons = (err.message ?? '').split('\n').slice(1).filter(Boolean);
    return {
      code: 'AuthFailed',
      message: `No credential of DefaultAzureCredential's chain could sign in here: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a workload or managed identity), run az login or azd auth login, or use lakeshore login.${reasons.length ? `\n${reasons.join('\n')}` : ''}`,
    };
  }
  const message = typeof err.message === 'string' && err.message ? err.message : String(thrown);
  return { code: 'Unknown', message };
}
