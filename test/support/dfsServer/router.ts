import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { getPathStatus, setAccessControl, setAccessControlRecursive } from './accessControl.js';
import { accessControlHeaders } from './aclStore.js';
import { appendData, flushData } from './appendFlush.js';
import { authorizeDfsRequest } from './auth.js';
import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { createPath } from './createPath.js';
import { deletePath } from './deletePath.js';
import { dfsErrors, sendDfs, sendDfsError } from './dfsErrors.js';
import { filesystemOperation } from './filesystemOps.js';
import { listPaths } from './listPaths.js';
import { passThrough } from './passThrough.js';
import { setPathProperties } from './pathProperties.js';
import { renamePath } from './renamePath.js';

/** The DFS operations this server answers itself. */
type Operation =
  | 'listPaths'
  | 'filesystem'
  | 'create'
  | 'rename'
  | 'delete'
  | 'getStatus'
  | 'append'
  | 'flush'
  | 'setAccessControl'
  | 'setAccessControlRecursive'
  | 'setProperties';

/** SAS permission letters, any of which allows an operation. */
const SAS_PERMISSIONS: Record<Operation, string> = {
  listPaths: 'l',
  filesystem: 'rwcd',
  create: 'cw',
  rename: 'mw',
  delete: 'd',
  getStatus: 'r',
  append: 'aw',
  flush: 'w',
  setAccessControl: 'pow',
  setAccessControlRecursive: 'pow',
  setProperties: 'w',
};

const PATCH_ACTIONS: Record<string, Operation> = {
  append: 'append',
  flush: 'flush',
  setAccessControl: 'setAccessControl',
  setAccessControlRecursive: 'setAccessControlRecursive',
  setProperties: 'setProperties',
};

/**
 * Tells DFS requests from Blob requests (both arrive on the same URL) by method, query
 * parameters and `x-ms-rename-source`; undefined means "Blob API, pass through".
 */
export const classify = (req: DfsRequest): Operation | undefined => {
  const { method, query, fs, path } = req;
  const action = query.get('action') ?? '';
  if (fs === '') return undefined;
  if (path === '' && query.get('resource') === 'filesystem') {
    if (method === 'GET') return 'listPaths';
    if (['PUT', 'DELETE', 'HEAD', 'PATCH'].includes(method)) return 'filesystem';
  }
  if (method === 'HEAD' && (action === 'getAccessControl' || action === 'getStatus')) {
    return 'getStatus';
  }
  if (method === 'PATCH') return PATCH_ACTIONS[action] ?? 'setProperties';
  if (path === '') return undefined;
  if (method === 'PUT') {
    if (header(req, 'x-ms-rename-source') !== undefined) return 'rename';
    if (query.has('resource')) return 'create';
  }
  if (method === 'DELETE' && query.has('recursive')) return 'delete';
  return undefined;
};

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const findHeader = (headers: OutgoingHttpHeaders, name: string): string | undefined => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : headers[key];
  return v === undefined ? undefined : String(Array.isArray(v) ? v[0] : v);
};

/**
 * Blob Get Properties (plain HEAD) passes through, with x-ms-resource-type and the owner/group/
 * permissions added; a directory that exists only as a name prefix answers like a marker blob.
 */
const headPassThrough = (
  ctx: DfsContext,
  dfs: DfsRequest,
  req: IncomingMessage,
  res: ServerResponse,
) =>
  passThrough(
    ctx.azuriteOrigin,
    req,
    res,
    async (status, headers) => {
      if (status === 200) {
        const isDirectory = findHeader(headers, 'x-ms-meta-hdi_isfolder')?.toLowerCase() === 'true';
        const ac = accessControlHeaders(ctx.acls.get(dfs.fs, dfs.path, isDirectory));
        return {
          status,
          headers: {
            ...headers,
            'x-ms-resource-type': isDirectory ? 'directory' : 'file',
            'x-ms-owner': ac['x-ms-owner'],
            'x-ms-group': ac['x-ms-group'],
            'x-ms-permissions': ac['x-ms-permissions'],
          },
        };
      }
      if (status !== 404) return undefined;
      const state = await ctx.store.resolve(dfs.fs, dfs.path);
      if (state.kind !== 'directory') return undefined;
      const ac = accessControlHeaders(ctx.acls.get(dfs.fs, dfs.path, true));
      const when = state.sample?.lastModified ?? new Date();
      const kept = Object.fromEntries(
        Object.entries(headers).filter(([k]) =>
          /^(x-ms-request-id|x-ms-version|date|x-ms-client-request-id)$/i.test(k),
        ),
      );
      return {
        status: 200,
        headers: {
          ...kept,
          'content-length': '0',
          'content-type': 'application/octet-stream',
          etag: `"0x8D${Buffer.from(dfs.path).toString('hex').slice(0, 13).toUpperCase().padEnd(13, '0')}"`,
          'last-modified': when.toUTCString(),
          'x-ms-creation-time': (state.sample?.createdOn ?? when).toUTCString(),
          'x-ms-blob-type': 'BlockBlob',
          'x-ms-meta-hdi_isfolder': 'true',
          'x-ms-resource-type': 'directory',
          'x-ms-server-encrypted': 'false',
          'x-ms-owner': ac['x-ms-owner'],
          'x-ms-group': ac['x-ms-group'],
          'x-ms-permissions': ac['x-ms-permissions'],
        },
      };
    },
    ctx.azuriteCa,
  );

