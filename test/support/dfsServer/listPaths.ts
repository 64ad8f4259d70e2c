import { permissionsFromAcl } from './acl.js';
import type { DfsContext, DfsRequest } from './context.js';
import { dfsErrors } from './dfsErrors.js';
import type { BlobInfo } from './pathStore.js';
import { ancestorsOf, comparePaths, parentOf, syntheticEtag } from './pathStore.js';

/** One item of the Path - List JSON; numbers and booleans are strings as the service sends them. */
export interface ListedPath {
  name: string;
  isDirectory?: 'true';
  contentLength: string;
  lastModified: string;
  etag: string;
  owner: string;
  group: string;
  permissions: string;
  creationTime: string;
  expiryTime: string;
}

/** Windows FILETIME ticks (100 ns since 1601-01-01) as a decimal string. */
export const toFileTime = (date: Date): string =>
  (BigInt(date.getTime() + 11_644_473_600_000) * 10_000n).toString();

const MAX_RESULTS = 5000;

/**
 * Path - List (`GET /{fs}?resource=filesystem&recursive=&directory=&maxResults=&continuation=`):
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/list
 * Answers `{"paths":[...]}` (full names from the filesystem root, directory before its
 * contents, siblings in ordinal order) and `x-ms-continuation` when more remain. Directories
 * come from marker blobs and from prefixes of blob names. Errors: 404 FilesystemNotFound,
 * 404 PathNotFound (missing `directory`), 400 InvalidQueryParameterValue.
 */
export const listPaths = (
  ctx: DfsContext,
  req: DfsRequest,
): Promise<{ headers: Record<string, string>; body: { paths: ListedPath[] } }> =>
  ctx.exclusive(async () => {
    const recursiveParam = req.query.get('recursive');
    if (recursiveParam !== 'true' && recursiveParam !== 'false') {
      throw dfsErrors.invalidQueryParameterValue();
    }
    const recursive = recursiveParam === 'true';
    const directory = (req.query.get('directory') ?? '').replace(/^\/+|\/+$/g, '');
    const maxParam = req.query.get('maxResults');
    const max = maxParam === null ? MAX_RESULTS : Number(maxParam);
    if (!Number.isInteger(max) || max < 1) throw dfsErrors.invalidQueryParameterValue();

    const state = await ctx.store.resolveIn(req.fs, directory);
    if (state.kind !== 'directory') throw dfsErrors.pathNotFound();

    const entries = collectTree(req.fs, directory, await ctx.store.descendants(req.fs, directory));
    let names = [...entries.keys()];
    if (!recursive) names = names.filter((n) => parentOf(n) === directory);
    names.sort(comparePaths);

    const continuation = req.query.get('continuation');
    const after = continuation ? decodeToken(continuation) : undefined;
    const start = after === undefined ? 0 : names.findIndex((n) => comparePaths(n, after) > 0);
    const page = start < 0 ? [] : names.slice(start, start + Math.min(max, MAX_RESULTS));
    const more = start >= 0 && start + page.length < names.length;

    const paths = page.map((name): ListedPath => {
      const entry = entries.get(name) as Entry;
      const ac = ctx.acls.get(req.fs, name, entry.isDirectory);
      return {
        name,
        ...(entry.isDirectory ? { isDirectory: 'true' as const } : {}),
        contentLength: String(entry.isDirectory ? 0 : (entry.blob?.contentLength ?? 0)),
        lastModified: entry.lastModified.toUTCString(),
        etag: entry.etag.replace(/"/g, ''),
        owner: ac.owner,
        group: ac.group,
        permissions: permissionsFromAcl(ac.acl, ac.sticky),
        creationTime: toFileTime(entry.createdOn),
        expiryTime: '0',
      };
    });
    const last = page[page.length - 1];
    const headers: Record<string, string> = {};
    if (more && last !== undefined) headers['x-ms-continuation'] = encodeToken(last);
    return { headers, body: { paths } };
  });

export interface Entry {
  isDirectory: boolean;
  blob: BlobInfo | undefined;
  lastModified: Date;
  createdOn: Date;
  etag: string;
}

/** Every path strictly below `directory`: each blob plus each directory implied by a blob name. */
export const collectTree = (
  fs: string,
  directory: string,
  blobs: BlobInfo[],
): Map<string, Entry> => {
  const entries = new Map<string, Entry>();
  const depth = directory === '' ? 0 : directory.split('/').length;
  for (const blob of blobs) {
    if (blob.name.endsWith('/') || blob.name.includes('//')) continue;
    entries.set(blob.name, {
      isDirectory: blob.isDirectoryMarker,
      blob,
      lastModified: blob.lastModified,
      createdOn: blob.createdOn,
      etag: blob.etag,
    });
  }
  for (const blob of blobs) {
    for (const ancestor of ancestorsOf(blob.name).slice(depth)) {
      if (!entries.has(ancestor)) {
        entries.set(ancestor, {
          isDirectory: true,
          blob: undefined,
          lastModified: blob.lastModified,
          createdOn: blob.createdOn,
          etag: syntheticEtag(fs, ancestor),
        });
      }
    }
  }
  return entries;
};

const encodeToken = (name: string): string => Buffer.from(`after:${name}`).toString('base64');

const decodeToken = (token: string): string => {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith('after:')) throw dfsErrors.invalidQueryParameterValue();
  return text.slice('after:'.length);
};
