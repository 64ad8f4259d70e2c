import { describe, expect, it } from 'vitest';
import type { AclEntry } from '../../../shared/contract/index.js';
import {
  aclProblems,
  formatAcl,
  formatAclEntry,
  hasPermission,
  parseAcl,
  togglePermission,
} from './aclText.js';

const base: AclEntry[] = [
  { scope: 'access', type: 'user', id: '', permissions: 'rwx' },
  { scope: 'access', type: 'group', id: '', permissions: 'r-x' },
  { scope: 'access', type: 'other', id: '', permissions: '---' },
];

describe('permission bits', () => {
  it('reads each bit', () => {
    expect(['r', 'w', 'x'].map((b) => hasPermission('r-x', b as 'r'))).toEqual([true, false, true]);
    expect(hasPermission(undefined, 'r')).toBe(false);
  });

  it('toggles one bit and keeps the others', () => {
    expect(togglePermission('r-x', 'w', true)).toBe('rwx');
    expect(togglePermission('rwx', 'r', false)).toBe('-wx');
    expect(togglePermission('---', 'x', false)).toBe('---');
    expect(togglePermission(undefined, 'x', true)).toBe('--x');
  });
});

describe('ACL text', () => {
  it('formats entries with and without permissions', () => {
    expect(formatAclEntry({ scope: 'default', type: 'user', id: 'a1', permissions: 'r-x' })).toBe(
      'default:user:a1:r-x',
    );
    expect(formatAclEntry({ scope: 'access', type: 'mask', id: '' })).toBe('mask:');
    expect(formatAcl(base)).toBe('user::rwx,group::r-x,other::---');
    expect(
      formatAcl(
        [
          { scope: 'access', type: 'user', id: 'u1', permissions: 'r--' },
          { scope: 'default', type: 'group', id: 'g1', permissions: 'rwx' },
        ],
        false,
      ),
    ).toBe('user:u1,default:group:g1');
  });

  it('writes --- for an entry without permissions in a full ACL', () =>
    expect(formatAcl([{ scope: 'access', type: 'other', id: '' }])).toBe('other::---'));

  it('parses what it formats', () => {
    const entries: AclEntry[] = [
      ...base,
      { scope: 'access', type: 'user', id: 'alice@contoso.com', permissions: 'r--' },
      { scope: 'access', type: 'mask', id: '', permissions: 'r-x' },
      { scope: 'default', type: 'group', id: '6f1c-22', permissions: 'r-x' },
    ];
    expect(parseAcl(formatAcl(entries))).toEqual(entries);
  });

  it('parses removal lists and ignores spaces and empty entries', () =>
    expect(parseAcl(' user:u1 , default:group:g1,, ')).toEqual([
      { scope: 'access', type: 'user', id: 'u1' },
      { scope: 'default', type: 'group', id: 'g1' },
    ]));

  it('rejects unknown types, bad permissions and extra fields', () => {
    expect(() => parseAcl('owner::rwx')).toThrow(/owner::rwx/);
    expect(() => parseAcl('user::rwz')).toThrow(/three characters/);
    expect(() => parseAcl('user:a:rwx:x')).toThrow(/not an ACL entry/);
  });
});

describe('aclProblems', () => {
  it('accepts a complete ACL', () => expect(aclProblems(base, true)).toEqual([]));

  it('wants the base entries in a complete ACL only', () => {
    const partial = [{ scope: 'access', type: 'user', id: 'u1', permissions: 'r--' } as AclEntry];
    expect(aclProblems(partial, false)).toEqual([]);
    expect(aclProblems(partial, true)).toHaveLength(3);
  });

  it('finds ids on mask and other, and duplicates ignoring case', () =>
    expect(
      aclProblems(
        [
          ...base,
          { scope: 'access', type: 'mask', id: 'x', permissions: 'r--' },
          { scope: 'access', type: 'user', id: 'Bob', permissions: 'r--' },
          { scope: 'access', type: 'user', id: 'bob', permissions: 'rw-' },
        ],
        true,
      ),
    ).toEqual(['mask:x: mask entries take no id', 'user:bob appears more than once']));
});
