import type { IncomingHttpHeaders } from 'node:http';
import type { AclStore } from './aclStore.js';
import type { PathStore } from './pathStore.js';
import type { PendingAppends } from './appendFlush.js';

/** Everything the DFS operation handlers share. */
export interface DfsContext {
  accountName: string;
  accountKey: string;
  /** Azurite's origin, e.g. `http://127.0.0.1:10000`. */
  azuriteOrigin: string;
  /** The CA (PEM) an HTTPS Azurite's certificate chains to, trusted besides Node's own. */
  azuriteCa?: string;
  store: PathStore;
  acls: AclStore;
  pending: PendingAppends;
  deletePageSize: number;
  aclPageSize: number;
  /** Serializes the DFS operations so renames and deletes look atomic to DFS observers. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** A parsed request addressed at `/{account}/{filesystem}/{path}`. */
export interface DfsRequest {
  method: string;
  /** The request target exactly as received (path + query). */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  /** Filesystem (container); '' for account-level requests. */
  fs: string;
  /** Decoded path inside the filesystem without leading/trailing slashes; '' for the root. */
  path: string;
}

/** A single header value ('' joins repeated ones with ','), or undefined when absent. */
export const header = (req: DfsRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
};
