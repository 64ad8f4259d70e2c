import type { AccessCheck, AccessControl } from '../../shared/contract/index.js';
import { getAccessControl } from './accessControl.js';
import type { NamespaceTarget } from './namespaceTarget.js';

type Step = AccessCheck['steps'][number];

/**
 * The permissions that apply to `principal` on one path, by the POSIX ACL check order ADLS
 * Gen2 uses (https://learn.microsoft.com/azure/storage/blobs/data-lake-storage-access-control,
 * "How permissions are evaluated"): owning user, named user (limited by the mask), owning
 * group / named group (limited by the mask), then other. Group membership of a user cannot
 * be read here, so a user is matched by owner or named entry only, a group by owning group or
 * named entry.
 */
export function effectivePermissions(
  control: AccessControl,
  principal: string,
  kind: 'user' | 'group',
): { rwx: string; via: string } {
  const access = control.acl.filter((e) => e.scope === 'access');
  const mask = access.find((e) => e.type === 'mask')?.permissions;
  const masked = (p: string) =>
    mask ? [...p].map((c, i) => (mask[i] === c ? c : '-')).join('') : p;
  const entry = (type: 'user' | 'group', id: string) =>
    access.find((e) => e.type === type && e.id === id)?.permissions;
  if (kind === 'user') {
    if (control.owner === principal) return { rwx: entry('user', '') ?? '---', via: 'owner' };
    const named = entry('user', principal);
    if (named) return { rwx: masked(named), via: 'named user entry' };
  } else {
    if (control.group === principal) {
      return { rwx: masked(entry('group', '') ?? '---'), via: 'owning group' };
    }
    const named = entry('group', principal);
    if (named) return { rwx: masked(named), via: 'named group entry' };
  }
  return { rwx: access.find((e) => e.type === 'other')?.permissions ?? '---', via: 'other' };
}

/**
 * Whether `principal` can reach `path`: execute (x) is needed on the filesystem root and
 * every directory above `path`, the most common reason an ACL-only user cannot browse.
 * Reads the ACL of each directory from the root down, and of `path` itself. Rejects with
 * `InvalidInput` on flat accounts, `NotFound` for a missing path.
 */
export async function checkAccess(
  target: NamespaceTarget,
  path: string,
  principal: string,
  kind: 'user' | 'group',
): Promise<AccessCheck> {
  const segments = path.split('/');
  const chain = ['', ...segments.map((_, i) => segments.slice(0, i + 1).join('/'))];
  const steps: Step[] = [];
  for (const p of chain) {
    const { rwx, via } = effectivePermissions(await getAccessControl(target, p), principal, kind);
    steps.push({
      path: p,
      read: rwx[0] === 'r',
      write: rwx[1] === 'w',
      execute: rwx[2] === 'x',
      via,
    });
  }
  const parents = steps.slice(0, -1);
  return { reachable: parents.every((s) => s.execute), steps };
}
