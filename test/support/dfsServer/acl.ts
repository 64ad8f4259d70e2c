import { dfsErrors } from './dfsErrors.js';

/**
 * POSIX-style access control lists as the Data Lake service takes and returns them in
 * `x-ms-acl` / `x-ms-permissions`, see
 * https://learn.microsoft.com/azure/storage/blobs/data-lake-storage-access-control and
 * https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update
 */

export type AclType = 'user' | 'group' | 'mask' | 'other';

/** One entry `[default:]type:[id][:perms]`; `perms` is `rwx`-style, or '' in remove lists. */
export interface AclEntry {
  scope: 'access' | 'default';
  type: AclType;
  id: string;
  perms: string;
}

const TYPES: readonly AclType[] = ['user', 'group', 'mask', 'other'];
const PERMS = /^[r-][w-][x-]$/;

/**
 * Parses `x-ms-acl`. With `withPermissions` false (remove mode) entries carry no permissions.
 * Throws 400 InvalidHeaderValue on any malformed entry or duplicate.
 */
export const parseAcl = (text: string, withPermissions = true): AclEntry[] => {
  const entries: AclEntry[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const parts = raw.trim().split(':');
    const scope = parts[0] === 'default' ? 'default' : 'access';
    if (scope === 'default') parts.shift();
    if (withPermissions ? parts.length !== 3 : parts.length > 3) {
      throw dfsErrors.invalidHeaderValue();
    }
    const type = parts[0] as AclType;
    const id = parts[1] ?? '';
    const perms = withPermissions ? (parts[2] ?? '') : '';
    if (!TYPES.includes(type)) throw dfsErrors.invalidHeaderValue();
    if ((type === 'mask' || type === 'other') && id !== '') throw dfsErrors.invalidHeaderValue();
    if (withPermissions && !PERMS.test(perms)) throw dfsErrors.invalidHeaderValue();
    const key = entryKey({ scope, type, id, perms });
    if (seen.has(key)) throw dfsErrors.invalidHeaderValue();
    seen.add(key);
    entries.push({ scope, type, id, perms });
  }
  return entries;
};

const entryKey = (e: AclEntry): string => `${e.scope}:${e.type}:${e.id}`;

const rank = (e: AclEntry): number =>
  (e.scope === 'default' ? 10 : 0) +
  (e.type === 'user'
    ? e.id
      ? 1
      : 0
    : e.type === 'group'
      ? e.id
        ? 3
        : 2
      : e.type === 'mask'
        ? 4
        : 5);

/** Sorts entries as the service prints them: user::, user:x, group::, group:x, mask, other, then default:. */
export const sortAcl = (entries: AclEntry[]): AclEntry[] =>
  [...entries].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Formats entries back to the `x-ms-acl` text. */
export const formatAcl = (entries: AclEntry[]): string =>
  sortAcl(entries)
    .map((e) => `${e.scope === 'default' ? 'default:' : ''}${e.type}:${e.id}:${e.perms}`)
    .join(',');

/** True when the access scope has user::, group:: and other:: entries. */
export const hasBaseEntries = (entries: AclEntry[], scope: 'access' | 'default' = 'access') =>
  (['user', 'group', 'other'] as const).every((t) =>
    entries.some((e) => e.scope === scope && e.type === t && e.id === ''),
  );

/** The base ACL that a 9-character permission string (e.g. `rwxr-x---`) stands for. */
export const aclFromPermissions = (permissions: string): AclEntry[] => [
  { scope: 'access', type: 'user', id: '', perms: permissions.slice(0, 3) },
  { scope: 'access', type: 'group', id: '', perms: permissions.slice(3, 6) },
  {
    scope: 'access',
    type: 'other',
    id: '',
    perms: permissions.slice(6, 9).replace(/[tT]/, (c) => (c === 't' ? 'x' : '-')),
  },
];

const permsOf = (entries: AclEntry[], type: AclType): string =>
  entries.find((e) => e.scope === 'access' && e.type === type && e.id === '')?.perms ?? '---';

/**
 * `x-ms-permissions` for an ACL: owner bits, group bits (the mask when there is one), other bits
 * (`t`/`T` when sticky), and a trailing `+` when the ACL has named entries or a mask.
 */
