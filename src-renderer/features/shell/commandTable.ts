/**
 * The window's commands declared once, with their keys: the file list's keys, the toolbar's
 * tooltips, the context menu's key hints and the Help's shortcut list all read this table, so
 * a key shown anywhere is the key that works (VS Code's `registerAction2` in small).
 */

/** One key press: `key` as `KeyboardEvent.key` names it (letters in any case), with modifiers. */
export interface KeyChord {
  key: string;
  /** Ctrl (Cmd on macOS). */
  ctrl?: boolean;
  /** Shift held; `any`: either (a `?` needs Shift on most layouts). */
  shift?: boolean | 'any';
  alt?: boolean;
  /** How the key is written, when not its name (`Del` for Delete). */
  label?: string;
}

/** Where a command's keys act. */
export type CommandScope = 'Window' | 'File list' | 'Preview';

/** One command: what it does, where its keys act, and the keys. */
export interface CommandSpec {
  id: string;
  title: string;
  scope: CommandScope;
  keys: readonly KeyChord[];
}

/** The file list's path commands (carried out on the selection by `usePathCommands`). */
export const pathCommandIds = [
  'newFolder',
  'rename',
  'delete',
  'cut',
  'copy',
  'paste',
  'properties',
] as const;
/** One of the file list's path commands. */
export type PathCommandId = (typeof pathCommandIds)[number];

/** Every command with a key, in the order Help lists them. */
export const commandTable = [
  {
    id: 'newFolder',
    title: 'New folder',
    scope: 'File list',
    keys: [{ key: 'n', ctrl: true, shift: true }],
  },
  { id: 'rename', title: 'Rename or move', scope: 'File list', keys: [{ key: 'F2' }] },
  { id: 'delete', title: 'Delete', scope: 'File list', keys: [{ key: 'Delete', label: 'Del' }] },
  { id: 'cut', title: 'Cut, to move', scope: 'File list', keys: [{ key: 'x', ctrl: true }] },
  { id: 'copy', title: 'Copy', scope: 'File list', keys: [{ key: 'c', ctrl: true }] },
  { id: 'paste', title: 'Paste here', scope: 'File list', keys: [{ key: 'v', ctrl: true }] },
  {
    id: 'properties',
    title: 'Properties',
    scope: 'File list',
    keys: [{ key: 'Enter', alt: true }],
  },
  {
    id: 'querySql',
    title: 'Query with SQL',
    scope: 'File list',
    keys: [{ key: 'q', ctrl: true, alt: true }],
  },
  {
    id: 'open',
    title: 'Open a folder or preview a file',
    scope: 'File list',
    keys: [{ key: 'Enter' }],
  },
  {
    id: 'openPreview',
    title: 'Show the preview',
    scope: 'File list',
    keys: [{ key: ' ', label: 'Space' }],
  },
  {
    id: 'closePreview',
    title: 'Close the preview',
    scope: 'File list',
    keys: [{ key: 'Escape', label: 'Esc' }],
  },
  { id: 'selectAll', title: 'Select all', scope: 'File list', keys: [{ key: 'a', ctrl: true }] },
  {
    id: 'contextMenu',
    title: 'Open the context menu',
    scope: 'File list',
    keys: [
      { key: 'F10', shift: true },
      { key: 'ContextMenu', label: 'Menu' },
    ],
  },
  {
    id: 'parent',
    title: 'Up to the parent folder',
    scope: 'File list',
    keys: [{ key: 'Backspace' }],
  },
  { id: 'back', title: 'Back', scope: 'Window', keys: [{ key: 'ArrowLeft', alt: true }] },
  { id: 'forward', title: 'Forward', scope: 'Window', keys: [{ key: 'ArrowRight', alt: true }] },
  { id: 'up', title: 'Up', scope: 'Window', keys: [{ key: 'ArrowUp', alt: true }] },
  {
    id: 'shortcuts',
    title: 'Keyboard shortcuts',
    scope: 'Window',
    keys: [{ key: 'F1' }, { key: '?', shift: 'any' }],
  },
] as const satisfies readonly CommandSpec[];

/** The id of a command in the table. */
export type CommandId = (typeof commandTable)[number]['id'];

const keyNames: Record<string, string> = {
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
};

/** A chord as the UI writes it: `Ctrl+Shift+N`, `Alt+Left`, `Del`. */
export function chordLabel(chord: KeyChord): string {
  const key =
    chord.label ??
    keyNames[chord.key] ??
    (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [chord.ctrl && 'Ctrl', chord.shift === true && 'Shift', chord.alt && 'Alt', key]
    .filter(Boolean)
    .join('+');
}

const byId = new Map<string, CommandSpec>(commandTable.map((c) => [c.id, c]));

/** The command `id` as the table declares it. */
export const commandSpec = (id: CommandId): CommandSpec => byId.get(id)!;

/** The first key of command `id`, written for a tooltip or menu (`F2`, `Ctrl+X`). */
export const shortcutOf = (id: CommandId): string => chordLabel(commandSpec(id).keys[0]!);

/** The fields of a key event that decide a chord. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Whether the key press `e` is `chord` (exact modifiers, letters in any case). */
export function matchesChord(e: KeyPress, chord: KeyChord): boolean {
  return (
    e.key.toLowerCase() === chord.key.toLowerCase() &&
    (e.ctrlKey || e.metaKey) === (chord.ctrl ?? false) &&
    (chord.shift === 'any' || e.shiftKey === (chord.shift ?? false)) &&
    e.altKey === (chord.alt ?? false)
  );
}

/** Whether `e` is one of command `id`'s keys. */
export const isCommandKey = (e: KeyPress, id: CommandId): boolean =>
  commandSpec(id).keys.some((chord) => matchesChord(e, chord));

/** The file list's path command whose key `e` is, if any. */
export const pathCommandForKey = (e: KeyPress): PathCommandId | undefined =>
  pathCommandIds.find((id) => isCommandKey(e, id));