const run = async (
  ctx: DfsContext,
  op: Operation,
  dfs: DfsRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> => {
  const body = await readBody(req);
  await authorizeDfsRequest(ctx, dfs, SAS_PERMISSIONS[op]);
  const reply = (status: number, headers: Record<string, string>, json?: unknown) =>
    sendDfs(res, status, dfs.headers, headers, json);
  switch (op) {
    case 'listPaths': {
      const r = await listPaths(ctx, dfs);
      return reply(200, r.headers, r.body);
    }
    case 'filesystem': {
      const r = await filesystemOperation(ctx, dfs);
      return reply(r.status, r.headers);
    }
    case 'create':
      return reply(201, await createPath(ctx, dfs));
    case 'rename':
      return reply(201, await renamePath(ctx, dfs));
    case 'delete':
      return reply(200, await deletePath(ctx, dfs));
    case 'getStatus':
      return reply(200, await getPathStatus(ctx, dfs));
    case 'append':
      return reply(202, await appendData(ctx, dfs, body));
    case 'flush':
      return reply(200, await flushData(ctx, dfs));
    case 'setAccessControl':
      return reply(200, await setAccessControl(ctx, dfs));
    case 'setAccessControlRecursive': {
      const r = await setAccessControlRecursive(ctx, dfs);
      return reply(200, r.headers, r.body);
    }
    case 'setProperties':
      return reply(200, await setPathProperties(ctx, dfs));
  }
};

const decodeSegments = (pathname: string): string[] | undefined => {
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
};

/** Handles one request: account info and DFS operations here, everything else via Azurite. */
export const handleRequest = async (
  ctx: DfsContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> => {
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  let segments = decodeSegments(url.pathname);
  if (segments && segments[0] !== ctx.accountName && req.headers['x-ms-rename-source']) {
    // DataLakePathClient.move builds the destination URL without the account segment of
    // IP-style URLs (setURLPath(dfsEndpointUrl, `/${fs}/${path}`)): accept that form too.
    segments = [ctx.accountName, ...segments];
  }
  if (!segments || segments[0] !== ctx.accountName)
    return passThrough(ctx.azuriteOrigin, req, res, undefined, ctx.azuriteCa);
  const query = url.searchParams;
  if (
    (method === 'GET' || method === 'HEAD') &&
    query.get('restype') === 'account' &&
    query.get('comp') === 'properties'
  ) {
    // Get Account Information, answered as an HNS account would.
    return passThrough(
      ctx.azuriteOrigin,
      req,
      res,
      async (status, headers) =>
        status === 200
          ? { status, headers: { ...headers, 'x-ms-is-hns-enabled': 'true' } }
          : undefined,
      ctx.azuriteCa,
    );
  }
  const dfs: DfsRequest = {
    method,
    rawUrl,
    headers: req.headers,
    query,
    fs: segments[1] ?? '',
    path: segments
      .slice(2)
      .join('/')
      .replace(/^\/+|\/+$/g, ''),
  };
  const op = classify(dfs);
  if (op === undefined) {
    if (method === 'HEAD' && dfs.fs !== '' && dfs.path !== '')
      return headPassThrough(ctx, dfs, req, res);
    return passThrough(ctx.azuriteOrigin, req, res, undefined, ctx.azuriteCa);
  }
  try {
    await run(ctx, op, dfs, req, res);
  } catch (e) {
    sendDfsError(res, method, req.headers, e);
  }
};

export { dfsErrors };
