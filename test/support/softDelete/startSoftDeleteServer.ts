import { httpHeadersOf } from '../blobHeaders.js';
import { listenFrontServer } from '../frontServer.js';
import type { BlobGetPropertiesResponse, ContainerClient } from '@azure/storage-blob';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { sasQuery } from '../dfsServer/auth.js';
import { passThrough } from '../dfsServer/passThrough.js';
import { sharedKeyStringToSign, signSharedKey, verifySharedKey } from '../dfsServer/sharedKey.js';
import { DEV_ACCOUNT_KEY, DEV_ACCOUNT_NAME } from '../dfsServer/startDfsServer.js';
import { forwardBuffered, sendBuffered, sendError, serviceHeaders } from './http.js';
import type { DeletedBlobRecord } from './listXml.js';
import { hideContainer, remainingRetentionDays, spliceDeletedBlobs } from './listXml.js';

/** A running soft-delete front for Azurite. */
export interface SoftDeleteServer {
  /** Account URL, e.g. `http://127.0.0.1:PORT/devstoreaccount1` (flat Blob endpoint, no DFS). */
  url: string;
  /** `DefaultEndpointsProtocol=http;AccountName=…;AccountKey=…;BlobEndpoint=<url>;` */
  connectionString: string;
  stop(): Promise<void>;
}

/** Options of `startSoftDeleteServer`. */
export interface SoftDeleteServerOptions {
  /** Azurite's Blob endpoint, e.g. `http://127.0.0.1:10000/devstoreaccount1`. */
  azuriteBlobEndpoint: string;
  /** Defaults to Azurite's `devstoreaccount1`. */
  accountName?: string;
  /** Defaults to Azurite's well-known key. */
  accountKey?: string;
}

/** Hidden Azurite container keeping the bytes of soft-deleted blobs; never listed here. */
export const SHADOW_CONTAINER = 'softdelete-shadow';

const POLICY_TTL_MS = 1000;

interface Policy {
  enabled: boolean;
  days: number;
}

interface Ctx {
  accountName: string;
  accountKey: string;
  azuriteOrigin: string;
  service: BlobServiceClient;
  shadow: ContainerClient;
  shadowReady?: Promise<unknown>;
  policy?: Promise<Policy>;
  policyReadAt: number;
  /** Newest soft-deleted version per `container/name` (older ones are dropped). */
  deleted: Map<string, DeletedBlobRecord>;
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
}

const keyOf = (container: string, name: string): string => `${container}\n${name}`;

const createLock = (): Ctx['exclusive'] => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
};

const statusOf = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null && 'statusCode' in e
    ? (e as { statusCode?: number }).statusCode
    : undefined;

/**
 * The account's DeleteRetentionPolicy, read from Azurite's Get Blob Service Properties and
 * cached; Set Blob Service Properties invalidates it. See
 * https://learn.microsoft.com/rest/api/storageservices/set-blob-service-properties
 * (`DeleteRetentionPolicy`: `Enabled`, `Days` 1–365).
 */
const getPolicy = (ctx: Ctx): Promise<Policy> => {
  // Azurite's properties are account-wide; other fronts over the same Azurite may change them,
  // so the cache is also dropped after POLICY_TTL_MS.
  if (ctx.policy && Date.now() - ctx.policyReadAt > POLICY_TTL_MS) ctx.policy = undefined;
  if (!ctx.policy) ctx.policyReadAt = Date.now();
  ctx.policy ??= ctx.service.getProperties().then(
    (p) => ({
      enabled: p.deleteRetentionPolicy?.enabled === true,
      days: p.deleteRetentionPolicy?.days ?? 7,
    }),
    (e: unknown) => {
      ctx.policy = undefined;
      throw e;
    },
  );
  return ctx.policy;
};

const ensureShadow = (ctx: Ctx): Promise<unknown> => {
  ctx.shadowReady ??= ctx.shadow.createIfNotExists().catch((e: unknown) => {
    ctx.shadowReady = undefined;
    throw e;
  });
  return ctx.shadowReady;
};

