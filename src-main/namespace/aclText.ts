import type { AclEntry } from '../../shared/contract/index.js';
import { failWith } from '../storage/toLakeError.js';

/**
 * POSIX-style ACLs as ADLS Gen2 writes them (x-ms-acl,
 * https://learn.microsoft.com/azure/storage/blobs/data-lake-storage-access-control):
 * comma-separated `[default:]user|group|mask|other:[id]:rwx`; in a removal list the
 * permissions are left out (`[default:]user:id`).
 */

const types = new Set<AclEntry['type']>(['user', 'group', 'mask', 'other']);
const permissionPattern = /^[r-][w-][x-]$/;

/**
 * Parses ACL text into entries. With `forRemoval`, entries carry no permissions.
 * Throws `InvalidInput` naming the first entry that does not parse (unknown type, bad
 * permissions such as `rwz`, a named `mask` or `other`, an empty list).
 */
export function parseAcl(text: string, options: { forRemoval?: boolean } = {}): AclEntry[] {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) failWith('InvalidInput', 'The ACL is empty.');
  return parts.map((part) => parseEntry(part, options.forRemoval === true));
}

function parseEntry(part: string, forRemoval: boolean): AclEntry {
  const fields = part.split(':');
  const scope = fields[0] === 'default' ? 'default' : 'access';
  if (scope === 'default') fields.shift();
  const bad = (why: string): never =>
    failWith(
      'InvalidInput',
      `ACL entry "${part}" ${why}. Write entries as [default:]user|group|mask|other:[id]${forRemoval ? '' : ':rwx'}, e.g. user:1b2c…:r-x.`,
    );
  const expected = forRemoval ? [1, 2] : [3];
  if (!expected.includes(fields.length)) bad('has the wrong number of fields');
  const type = fields[0] as AclEntry['type'];
  if (!types.has(type)) bad(`has unknown type "${fields[0]}"`);
  const id = (fields[1] ?? '').trim();
  if (id !== '' && (type === 'mask' || type === 'other')) bad(`names an id for ${type}`);
  if (forRemoval) return { scope, type, id };
  const permissions = fields[2]!;
  if (!permissionPattern.test(permissions))
    bad(`has permissions "${permissions}" (expected like rwx or r-x)`);
  return { scope, type, id, permissions };
}

/** The ACL text of `entries` (the inverse of `parseAcl`). */
export const formatAcl = (entries: readonly AclEntry[]): string =>
  entries
    .map(
      (e) =>
        `${e.scope === 'default' ? 'default:' : ''}${e.type}:${e.id}${e.permissions !== undefined ? `:${e.permissions}` : ''}`,
    )
    .join(',');

const sameEntry = (a: AclEntry, b: AclEntry): boolean =>
  a.scope === b.scope && a.type === b.type && a.id === b.id;

/**
 * The ACL of one path after a recursive change, as the DFS "Set Access Control Recursive"
 * modes define it (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update):
 * `set` replaces the ACL; `modify` updates entries named in `changes` and adds the new
 * ones, keeping all others; `remove` drops the named entries. Default-scope entries apply to
 * directories only, so they are ignored for files.
 */
export function applyAclChange(
  current: readonly AclEntry[],
  changes: readonly AclEntry[],
  mode: 'set' | 'modify' | 'remove',
  isDirectory: boolean,
): AclEntry[] {
  const relevant = changes.filter((c) => isDirectory || c.scope === 'access');
  switch (mode) {
    case 'set':
      return [...relevant];
    case 'remove':
      return current.filter((e) => !relevant.some((c) => sameEntry(e, c)));
    case 'modify': {
      const next = current.map((e) => relevant.find((c) => sameEntry(e, c)) ?? e);
      for (const c of relevant) if (!next.some((e) => sameEntry(e, c))) next.push(c);
      return next;
    }
  }
}

/** The 9-character permissions of the owning user, group (or mask) and other from an ACL's access entries. */
export function permissionsFromAcl(entries: readonly AclEntry[]): string {
  const find = (type: AclEntry['type']) =>
    entries.find((e) => e.scope === 'access' && e.type === type && e.id === '')?.permissions ??
    '---';
  const hasMask = entries.some((e) => e.scope === 'access' && e.type === 'mask');
  return `${find('user')}${hasMask ? find('mask') : find('group')}${find('other')}`;
}
