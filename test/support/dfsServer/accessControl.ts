import type { AclEntry } from './acl.js';
import {
  applyPermissions,
  changeAcl,
  hasBaseEntries,
  parseAcl,
  parsePermissions,
  sortAcl,
} from './acl.js';
import { accessControlHeaders } from './aclStore.js';
import type { DfsContext, DfsRequest } from './context.js';
import { header } from './context.js';
import { checkConditions, etagOf, formatProperties } from './createPath.js';
import { dfsErrors } from './dfsErrors.js';
import { collectTree } from './listPaths.js';
import type { PathState } from './pathStore.js';
import { comparePaths } from './pathStore.js';

const lastModifiedOf = (state: PathState): Date =>
  state.kind === 'file'
    ? state.blob.lastModified
    : state.kind === 'directory'
      ? (state.marker?.lastModified ?? state.sample?.lastModified ?? new Date(0))
      : new Date(0);

const requireExisting = async (ctx: DfsContext, req: DfsRequest): Promise<PathState> => {
  const state = await ctx.store.resolveIn(req.fs, req.path);
  if (state.kind === 'none') throw dfsErrors.pathNotFound();
  return state;
};

/**
 * Path - Get Properties with `action=getAccessControl` or `action=getStatus` (HEAD):
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/get-properties
 * Answers 200 with ETag, Last-Modified, x-ms-owner, x-ms-group, x-ms-permissions (with `+` for
 * extended ACLs) and x-ms-acl; getStatus adds x-ms-resource-type, Content-Length and
 * x-ms-properties. Errors: 404 PathNotFound / FilesystemNotFound (no body on HEAD).
 */
export const getPathStatus = (ctx: DfsContext, req: DfsRequest): Promise<Record<string, string>> =>
  ctx.exclusive(async () => {
    const state = await requireExisting(ctx, req);
    const isDirectory = state.kind === 'directory';
    const headers: Record<string, string> = {
      etag: etagOf(req.fs, req.path, state),
      'last-modified': lastModifiedOf(state).toUTCString(),
      ...accessControlHeaders(ctx.acls.get(req.fs, req.path, isDirectory)),
    };
    if (req.query.get('action') === 'getStatus') {
      headers['x-ms-resource-type'] = isDirectory ? 'directory' : 'file';
      headers['content-length'] = String(state.kind === 'file' ? state.blob.contentLength : 0);
      const metadata =
        state.kind === 'file'
          ? state.blob.metadata
          : state.kind === 'directory'
            ? (state.marker?.metadata ?? {})
            : {};
      headers['x-ms-properties'] = formatProperties(metadata);
    } else {
      headers['content-length'] = '0';
    }
    return headers;
  });

/**
 * Path - Update `action=setAccessControl` (headers x-ms-owner, x-ms-group, x-ms-permissions,
 * x-ms-acl — permissions and ACL are mutually exclusive):
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update
 * Answers 200 with ETag/Last-Modified. Errors: 404 PathNotFound, 400 InvalidHeaderValue
 * (malformed ACL/permissions, an ACL without user::, group:: and other::), 400 InvalidInput,
 * 412 ConditionNotMet. Default-scope entries are ignored on files.
 */
export const setAccessControl = (
  ctx: DfsContext,
  req: DfsRequest,
): Promise<Record<string, string>> =>
  ctx.exclusive(async () => {
    const state = await requireExisting(ctx, req);
    checkConditions(req, state, etagOf(req.fs, req.path, state));
    const isDirectory = state.kind === 'directory';
    const aclHeader = header(req, 'x-ms-acl');
    const permissionsHeader = header(req, 'x-ms-permissions');
    if (aclHeader && permissionsHeader) throw dfsErrors.invalidInput();
    const ac = ctx.acls.get(req.fs, req.path, isDirectory);
    if (aclHeader) {
      const entries = parseAcl(aclHeader);
      if (!hasBaseEntries(entries)) throw dfsErrors.invalidHeaderValue();
      ac.acl = sortAcl(entries.filter((e) => isDirectory || e.scope === 'access'));
    }
    if (permissionsHeader) {
      const parsed = parsePermissions(permissionsHeader);
      ac.acl = applyPermissions(ac.acl, parsed.perms);
      ac.sticky = parsed.sticky;
    }
    ac.owner = header(req, 'x-ms-owner') ?? ac.owner;
    ac.group = header(req, 'x-ms-group') ?? ac.group;
    ctx.acls.set(req.fs, req.path, ac);
    return {
      etag: etagOf(req.fs, req.path, state),
      'last-modified': lastModifiedOf(state).toUTCString(),
    };
  });