/** Checks auth of a request this server answers itself; false when an error was sent. */
const authorize = async (
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  blobPath: string,
): Promise<boolean> => {
  const authorization = req.headers.authorization;
  if (authorization) {
    const ok = verifySharedKey(
      authorization,
      ctx.accountName,
      ctx.accountKey,
      req.method ?? 'GET',
      req.url ?? '/',
      req.headers,
    );
    if (ok) return true;
    sendError(
      req,
      res,
      403,
      'AuthenticationFailed',
      'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
    );
    return false;
  }
  if (query.has('sig')) {
    // A SAS: ask Azurite whether it accepts it for a cheap read of the same blob path.
    const probe = await fetch(`${ctx.azuriteOrigin}${blobPath}?${sasQuery(query)}`, {
      method: 'HEAD',
    });
    await probe.arrayBuffer().catch(() => undefined);
    if (probe.status !== 401 && probe.status !== 403) return true;
    sendError(req, res, 403, 'AuthenticationFailed', 'Server failed to authenticate the request.');
    return false;
  }
  sendError(
    req,
    res,
    401,
    'NoAuthenticationInformation',
    'Server failed to authenticate the request.',
  );
  return false;
};

const dropRecord = async (ctx: Ctx, key: string): Promise<void> => {
  const old = ctx.deleted.get(key);
  if (!old) return;
  ctx.deleted.delete(key);
  await ctx.shadow.deleteBlob(old.shadowName).catch(() => undefined);
};

/**
 * Delete Blob with soft delete on, after
 * https://learn.microsoft.com/rest/api/storageservices/delete-blob : when soft delete is enabled
 * the blob is kept for the retention period, listed with `include=deleted` and restorable with
 * Undelete Blob; the response is 202 with `x-ms-delete-type-permanent: false`.
 * Here: the bytes, content headers and metadata are copied into the shadow container, then the
 * original DELETE is forwarded unchanged to Azurite (which checks leases and conditions); on 202
 * the deletion is recorded, otherwise the shadow copy is dropped and Azurite's answer returned.
 * Only block blobs are kept (other types pass through and are deleted for good). Blob Batch
 * deletes (`POST ?comp=batch`) are NOT intercepted: they pass through and delete for good.
 * A blob deleted again keeps only its newest deleted version (the service would keep the older
 * one as a soft-deleted snapshot).
 */
const softDeleteBlob = async (
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
  container: string,
  name: string,
  policy: Policy,
): Promise<void> => {
  const source = ctx.service.getContainerClient(container).getBlobClient(name);
  let data: Buffer;
  let props: BlobGetPropertiesResponse;
  try {
    props = await source.getProperties();
    if (props.blobType !== 'BlockBlob') {
      await passThrough(ctx.azuriteOrigin, req, res);
      return;
    }
    data = await source.downloadToBuffer();
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
    await passThrough(ctx.azuriteOrigin, req, res); // Azurite answers 404 BlobNotFound.
    return;
  }
  await ensureShadow(ctx);
  const shadowName = randomUUID();
  await ctx.shadow.getBlockBlobClient(shadowName).uploadData(data, {
    blobHTTPHeaders: httpHeadersOf(props),
    metadata: props.metadata ?? {},
  });
  await passThrough(ctx.azuriteOrigin, req, res, async (status, headers) => {
    if (status !== 202) {
      await ctx.shadow.deleteBlob(shadowName).catch(() => undefined);
      return undefined;
    }
    const key = keyOf(container, name);
    await dropRecord(ctx, key);
    ctx.deleted.set(key, {
      container,
      name,
      deletedTime: new Date(),
      retentionDays: policy.days,
      shadowName,
      contentLength: data.length,
      contentType: props.contentType ?? 'application/octet-stream',
      contentEncoding: props.contentEncoding,
      contentLanguage: props.contentLanguage,
      contentDisposition: props.contentDisposition,
      cacheControl: props.cacheControl,
      contentMD5: props.contentMD5 ? Buffer.from(props.contentMD5).toString('base64') : undefined,
      lastModified: props.lastModified ?? new Date(),
      createdOn: props.createdOn,
      etag: props.etag ?? '',
      metadata: props.metadata ?? {},
    });
    const out: OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(headers)) {
      if (k.toLowerCase() !== 'x-ms-delete-type-permanent') out[k] = v;
    }
    out['x-ms-delete-type-permanent'] = 'false';
    return { status, headers: out };
  });
};

