import { request as httpRequest } from 'node:http';
import { createServer, request as httpsRequest } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestTls } from '../entra/testTls.js';
import { hopByHopHeaders } from '../frontServer.js';
import { checkDirectorySas, type DirectorySasRefusal } from './directorySas.js';

/** A data role assignment of the stand-in: the role, on the whole account or one container. */
export interface DataRoleGrant {
  role: 'reader' | 'contributor' | 'owner';
  /** Absent: the account (every container). */
  container?: string;
  /**
   * Only this folder of `container` (no `/` at either end), as ADLS ACLs on it with execute on
   * its parents grant: its blobs, and listings whose prefix is inside it.
   */
  directory?: string;
}

/** A running front; `blobEndpoint` is the account URL to point clients at. */
export interface DataRoleFront {
  blobEndpoint: string;
  /**
   * Replaces a principal's grants: a user's by the token's `upn` (`login@domain`), a service
   * principal's by its app-only token's `appid` (the application id); none means no data role.
   */
  grant(principal: string, grants: DataRoleGrant[]): void;
  stop(): Promise<void>;
}

const rank = { reader: 0, contributor: 1, owner: 2 } as const;

/** What a request needs under Azure's built-in data roles: GET/HEAD read, ACL changes own, the rest write. */
function needed(method: string, query: URLSearchParams): DataRoleGrant['role'] {
  if (method === 'PATCH' && /^setAccessControl/.test(query.get('action') ?? '')) return 'owner';
  if (method === 'GET' || method === 'HEAD' || query.get('comp') === 'userdelegationkey') {
    return 'reader';
  }
  return 'contributor';
}

/**
 * The payload claims of an `Authorization: Bearer <JWT>` header value, decoded but not verified
 * (as Azurite with `--oauth basic` reads them); undefined for another scheme or a malformed token.
 */
export const bearerClaimsOf = (authorization: string): Record<string, unknown> | undefined => {
  const token = /^Bearer (.+)$/i.exec(authorization)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
};

const refuse = (
  res: ServerResponse,
  req: IncomingMessage,
  code: DirectorySasRefusal['code'] = 'AuthorizationPermissionMismatch',
): void => {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>`;
  res.writeHead(403, {
    'content-type': 'application/xml',
    'x-ms-error-code': code,
    'x-ms-request-id': `rbac-${Date.now()}`,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
};

/**
 * An HTTPS front on 127.0.0.1 that enforces Azure RBAC data roles for bearer tokens in front
 * of an HTTPS Azurite (which checks a token's claims but not roles): a request whose token's
 * principal (`upn`, or `appid` of an app-only token) holds no grant covering it (by role and account/container scope, as
 * https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory
 * describes) is answered 403 AuthorizationPermissionMismatch with Azure's XML body. A request
 * with a user delegation directory SAS (`sr=d`, which Azurite does not know) is checked here
 * (`checkDirectorySas`) and sent on re-signed. Everything else (and every request without a
 * bearer token) is passed to Azurite unchanged. The upstream may also be the DFS test server
 * (test/support/dfsServer, plain HTTP, itself before an HTTPS Azurite), for an HNS account whose
 * Data Lake calls take bearer tokens; ACL changes (`setAccessControl*`) then need Owner.
 */
export async function startDataRoleFront(options: {
  tls: TestTls;
  /**
   * The HTTPS Azurite's account URL, `https://127.0.0.1:PORT/devstoreaccount1`, or the DFS test
   * server's (`http://127.0.0.1:PORT/devstoreaccount1`) in front of it.
   */
  azuriteBlobEndpoint: string;
}): Promise<DataRoleFront> {
  const target = new URL(options.azuriteBlobEndpoint);
  const accountPath = target.pathname.replace(/\/+$/, '');
  const grants = new Map<string, DataRoleGrant[]>();
  const server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://front');
    const claims = bearerClaimsOf(String(req.headers.authorization ?? ''));
    if (claims) {
      const [container, ...rest] = url.pathname
        .slice(accountPath.length)
        .split('/')
        .filter(Boolean)
        .map(decodeURIComponent);
      const inside = (dir: string) => {
        const blob = rest.join('/');
        const listed =
          url.searchParams.get('comp') === 'list' ? url.searchParams.get('prefix') : null;
        return blob === dir || blob.startsWith(`${dir}/`) || (listed ?? '').startsWith(`${dir}/`);
      };
      const need = needed(req.method ?? 'GET', url.searchParams);
      const held = grants.get(String(claims.upn ?? claims.appid ?? '')) ?? [];
      const allowed = held.some(
        (g) =>
          rank[g.role] >= rank[need] &&
          (!g.container || g.container === container) &&
          (!g.directory || inside(g.directory)),
      );
      if (!allowed) {
        req.resume();
        refuse(res, req);
        return;
      }
    }
    let upstreamPath = req.url;
    if (!claims && url.searchParams.get('sr') === 'd') {
      const checked = checkDirectorySas({
        method: req.method ?? 'GET',
        url,
        accountName: accountPath.slice(1),
      });
      if ('refused' in checked) {
        req.resume();
        refuse(res, req, checked.refused.code);
        return;
      }
      upstreamPath = checked.forward;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !hopByHopHeaders.has(k)),
    );
    const upstream = (target.protocol === 'http:' ? httpRequest : httpsRequest)(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: upstreamPath,
        headers: { ...headers, host: target.host },
        ca: options.tls.ca,
      },
      (answer) => {
        res.writeHead(
          answer.statusCode ?? 502,
          Object.fromEntries(
            Object.entries(answer.headers).filter(([k]) => !hopByHopHeaders.has(k)),
          ) as Record<string, string>,
        );
        answer.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    blobEndpoint: `https://127.0.0.1:${port}${accountPath}`,
    grant: (principal, g) => void grants.set(principal, g),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
