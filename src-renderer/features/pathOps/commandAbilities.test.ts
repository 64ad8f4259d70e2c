import { describe, expect, it } from 'vitest';
import type { Ability, CredentialAbilities } from '../../../shared/contract/index.js';
import { abilitiesIn, refusalOf, refusedTitle } from './commandAbilities.js';

const allowed: Ability = { state: 'allowed', reason: 'The SAS has it.' };
const abilities = (over: Partial<CredentialAbilities['abilities']>): CredentialAbilities => ({
  summary: 'test',
  abilities: {
    list: allowed,
    read: allowed,
    write: allowed,
    delete: allowed,
    manageAcl: allowed,
    ...over,
  },
  warnings: [],
});

describe('what an action needs of the credential', () => {
  const noDelete = abilities({ delete: { state: 'denied', reason: 'No d.' } });
  const noWrite = abilities({ write: { state: 'denied', reason: 'No w.' } });

  it('refuses delete, rename and cut without delete, and keeps copy, paste and new folder', () => {
    expect(refusalOf('delete', noDelete)).toBe('No d.');
    expect(refusalOf('rename', noDelete)).toBe('No d.');
    expect(refusalOf('cut', noDelete)).toBe('No d.');
    expect(refusalOf('copy', noDelete)).toBeUndefined();
    expect(refusalOf('paste', noDelete)).toBeUndefined();
    expect(refusalOf('newFolder', noDelete)).toBeUndefined();
  });

  it('refuses every write without write, and keeps reading', () => {
    for (const action of ['newFolder', 'rename', 'cut', 'paste', 'upload'] as const)
      expect(refusalOf(action, noWrite)).toBe('No w.');
    expect(refusalOf('delete', noWrite)).toBeUndefined();
    expect(refusalOf('download', noWrite)).toBeUndefined();
  });

  it('lets through what only the service can tell, and everything when nothing is known', () => {
    const unknown = abilities({ delete: { state: 'unknown', reason: 'Roles decide.' } });
    expect(refusalOf('delete', unknown)).toBeUndefined();
    expect(refusalOf('delete', undefined)).toBeUndefined();
  });

  it('finds a connection by id and names the refusal after the action', () => {
    const list = [{ id: 'a', abilities: noWrite }, { id: 'b' }] as unknown as Parameters<
      typeof abilitiesIn
    >[0];
    expect(abilitiesIn(list, 'a')).toBe(noWrite);
    expect(abilitiesIn(list, 'b')).toBeUndefined();
    expect(abilitiesIn(list, undefined)).toBeUndefined();
    expect(refusedTitle('Delete (Del)', 'No d.')).toBe('Delete (Del) — not allowed: No d.');
    expect(refusedTitle('Delete (Del)', undefined)).toBe('Delete (Del)');
  });
});