/**
 * Undelete Blob, after https://learn.microsoft.com/rest/api/storageservices/undelete-blob
 * (`PUT ?comp=undelete`, 200 OK): restores the contents and metadata of a soft-deleted blob;
 * on a blob that is not soft-deleted it succeeds without changing anything; a blob that neither
 * exists nor is soft-deleted is 404 BlobNotFound. When a live blob of the same name exists, it is
 * left alone and the deleted version stays listed (the service would restore it as a snapshot).
 */
const undeleteBlob = async (
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
  container: string,
  name: string,
): Promise<void> => {
  const target = ctx.service.getContainerClient(container).getBlockBlobClient(name);
  const exists = await target.exists();
  const key = keyOf(container, name);
  const record = ctx.deleted.get(key);
  if (!exists && !record) {
    const containerExists = await ctx.service.getContainerClient(container).exists();
    if (!containerExists) {
      sendError(req, res, 404, 'ContainerNotFound', 'The specified container does not exist.');
    } else {
      sendError(req, res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    }
    return;
  }
  if (!exists && record) {
    const data = await ctx.shadow.getBlobClient(record.shadowName).downloadToBuffer();
    await target.uploadData(data, {
      blobHTTPHeaders: httpHeadersOf({
        ...record,
        contentMD5: record.contentMD5 ? Buffer.from(record.contentMD5, 'base64') : undefined,
      }),
      metadata: record.metadata,
    });
    await dropRecord(ctx, key);
  }
  res.writeHead(200, { ...serviceHeaders(req), 'content-length': '0' });
  res.end();
};

/** Own Shared Key–signed GET to Azurite (used when the client's request had to be changed). */
const signedGet = async (ctx: Ctx, pathAndQuery: string, version: string): Promise<Response> => {
  const headers = { 'x-ms-date': new Date().toUTCString(), 'x-ms-version': version };
  const signature = signSharedKey(
    ctx.accountKey,
    sharedKeyStringToSign(ctx.accountName, 'GET', pathAndQuery, headers),
  );
  return fetch(`${ctx.azuriteOrigin}${pathAndQuery}`, {
    headers: { ...headers, authorization: `SharedKey ${ctx.accountName}:${signature}` },
  });
};

/**
 * List Blobs with `include=deleted`, after
 * https://learn.microsoft.com/rest/api/storageservices/list-blobs : soft-deleted blobs are listed
 * with `<Deleted>true</Deleted>` and the `DeletedTime` / `RemainingRetentionDays` properties.
 * Single-page listings only: deleted blobs are added to whichever page Azurite returned.
 */
const listWithDeleted = async (
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  container: string,
): Promise<void> => {
  let upstream = await forwardBuffered(ctx.azuriteOrigin, req);
  if (upstream.status === 400) {
    // Azurite refused `include=deleted`: ask again without it, signed with the account key.
    if (!(await authorize(ctx, req, res, url.searchParams, url.pathname))) return;
    const q = new URLSearchParams(url.searchParams);
    const include = (q.get('include') ?? '').split(',').filter((i) => i !== 'deleted' && i !== '');
    if (include.length) q.set('include', include.join(','));
    else q.delete('include');
    q.delete('sig');
    const r = await signedGet(
      ctx,
      `${url.pathname}?${q.toString()}`,
      String(req.headers['x-ms-version'] ?? '2025-01-05'),
    );
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      if (k !== 'transfer-encoding' && k !== 'connection') headers[k] = v;
    });
    upstream = { status: r.status, headers, body: Buffer.from(await r.arrayBuffer()) };
  }
  if (upstream.status !== 200) {
    sendBuffered(res, upstream, upstream.body);
    return;
  }
  const now = new Date();
  const records = [...ctx.deleted.values()].filter((r) => r.container === container);
  for (const r of records) {
    if (remainingRetentionDays(r, now) <= 0) await dropRecord(ctx, keyOf(r.container, r.name));
  }
  const include = (url.searchParams.get('include') ?? '').split(',');
  const xml = spliceDeletedBlobs(
    upstream.body.toString('utf8'),
    records.filter((r) => remainingRetentionDays(r, now) > 0),
    {
      prefix: url.searchParams.get('prefix') ?? '',
      delimiter: url.searchParams.get('delimiter') ?? '',
      withMetadata: include.includes('metadata'),
      now,
    },
  );
  sendBuffered(res, upstream, Buffer.from(xml, 'utf8'));
};

