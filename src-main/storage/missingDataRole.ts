import { BlobUrlError, parseBlobUrl } from './blobUrl.js';

/**
 * The Azure built-in data roles for Blob Storage and ADLS Gen2, weakest first
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage): Reader
 * reads and lists containers and blobs (and gets a user delegation key), Contributor also
 * writes and deletes them, Owner also sets POSIX owners and ACLs on ADLS Gen2.
 */
export const dataRoles = [
  'Storage Blob Data Reader',
  'Storage Blob Data Contributor',
  'Storage Blob Data Owner',
] as const;
export type DataRole = (typeof dataRoles)[number];

/** The role a refused bearer-token request needed, and the narrowest scope that would grant it. */
export interface MissingDataRole {
  role: DataRole;
  /** What the request was: `read`, `write` (including delete), `change access control`, or `create a container`. */
  operation: 'read' | 'write' | 'change access control' | 'create a container';
  accountName: string;
  /** The container the request was in; absent for an account-level call (listing containers). */
  container?: string;
}

/** DFS Path - Update actions that change owners, groups, permissions or ACLs (Owner only). */
const accessControlActions = new Set(['setAccessControl', 'setAccessControlRecursive']);

/**
 * Which data role a request refused with 403 AuthorizationPermissionMismatch needed, from its
 * method and URL: GET and HEAD read (Reader); Get User Delegation Key is a POST any data role
 * may make (Reader); a Path - Update that sets access control needs Owner
 * (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update);
 * every other PUT, POST, PATCH and DELETE writes (Contributor). The scope is the container of
 * the URL, or the account for a service-level call and for creating a container (Create
 * Container, Filesystem - Create), which the container cannot grant before it exists. Undefined for a URL that is not a storage one.
 */
export function missingDataRole(method: string, url: string): MissingDataRole | undefined {
  let location;
  try {
    location = parseBlobUrl(url);
  } catch (e) {
    if (e instanceof BlobUrlError) return undefined;
    throw e;
  }
  const query = new URLSearchParams(location.query);
  const verb = method.toUpperCase();
  const where = {
    accountName: location.accountName,
    ...(location.container ? { container: location.container } : {}),
  };
  if (verb === 'PATCH' && accessControlActions.has(query.get('action') ?? '')) {
    return { role: 'Storage Blob Data Owner', operation: 'change access control', ...where };
  }
  // A container that does not exist yet cannot hold the role: creating one needs it on the account.
  const createsContainer =
    verb === 'PUT' &&
    location.path === '' &&
    !query.has('comp') &&
    (query.get('restype') === 'container' || query.get('resource') === 'filesystem');
  if (createsContainer) {
    return {
      role: 'Storage Blob Data Contributor',
      operation: 'create a container',
      accountName: location.accountName,
    };
  }
  if (verb === 'GET' || verb === 'HEAD' || query.get('comp') === 'userdelegationkey') {
    return { role: 'Storage Blob Data Reader', operation: 'read', ...where };
  }
  return { role: 'Storage Blob Data Contributor', operation: 'write', ...where };
}

/**
 * The sentence a user sees: what was refused, the role to ask for and on which scope, e.g.
 * `You are signed in, but your identity may not write in container "landing" of account
 * lake1: ask for the Storage Blob Data Contributor role on the container (or on the account,
 * which covers every container; Storage Blob Data Owner also allows it).`
 */
export function missingDataRoleMessage(missing: MissingDataRole): string {
  const stronger = dataRoles.slice(dataRoles.indexOf(missing.role) + 1);
  const also = stronger.length
    ? `; ${stronger.join(' and ')} ${stronger.length > 1 ? 'also allow' : 'also allows'} it`
    : '';
  const where = missing.container
    ? `in container "${missing.container}" of account ${missing.accountName}`
    : `on account ${missing.accountName}`;
  const scope = missing.container
    ? `on the container (or on the account, which covers every container${also})`
    : `on the account${also ? ` (${also.slice(2)})` : ''}`;
  return `You are signed in, but your identity may not ${missing.operation} ${where}: ask for the ${missing.role} role ${scope}. With only ADLS ACLs and no role, open the container by its URL (in the app: Add connection → Microsoft Entra ID).`;
}
