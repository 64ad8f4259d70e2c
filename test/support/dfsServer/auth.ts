import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { dfsErrors } from './dfsErrors.js';
import { verifySharedKey } from './sharedKey.js';

/**
 * Authorizes a DFS request this server answers itself, following
 * https://learn.microsoft.com/rest/api/storageservices/authorize-requests-to-azure-storage :
 * a Shared Key signature is verified with the account key (403 AuthenticationFailed on mismatch);
 * a SAS is checked by asking Azurite a cheap Blob request with the same SAS (403 when Azurite
 * refuses it) and by the `sp` letters against `anyOfPermissions`
 * (403 AuthorizationPermissionMismatch); no credentials → 401 NoAuthenticationInformation.
 */
export const authorizeDfsRequest = async (
  ctx: DfsContext,
  req: DfsRequest,
  anyOfPermissions: string,
): Promise<void> => {
  const authorization = header(req, 'authorization');
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