const handleRequest = async (
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const q = url.searchParams;
  const segments = url.pathname.split('/');
  const container = decodeURIComponent(segments[2] ?? '');
  const name = segments.slice(3).map(decodeURIComponent).join('/');
  const comp = q.get('comp');
  const restype = q.get('restype');

  // The shadow container is hidden from clients.
  if (container === SHADOW_CONTAINER) {
    sendError(req, res, 404, 'ContainerNotFound', 'The specified container does not exist.');
    return;
  }
  // List Containers: drop the shadow container.
  if (req.method === 'GET' && container === '' && comp === 'list') {
    const upstream = await forwardBuffered(ctx.azuriteOrigin, req);
    const body =
      upstream.status === 200
        ? Buffer.from(hideContainer(upstream.body.toString('utf8'), SHADOW_CONTAINER), 'utf8')
        : upstream.body;
    sendBuffered(res, upstream, body);
    return;
  }
  // Set Blob Service Properties: the cached DeleteRetentionPolicy is stale afterwards.
  if (req.method === 'PUT' && container === '' && restype === 'service' && comp === 'properties') {
    ctx.policy = undefined;
    await passThrough(ctx.azuriteOrigin, req, res, () => {
      ctx.policy = undefined;
      return Promise.resolve(undefined);
    });
    return;
  }
  // Delete Container: its soft-deleted blobs go with it.
  if (req.method === 'DELETE' && name === '' && restype === 'container' && !comp) {
    await passThrough(ctx.azuriteOrigin, req, res, async (status) => {
      if (status === 202) {
        for (const r of [...ctx.deleted.values()]) {
          if (r.container === container) await dropRecord(ctx, keyOf(container, r.name));
        }
      }
      return undefined;
    });
    return;
  }
  if (
    req.method === 'GET' &&
    container !== '' &&
    name === '' &&
    restype === 'container' &&
    comp === 'list' &&
    (q.get('include') ?? '').split(',').includes('deleted')
  ) {
    await listWithDeleted(ctx, req, res, url, container);
    return;
  }
  if (req.method === 'PUT' && name !== '' && comp === 'undelete') {
    if (!(await authorize(ctx, req, res, q, url.pathname))) return;
    await ctx.exclusive(() => undeleteBlob(ctx, req, res, container, name));
    return;
  }
  if (
    req.method === 'DELETE' &&
    name !== '' &&
    !comp &&
    !q.has('recursive') &&
    !q.has('snapshot') &&
    !q.has('versionid') &&
    q.get('deletetype') !== 'permanent'
  ) {
    const policy = await getPolicy(ctx);
    if (policy.enabled) {
      if (req.headers.authorization && !(await authorize(ctx, req, res, q, url.pathname))) return;
      await ctx.exclusive(() => softDeleteBlob(ctx, req, res, container, name, policy));
      return;
    }
  }
  await passThrough(ctx.azuriteOrigin, req, res);
};

/**
 * Starts, on 127.0.0.1 with a free port, a flat Blob endpoint (no DFS, no HNS) in front of
 * Azurite that adds blob soft delete (Delete Blob keeps the blob, List Blobs `include=deleted`,
 * Undelete Blob) when the account's DeleteRetentionPolicy is enabled, and passes every other
 * request through to Azurite unchanged. Deleted-blob records live in memory only.
 */
export const startSoftDeleteServer = async (
  options: SoftDeleteServerOptions,
): Promise<SoftDeleteServer> => {
  const accountName = options.accountName ?? DEV_ACCOUNT_NAME;
  const accountKey = options.accountKey ?? DEV_ACCOUNT_KEY;
  const service = new BlobServiceClient(
    options.azuriteBlobEndpoint,
    new StorageSharedKeyCredential(accountName, accountKey),
  );
  const ctx: Ctx = {
    accountName,
    accountKey,
    azuriteOrigin: new URL(options.azuriteBlobEndpoint).origin,
    service,
    shadow: service.getContainerClient(SHADOW_CONTAINER),
    policyReadAt: 0,
    deleted: new Map(),
    exclusive: createLock(),
  };
  return listenFrontServer(accountName, accountKey, (req, res) => handleRequest(ctx, req, res));
};
