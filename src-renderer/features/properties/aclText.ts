import type { AclEntry } from '../../../shared/contract/index.js';

/** One of the three POSIX permission bits of an ACL entry. */
export type PermissionBit = 'r' | 'w' | 'x';

const bitIndex: Record<PermissionBit, number> = { r: 0, w: 1, x: 2 };
const entryTypes = ['user', 'group', 'mask', 'other'] as const;

/** Whether `permissions` (`r-x`) grants `bit`; an absent or short string grants nothing. */
export function hasPermission(permissions: string | undefined, bit: PermissionBit): boolean {
  return (permissions ?? '---')[bitIndex[bit]] === bit;
}

/** `permissions` with `bit` switched on or off, always three characters (`r-x` + w → `rwx`). */
export function togglePermission(
  permissions: string | undefined,
  bit: PermissionBit,
  on: boolean,
): string {
  return (['r', 'w', 'x'] as const)
    .map((b) => ((b === bit ? on : hasPermission(permissions, b)) ? b : '-'))
    .join('');
}

/** One entry as ADLS Gen2 writes it: `[default:]type:id:rwx`, or `[default:]type:id` without permissions. */
export function formatAclEntry(entry: AclEntry): string {
  const head = `${entry.scope === 'default' ? 'default:' : ''}${entry.type}:${entry.id}`;
  return entry.permissions === undefined ? head : `${head}:${entry.permissions}`;
}

/**
 * A whole ACL as the text the service takes (`user::rwx,group::r-x,other::---`). With
 * `withPermissions` false it is a removal list (`user:oid,default:group:gid`).
 */
export function formatAcl(entries: readonly AclEntry[], withPermissions = true): string {
  return entries
    .map((e) =>
      formatAclEntry(
        withPermissions
          ? { ...e, permissions: e.permissions ?? '---' }
          : { scope: e.scope, type: e.type, id: e.id },
      ),
    )
    .join(',');
}

/**
 * Parses ACL text into entries; throws an Error naming the first bad entry. Entries may omit
 * permissions (a removal list); spaces around entries are ignored.
 */
export function parseAcl(text: string): AclEntry[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((raw) => {
      const parts = raw.split(':');
      const scope = parts[0] === 'default' ? 'default' : 'access';
      if (scope === 'default') parts.shift();
      const [type, id = '', permissions, ...extra] = parts;
      if (!entryTypes.includes(type as AclEntry['type']) || extra.length > 0)
        throw new Error(`“${raw}” is not an ACL entry ([default:]user|group|mask|other:id:rwx)`);
      if (permissions !== undefined && !/^[r-][w-][x-]$/.test(permissions))
        throw new Error(`“${raw}”: permissions are three characters from r-, w-, x- (e.g. r-x)`);
      const entry: AclEntry = { scope, type: type as AclEntry['type'], id };
      return permissions === undefined ? entry : { ...entry, permissions };
    });
}

/** A key that is the same for two entries that name the same scope, type and id. */
const entryKey = (e: AclEntry) => `${e.scope}:${e.type}:${e.id.toLowerCase()}`;

/**
 * What is wrong with an ACL before it is sent, one sentence each (empty when it is fine):
 * mask and other take no id, named entries need an id, an entry appears once, and a
 * complete ACL (`complete`, for Save and Replace) has the owner, owning group and other.
 */
export function aclProblems(entries: readonly AclEntry[], complete: boolean): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const text = formatAclEntry({ scope: e.scope, type: e.type, id: e.id });
    if ((e.type === 'mask' || e.type === 'other') && e.id !== '')
      problems.push(`${text}: ${e.type} entries take no id`);
    if (seen.has(entryKey(e))) problems.push(`${text} appears more than once`);
    seen.add(entryKey(e));
  }
  if (complete) {
    for (const type of ['user', 'group', 'other'] as const)
      if (!entries.some((e) => e.scope === 'access' && e.type === type && e.id === ''))
        problems.push(
          `The ACL needs a ${type}:: entry (the ${type === 'other' ? 'others' : `owning ${type}`})`,
        );
  }
  return problems;
}