/** The JSON body of setAccessControlRecursive. */
export interface AclChangeResult {
  directoriesSuccessful: number;
  filesSuccessful: number;
  failureCount: number;
  failedEntries: { name: string; type: string; errorMessage: string }[];
}

/**
 * Path - Update `action=setAccessControlRecursive&mode=set|modify|remove` with `x-ms-acl`,
 * `maxRecords` (default: the server's `aclPageSize`), `continuation`, `forceFlag`:
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update
 * Applies the change to the path and everything below it (directory first, then its contents),
 * at most `maxRecords` paths per call; answers 200 with AclChangeResult and `x-ms-continuation`
 * while paths remain. `set` needs user::, group:: and other::; `remove` takes entries without
 * permissions; default-scope entries only touch directories. Errors: 404 PathNotFound,
 * 400 InvalidHeaderValue / InvalidQueryParameterValue / MissingRequiredHeader.
 */
export const setAccessControlRecursive = (
  ctx: DfsContext,
  req: DfsRequest,
): Promise<{ headers: Record<string, string>; body: AclChangeResult }> =>
  ctx.exclusive(async () => {
    const mode = req.query.get('mode');
    if (mode !== 'set' && mode !== 'modify' && mode !== 'remove') {
      throw dfsErrors.invalidQueryParameterValue();
    }
    const aclHeader = header(req, 'x-ms-acl');
    if (!aclHeader) throw dfsErrors.missingRequiredHeader();
    const change: AclEntry[] = parseAcl(aclHeader, mode !== 'remove');
    if (mode === 'set' && !hasBaseEntries(change)) throw dfsErrors.invalidHeaderValue();
    const maxParam = req.query.get('maxRecords');
    const max = maxParam === null ? ctx.aclPageSize : Number(maxParam);
    if (!Number.isInteger(max) || max < 1) throw dfsErrors.invalidQueryParameterValue();

    const state = await requireExisting(ctx, req);
    const targets: { name: string; isDirectory: boolean }[] = [
      { name: req.path, isDirectory: state.kind === 'directory' },
    ];
    if (state.kind === 'directory') {
      const tree = collectTree(req.fs, req.path, await ctx.store.descendants(req.fs, req.path));
      for (const [name, entry] of tree) targets.push({ name, isDirectory: entry.isDirectory });
    }
    targets.sort((a, b) => comparePaths(a.name, b.name));

    const continuation = req.query.get('continuation');
    const after = continuation ? decodeAclToken(continuation) : undefined;
    const start =
      after === undefined ? 0 : targets.findIndex((t) => comparePaths(t.name, after) > 0);
    const batch = start < 0 ? [] : targets.slice(start, start + max);
    const result: AclChangeResult = {
      directoriesSuccessful: 0,
      filesSuccessful: 0,
      failureCount: 0,
      failedEntries: [],
    };
    for (const target of batch) {
      const ac = ctx.acls.get(req.fs, target.name, target.isDirectory);
      ac.acl = changeAcl(ac.acl, change, mode, target.isDirectory);
      ctx.acls.set(req.fs, target.name, ac);
      if (target.isDirectory) result.directoriesSuccessful++;
      else result.filesSuccessful++;
    }
    const headers: Record<string, string> = {};
    const last = batch[batch.length - 1];
    if (start >= 0 && start + batch.length < targets.length && last) {
      headers['x-ms-continuation'] = Buffer.from(`acl:${last.name}`).toString('base64');
    }
    return { headers, body: result };
  });

const decodeAclToken = (token: string): string => {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith('acl:')) throw dfsErrors.invalidQueryParameterValue();
  return text.slice('acl:'.length);
};
