import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { dfsErrors } from './dfsErrors.js';
import { verifySharedKey } from './sharedKey.js';
import { bearerClaimsOf } from '../rbac/dataRoleFront.js';

/** Audiences of a storage access token, as Azure Storage (and Azurite's --oauth basic) accept them. */
const STORAGE_AUDIENCES = new Set([
  'https://storage.azure.com',
  'https://storage.azure.com/',
  'e406a681-f3d4-42a8-90b6-c2b029497af1',
]);

/**
 * Checks a bearer token's claims as Azurite with `--oauth basic` does (no signature): `iss`
 * from `https://sts.windows.net/`, a storage `aud`, `iat`, and `nbf` ≤ now < `exp` (seconds).
 * Throws 403 AuthenticationFailed otherwise. Data roles are the data-role front's part
 * (test/support/rbac), placed before this server.
 */
const checkBearer = (authorization: string): void => {
  const claims = bearerClaimsOf(authorization);
  const now = Date.now() / 1000;
  const ok =
    claims !== undefined &&
    String(claims.iss ?? '').startsWith('https://sts.windows.net/') &&
    STORAGE_AUDIENCES.has(String(claims.aud ?? '')) &&
    typeof claims.iat === 'number' &&
    typeof claims.nbf === 'number' &&
    typeof claims.exp === 'number' &&
    claims.nbf <= now &&
    claims.exp > now;
  if (!ok) throw dfsErrors.authenticationFailed();
};

/**
 * Authorizes a DFS request this server answers itself, following
 * https://learn.microsoft.com/rest/api/storageservices/authorize-requests-to-azure-storage :
 * a Shared Key signature is verified with the account key (403 AuthenticationFailed on mismatch);
 * a SAS is checked by asking Azurite a cheap Blob request with the same SAS (403 when Azurite
 * refuses it) and by the `sp` letters against `anyOfPermissions`
 * (403 AuthorizationPermissionMismatch); a Microsoft Entra bearer token has its claims checked
 * (`checkBearer`); no credentials → 401 NoAuthenticationInformation.
 */
export const authorizeDfsRequest = async (
  ctx: DfsContext,
  req: DfsRequest,
  anyOfPermissions: string,
): Promise<void> => {
  const authorization = header(req, 'authorization');
  if (authorization && /^Bearer /i.test(authorization)) {
    checkBearer(authorization);
    return;
  }
  if (authorization) {
    if (!/^SharedKey /i.test(authorization)) throw dfsErrors.authenticationFailed();
    const ok = verifySharedKey(
      authorization,
      ctx.accountName,
      ctx.accountKey,
      req.method,
      req.rawUrl,
      req.headers,
    );
    if (!ok) throw dfsErrors.authenticationFailed();
    return;
  }
  if (!req.query.has('sig')) throw dfsErrors.noAuthenticationInformation();
  const sas = sasQuery(req.query);
  const account = encodeURIComponent(ctx.accountName);
  const fs = encodeURIComponent(req.fs);
  const probe =
    req.path === ''
      ? `${ctx.azuriteOrigin}/${account}/${fs}?restype=container&comp=list&maxresults=1&${sas}`
      : `${ctx.azuriteOrigin}/${account}/${fs}/${req.path.split('/').map(encodeURIComponent).join('/')}?${sas}`;
  const res = await fetch(probe, {
    method: req.path === '' ? 'GET' : 'HEAD',
    headers: { 'x-ms-version': header(req, 'x-ms-version') ?? '2025-01-05' },
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status === 401 || res.status === 403) throw dfsErrors.authenticationFailed();
  const granted = req.query.get('sp') ?? '';
  if (![...anyOfPermissions].some((p) => granted.includes(p))) {
    throw dfsErrors.authorizationPermissionMismatch();
  }
};

const SAS_PARAMS = new Set([
  'sv',
  'ss',
  'srt',
  'sp',
  'se',
  'st',
  'spr',
  'sip',
  'sig',
  'sr',
  'si',
  'sdd',
  'skoid',
  'sktid',
  'skt',
  'ske',
  'sks',
  'skv',
  'saoid',
  'suoid',
  'scid',
  'ses',
  'rscc',
  'rscd',
  'rsce',
  'rscl',
  'rsct',
]);

/** Only the SAS parameters of a query string, re-encoded. */
export const sasQuery = (query: URLSearchParams): string => {
  const out = new URLSearchParams();
  for (const [k, v] of query) if (SAS_PARAMS.has(k)) out.append(k, v);
  return out.toString();
};
