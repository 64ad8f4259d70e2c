import type { ActivityArea } from '../../shared/contract/index.js';

/** What a storage REST request does and where, as the activity log and the spans name it. */
export interface RequestDescription {
  area: ActivityArea;
  /** See `StorageActivity.operation`. */
  operation: string;
  account: string;
  container: string;
  path: string;
}

const loopbackHost = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * Names a storage request by its method, query and headers, after the REST reference's
 * operations (https://learn.microsoft.com/rest/api/storageservices/blob-service-rest-api,
 * .../data-lake-storage-gen2): `comp=list` is a listing, `comp=block` a Put Block, a PUT with
 * `x-ms-copy-source` a Copy Blob, with `x-ms-rename-source` a DFS rename, `action=setAccessControl`
 * an ACL change, and so on. The account is the host's first label (`<account>.blob.core.windows.net`)
 * or, on loopback (Azurite, the DFS test server), the first path segment.
 */
export function describeRequest(
  method: string,
  url: string,
  header: (name: string) => string | undefined,
): RequestDescription {
  const u = new URL(url);
  const q = u.searchParams;
  const segments = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const onLoopback = loopbackHost.test(u.hostname);
  const account = onLoopback ? (segments.shift() ?? '') : (u.hostname.split('.')[0] ?? '');
  const container = segments.shift() ?? '';
  const path = segments.join('/');
  const dfs =
    u.hostname.includes('.dfs.') ||
    q.has('resource') ||
    q.has('action') ||
    header('x-ms-rename-source') !== undefined;
  const comp = q.get('comp') ?? '';
  const action = q.get('action') ?? '';
  const operation = ((): string => {
    if (/AccessControl/.test(action)) return 'acl';
    switch (method.toUpperCase()) {
      case 'GET':
        if (comp === 'list' || q.get('resource') === 'filesystem') return 'list';
        if (comp || (!path && container) || !container) return 'properties';
        return 'read';
      case 'HEAD':
        return 'properties';
      case 'DELETE':
        return 'delete';
      case 'POST':
        return comp === 'batch' ? 'delete' : 'other';
      case 'PATCH':
        if (action === 'flush') return 'commit';
        return action === 'append' ? 'write' : 'other';
      case 'PUT':
        if (comp === 'block') return 'block';
        if (comp === 'blocklist') return 'commit';
        if (comp === 'metadata' || comp === 'properties') return 'metadata';
        if (comp === 'undelete') return 'undelete';
        if (header('x-ms-rename-source') !== undefined) return 'rename';
        if (header('x-ms-copy-source') !== undefined) return 'copy';
        if (!path || q.has('resource')) return 'create';
        return 'write';
      default:
        return 'other';
    }
  })();
  return { area: dfs ? 'dfs' : 'blob', operation, account, container, path };
}
