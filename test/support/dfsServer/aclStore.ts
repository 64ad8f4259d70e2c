import type { AclEntry } from './acl.js';
import { aclFromPermissions, formatAcl, permissionsFromAcl } from './acl.js';

/** Owner, group, sticky bit and ACL of one path. */
export interface AccessControl {
  owner: string;
  group: string;
  sticky: boolean;
  acl: AclEntry[];
}

/** Default owner/group of paths nobody set (what a fresh HNS account shows for shared-key writes). */
export const SUPERUSER = '$superuser';
const DIRECTORY_DEFAULT = 'rwxr-x---';
const FILE_DEFAULT = 'rw-r-----';

/** The access control a path has when nothing was stored for it. */
export const defaultAccessControl = (isDirectory: boolean): AccessControl => ({
  owner: SUPERUSER,
  group: SUPERUSER,
  sticky: false,
  acl: aclFromPermissions(isDirectory ? DIRECTORY_DEFAULT : FILE_DEFAULT),
});

/** The `x-ms-owner`/`x-ms-group`/`x-ms-permissions`/`x-ms-acl` view of an AccessControl. */
export const accessControlHeaders = (ac: AccessControl): Record<string, string> => ({
  'x-ms-owner': ac.owner,
  'x-ms-group': ac.group,
  'x-ms-permissions': permissionsFromAcl(ac.acl, ac.sticky),
  'x-ms-acl': formatAcl(ac.acl),
});

const normalize = (path: string): string => path.replace(/^\/+|\/+$/g, '');

/**
 * In-memory owner/group/ACL per `filesystem/path` (the filesystem root is path ''). Paths without
 * an entry have the defaults of `defaultAccessControl`. Lost when the server stops.
 */
export class AclStore {
  private readonly entries = new Map<string, AccessControl>();

  private key(fs: string, path: string): string {
    return `${fs}/${normalize(path)}`;
  }

  /** The stored or default access control of a path. */
  get(fs: string, path: string, isDirectory: boolean): AccessControl {
    const stored = this.entries.get(this.key(fs, path));
    return stored
      ? { ...stored, acl: [...stored.acl] }
      : defaultAccessControl(isDirectory || normalize(path) === '');
  }

  /** Stores the access control of a path. */
  set(fs: string, path: string, ac: AccessControl): void {
    this.entries.set(this.key(fs, path), { ...ac, acl: [...ac.acl] });
  }

  /** Forgets a path and (with `subtree`) everything below it. */
  delete(fs: string, path: string, subtree: boolean): void {
    const key = this.key(fs, path);
    this.entries.delete(key);
    if (!subtree) return;
    const prefix = normalize(path) === '' ? `${fs}/` : `${key}/`;
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  /** Forgets everything of a filesystem. */
  deleteFilesystem(fs: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(`${fs}/`)) this.entries.delete(k);
  }

  /** Moves the entries of a path and its subtree to a new place (rename). */
  move(fromFs: string, fromPath: string, toFs: string, toPath: string): void {
    const from = this.key(fromFs, fromPath);
    const to = this.key(toFs, toPath);
    this.delete(toFs, toPath, true);
    for (const [k, v] of [...this.entries.entries()]) {
      if (k === from || k.startsWith(`${from}/`)) {
        this.entries.delete(k);
        this.entries.set(to + k.slice(from.length), v);
      }
    }
  }
}
