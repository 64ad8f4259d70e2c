import { describe, expect, it } from 'vitest';
import {
  chordLabel,
  commandTable,
  isCommandKey,
  pathCommandForKey,
  shortcutOf,
} from './commandTable.js';

const press = (key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('the command table', () => {
  it('writes keys as the menus show them', () => {
    expect(shortcutOf('newFolder')).toBe('Ctrl+Shift+N');
    expect(shortcutOf('delete')).toBe('Del');
    expect(shortcutOf('back')).toBe('Alt+Left');
    expect(shortcutOf('properties')).toBe('Alt+Enter');
    expect(chordLabel({ key: '?', shift: 'any' })).toBe('?');
  });

  it("maps the file list's keys to its path commands, modifiers exact", () => {
    expect(pathCommandForKey(press('F2'))).toBe('rename');
    expect(pathCommandForKey(press('Delete'))).toBe('delete');
    expect(pathCommandForKey(press('N', { ctrl: true, shift: true }))).toBe('newFolder');
    expect(pathCommandForKey(press('x', { ctrl: true }))).toBe('cut');
    expect(pathCommandForKey(press('c', { ctrl: true }))).toBe('copy');
    expect(pathCommandForKey(press('v', { ctrl: true }))).toBe('paste');
    expect(pathCommandForKey(press('Enter', { alt: true }))).toBe('properties');
    expect(pathCommandForKey(press('c', { ctrl: true, shift: true }))).toBeUndefined();
    expect(pathCommandForKey(press('n', { ctrl: true }))).toBeUndefined();
    expect(pathCommandForKey(press('Enter'))).toBeUndefined();
  });

  it('opens the shortcut list with F1 or ? (with or without Shift)', () => {
    expect(isCommandKey(press('F1'), 'shortcuts')).toBe(true);
    expect(isCommandKey(press('?', { shift: true }), 'shortcuts')).toBe(true);
    expect(isCommandKey(press('?'), 'shortcuts')).toBe(true);
    expect(isCommandKey(press('/'), 'shortcuts')).toBe(false);
  });

  it('declares each command once, each with at least one key', () => {
    const ids = commandTable.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(commandTable.every((c) => c.keys.length > 0)).toBe(true);
  });
});
