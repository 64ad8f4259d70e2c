import type { BlobHTTPHeaders } from '@azure/storage-blob';
import type { AclEntry } from './acl.js';
import {
  aclFromPermissions,
  applyPermissions,
  changeAcl,
  hasBaseEntries,
  modeToPermissions,
  parseAcl,
  parsePermissions,
  permissionsToMode,
} from './acl.js';
import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { dfsErrors } from './dfsErrors.js';
import type { PathState } from './pathStore.js';
import { parentOf, syntheticEtag } from './pathStore.js';
import { SUPERUSER } from './aclStore.js';

/** Decodes `x-ms-properties` (`k1=base64,k2=base64`) into blob metadata; 400 InvalidHeaderValue. */
export const parseProperties = (text: string | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const piece of text.split(',')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) throw dfsErrors.invalidHeaderValue();
    out[piece.slice(0, eq).trim()] = Buffer.from(piece.slice(eq + 1).trim(), 'base64').toString(
      'utf8',
    );
  }
  return out;
};

/** Encodes blob metadata as `x-ms-properties`. */
export const formatProperties = (metadata: Record<string, string>): string =>
  Object.entries(metadata)
    .filter(([k]) => k.toLowerCase() !== 'hdi_isfolder')
    .map(([k, v]) => `${k}=${Buffer.from(v, 'utf8').toString('base64')}`)
    .join(',');

/** ETag of an existing path ('' when it does not exist). */
export const etagOf = (fs: string, path: string, state: PathState): string =>
  state.kind === 'file'
    ? state.blob.etag
    : state.kind === 'directory'
      ? (state.marker?.etag ?? syntheticEtag(fs, path))
      : '';

const stripQuotes = (etag: string): string => etag.replace(/^W\//, '').replace(/"/g, '');

/**
 * Evaluates If-Match / If-None-Match (or their `x-ms-source-` forms with `prefix`) against a
 * path: `If-None-Match: *` on an existing path → 409 PathAlreadyExists for destinations,
 * other mismatches → 412 ConditionNotMet / SourceConditionNotMet.
 */
export const checkConditions = (
  req: DfsRequest,
  state: PathState,
  etag: string,
  prefix: '' | 'x-ms-source-' = '',
): void => {
  const fail = prefix ? dfsErrors.sourceConditionNotMet : dfsErrors.conditionNotMet;
  const ifMatch = header(req, `${prefix}if-match`);
  const ifNoneMatch = header(req, `${prefix}if-none-match`);
  const exists = state.kind !== 'none';
  if (ifMatch !== undefined) {
    if (!exists) throw prefix ? dfsErrors.sourcePathNotFound() : dfsErrors.conditionNotMet();
    if (ifMatch !== '*' && stripQuotes(ifMatch) !== stripQuotes(etag)) throw fail();
  }
  if (ifNoneMatch !== undefined && exists) {
    if (ifNoneMatch === '*') throw prefix ? fail() : dfsErrors.pathAlreadyExists();
    if (stripQuotes(ifNoneMatch) === stripQuotes(etag)) throw fail();
  }
};

/**
 * The access control of a newly created path: inherited from the parent's default ACL when it has
 * one, otherwise `x-ms-permissions` (default 0777 / 0666) masked by `x-ms-umask` (default 0027),
 * then `x-ms-acl` entries merged in, owner/group from `x-ms-owner`/`x-ms-group`.
 */
const initialAccessControl = (ctx: DfsContext, req: DfsRequest, isDirectory: boolean) => {
  const parentAcl = ctx.acls.get(req.fs, parentOf(req.path), true).acl;
  const defaults = parentAcl.filter((e) => e.scope === 'default');
  const permissionsHeader = header(req, 'x-ms-permissions');
  const requested = permissionsHeader ? parsePermissions(permissionsHeader) : undefined;
  let acl: AclEntry[];
  if (hasBaseEntries(defaults, 'default')) {
    acl = defaults.map((e) => ({ ...e, scope: 'access' as const }));
    if (isDirectory) acl.push(...defaults);
    if (requested) acl = applyPermissions(acl, requested.perms);
  } else {
    const umask = parseInt(header(req, 'x-ms-umask') ?? '0027', 8);
    if (Number.isNaN(umask)) throw dfsErrors.invalidHeaderValue();
    const mode = requested ? permissionsToMode(requested.perms) : isDirectory ? 0o777 : 0o666;
    acl = aclFromPermissions(modeToPermissions(mode & ~umask));
  }
  const aclHeader = header(req, 'x-ms-acl');
  if (aclHeader) acl = changeAcl(acl, parseAcl(aclHeader), 'modify', isDirectory);
  return {
    owner: header(req, 'x-ms-owner') ?? SUPERUSER,
    group: header(req, 'x-ms-group') ?? SUPERUSER,
    sticky: requested?.sticky ?? false,
    acl,
  };
};

/**
 * Path - Create with `resource=directory|file` (no rename source):
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/create
 * Creates the directory marker / empty file (overwriting an existing file), creating missing
 * parent directories. Answers 201 with ETag and Last-Modified. Errors: 404 FilesystemNotFound,
 * 409 PathAlreadyExists (`If-None-Match: *`), 409 PathConflict (file vs directory),
 * 409 InvalidDestinationPath (a parent is a file), 412 ConditionNotMet.
 */
export const createPath = (ctx: DfsContext, req: DfsRequest): Promise<Record<string, string>> =>
  ctx.exclusive(async () => {
    const resource = req.query.get('resource');
    if (resource !== 'file' && resource !== 'directory')
      throw dfsErrors.invalidQueryParameterValue();
    if (req.path === '') throw dfsErrors.pathAlreadyExists();
    const state = await ctx.store.resolveIn(req.fs, req.path);
    checkConditions(req, state, etagOf(req.fs, req.path, state));
    const isDirectory = resource === 'directory';
    if (state.kind === (isDirectory ? 'file' : 'directory')) throw dfsErrors.pathConflict();
    const keepAcl =
      state.kind !== 'none' &&
      !['x-ms-permissions', 'x-ms-acl', 'x-ms-owner', 'x-ms-group', 'x-ms-umask'].some((n) =>
        header(req, n),
      );
    const accessControl = keepAcl ? undefined : initialAccessControl(ctx, req, isDirectory);
    await ctx.store.materializeAncestors(req.fs, req.path);
    const metadata = parseProperties(header(req, 'x-ms-properties'));
    const client = ctx.store.container(req.fs).getBlockBlobClient(req.path);
    let result;
    if (isDirectory) {
      result = await client.upload('', 0, { metadata: { ...metadata, hdi_isfolder: 'true' } });
    } else {
      const h = (n: string) => header(req, n);
      const blobHTTPHeaders: BlobHTTPHeaders = {
        blobCacheControl: h('x-ms-cache-control'),
        blobContentType: h('x-ms-content-type'),
        blobContentDisposition: h('x-ms-content-disposition'),
        blobContentEncoding: h('x-ms-content-encoding'),
        blobContentLanguage: h('x-ms-content-language'),
      };
      result = await client.upload('', 0, { metadata, blobHTTPHeaders });
      ctx.pending.clear(req.fs, req.path);
    }
    if (accessControl) ctx.acls.set(req.fs, req.path, accessControl);
    return {
      etag: result.etag ?? '',
      'last-modified': (result.lastModified ?? new Date()).toUTCString(),
      'x-ms-request-server-encrypted': 'false',
      'content-length': '0',
    };
  });