export const permissionsFromAcl = (entries: AclEntry[], sticky = false): string => {
  const mask = entries.find((e) => e.scope === 'access' && e.type === 'mask');
  let other = permsOf(entries, 'other');
  if (sticky) other = other.slice(0, 2) + (other[2] === 'x' ? 't' : 'T');
  const extended = entries.some((e) => e.scope === 'access' && (e.id !== '' || e.type === 'mask'));
  return `${permsOf(entries, 'user')}${mask ? mask.perms : permsOf(entries, 'group')}${other}${extended ? '+' : ''}`;
};

/**
 * Parses `x-ms-permissions` — symbolic (`rwxr-x---`, optional sticky `t`/`T`, optional `+`) or
 * 4-digit octal (`0750`, `1777`) — into 9 symbolic characters plus the sticky bit.
 * Throws 400 InvalidHeaderValue.
 */
export const parsePermissions = (text: string): { perms: string; sticky: boolean } => {
  if (/^[0-7]{3,4}$/.test(text)) {
    const value = parseInt(text, 8);
    const bits = (n: number) => `${n & 4 ? 'r' : '-'}${n & 2 ? 'w' : '-'}${n & 1 ? 'x' : '-'}`;
    return {
      perms: bits((value >> 6) & 7) + bits((value >> 3) & 7) + bits(value & 7),
      sticky: (value & 0o1000) !== 0,
    };
  }
  const m = /^([r-][w-][x-][r-][w-][x-][r-][w-])([xtT-])\+?$/.exec(text);
  if (!m) throw dfsErrors.invalidHeaderValue();
  const last = m[2] ?? '-';
  return {
    perms: `${m[1]}${last === 't' ? 'x' : last === 'T' ? '-' : last}`,
    sticky: last === 't' || last === 'T',
  };
};

/** Octal mode of 9 symbolic permission characters. */
export const permissionsToMode = (perms: string): number =>
  [...perms.slice(0, 9)].reduce((acc, c) => (acc << 1) | (c === '-' ? 0 : 1), 0);

/** 9 symbolic permission characters of an octal mode. */
export const modeToPermissions = (mode: number): string =>
  ['r', 'w', 'x', 'r', 'w', 'x', 'r', 'w', 'x']
    .map((c, i) => ((mode >> (8 - i)) & 1 ? c : '-'))
    .join('');

/**
 * Applies `x-ms-permissions` to an ACL: owner → user::, group → mask:: when a mask exists
 * (else group::), other → other::.
 */
export const applyPermissions = (entries: AclEntry[], perms: string): AclEntry[] => {
  const hasMask = entries.some((e) => e.scope === 'access' && e.type === 'mask');
  const set = (type: AclType, p: string) => (e: AclEntry) =>
    e.scope === 'access' && e.type === type && e.id === '' ? { ...e, perms: p } : e;
  return entries
    .map(set('user', perms.slice(0, 3)))
    .map(set(hasMask ? 'mask' : 'group', perms.slice(3, 6)))
    .map(set('other', perms.slice(6, 9)));
};

/**
 * One change of Path - Update `setAccessControlRecursive` on one path:
 * `set` replaces the ACL (keeping base entries the new list lacks), `modify` updates or adds the
 * given entries and keeps the rest, `remove` drops the named entries (base entries stay).
 * Default-scope entries only apply to directories.
 */
export const changeAcl = (
  current: AclEntry[],
  change: AclEntry[],
  mode: 'set' | 'modify' | 'remove',
  isDirectory: boolean,
): AclEntry[] => {
  const relevant = change.filter((e) => isDirectory || e.scope === 'access');
  const currentApplicable = current.filter((e) => isDirectory || e.scope === 'access');
  if (mode === 'set') {
    const keys = new Set(relevant.map(entryKey));
    const keptBase = currentApplicable.filter(
      (e) => e.scope === 'access' && e.id === '' && e.type !== 'mask' && !keys.has(entryKey(e)),
    );
    return sortAcl([...keptBase, ...relevant]);
  }
  if (mode === 'modify') {
    const byKey = new Map(currentApplicable.map((e) => [entryKey(e), e]));
    for (const e of relevant) byKey.set(entryKey(e), e);
    return sortAcl([...byKey.values()]);
  }
  const drop = new Set(
    relevant
      .filter((e) => !(e.scope === 'access' && e.id === '' && e.type !== 'mask'))
      .map(entryKey),
  );
  return sortAcl(currentApplicable.filter((e) => !drop.has(entryKey(e))));
};
