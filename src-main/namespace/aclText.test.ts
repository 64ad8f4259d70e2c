import { describe, expect, it } from 'vitest';
import { LakeFailure } from '../storage/toLakeError.js';
import { applyAclChange, formatAcl, parseAcl, permissionsFromAcl } from './aclText.js';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof LakeFailure ? e.error.code : 'not a LakeFailure';
  }
  return undefined;
};

describe('parseAcl', () => {
  it('reads access and default entries, named and unnamed, and formats them back', () => {
    const text = 'user::rwx,group::r-x,other::---,user:alice@contoso.com:r-x,default:group:g1:rw-';
    const entries = parseAcl(text);
    expect(entries).toEqual([
      { scope: 'access', type: 'user', id: '', permissions: 'rwx' },
      { scope: 'access', type: 'group', id: '', permissions: 'r-x' },
      { scope: 'access', type: 'other', id: '', permissions: '---' },
      { scope: 'access', type: 'user', id: 'alice@contoso.com', permissions: 'r-x' },
      { scope: 'default', type: 'group', id: 'g1', permissions: 'rw-' },
    ]);
    expect(formatAcl(entries)).toBe(text);
  });

  it('reads removal lists without permissions', () => {
    expect(parseAcl('user:u1,default:group:g1', { forRemoval: true })).toEqual([
      { scope: 'access', type: 'user', id: 'u1' },
      { scope: 'default', type: 'group', id: 'g1' },
    ]);
  });

  it.each(['', 'user:u1', 'owner::rwx', 'user::rwz', 'user::rw', 'mask:m1:r--', 'user:u1:r-x:x'])(
    'refuses %j with InvalidInput',
    (text) => expect(codeOf(() => parseAcl(text))).toBe('InvalidInput'),
  );
});

describe('applyAclChange', () => {
  const current = parseAcl('user::rwx,group::r-x,other::---,user:child-only:r--');
  const changes = parseAcl('user:u1:r-x,group::rwx,default:user:u1:r-x');

  it('modify updates named entries, adds new ones and keeps entries only this path has', () => {
    expect(formatAcl(applyAclChange(current, changes, 'modify', true))).toBe(
      'user::rwx,group::rwx,other::---,user:child-only:r--,user:u1:r-x,default:user:u1:r-x',
    );
  });

  it('ignores default entries on files', () => {
    expect(formatAcl(applyAclChange(current, changes, 'modify', false))).toBe(
      'user::rwx,group::rwx,other::---,user:child-only:r--,user:u1:r-x',
    );
  });

  it('remove drops only the named entries', () => {
    const removal = parseAcl('user:child-only', { forRemoval: true });
    expect(formatAcl(applyAclChange(current, removal, 'remove', true))).toBe(
      'user::rwx,group::r-x,other::---',
    );
  });

  it('set replaces the whole ACL', () => {
    expect(formatAcl(applyAclChange(current, changes, 'set', false))).toBe(
      'user:u1:r-x,group::rwx',
    );
  });
});

describe('permissionsFromAcl', () => {
  it('uses the mask in place of the group when there is one', () => {
    expect(permissionsFromAcl(parseAcl('user::rwx,group::r-x,other::--x'))).toBe('rwxr-x--x');
    expect(permissionsFromAcl(parseAcl('user::rw-,group::rwx,mask::r--,other::---'))).toBe(
      'rw-r-----',
    );
  });
});
