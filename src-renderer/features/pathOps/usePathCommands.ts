import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PathEntry, PathRef } from '../../../shared/contract/index.js';
import { useKnownConnections } from '../../api/discoveryHooks.js';
import type { BrowseLocation } from '../shell/location.js';
import type { ConnectionRef, ContainerRef } from './ContainerDialogs.js';
import type { DeleteTarget } from './DeleteDialog.js';
import type { DraggedEntry } from './dragEntry.js';
import type { RenameTarget } from './RenameDialog.js';
import { abilitiesIn, refusalOf } from './commandAbilities.js';
import { newOperationId } from './useOperations.js';
import { usePathActions, type LinkKind } from './usePathActions.js';
import { baseName, joinPath, moveProblem } from './validateName.js';

/**
 * Entries cut (Ctrl+X: paste moves them within their container) or copied (Ctrl+C: paste
 * copies them into any container of any connection), waiting for Ctrl+V.
 */
interface Clipboard {
  mode: 'cut' | 'copy';
  connectionId: string;
  container: string;
  entries: PathRef[];
}

/** A command on the shown directory or its selection, from a key or a toolbar button. */
export type PathCommand = 'newFolder' | 'rename' | 'delete' | 'cut' | 'copy' | 'paste';

/**
 * Where a command acts when not on the shown directory (a folder's menu in the tree): the
 * directory its entries live in, and where Paste puts things (that folder itself).
 */
export interface CommandPlace {
  location: BrowseLocation;
  pasteInto?: BrowseLocation;
}

/** Which dialog is open, and for what. */
type OpenDialog =
  | { kind: 'newFolder'; location: BrowseLocation }
  | { kind: 'rename'; target: RenameTarget }
  | { kind: 'delete'; target: DeleteTarget }
  | { kind: 'newContainer'; connection: ConnectionRef }
  | { kind: 'deleteContainer'; target: ContainerRef };

/**
 * The path commands of the window: which dialog is open, what is cut or copied, moves made by
 * paste or by dragging a row onto the tree (one `paths.rename` each, refused before any call
 * when a folder would go into itself or the container differs), and copies made by paste (one
 * `paths.copy`, server-side, into any container). `error` is the last failure to show,
 * `notice` the last link copied. Ctrl+Shift+N anywhere in the window opens New folder. A command
 * its connection's credential does not allow (a read-only connection's delete, a SAS without
 * `w`'s new folder) is refused before any call with the reason as `error`; `refusal` tells the
 * toolbar and menus that reason so they can show it and turn the action off.
 */
export function usePathCommands(shown: BrowseLocation | undefined) {
  const actions = usePathActions();
  const connections = useKnownConnections();
  const [dialog, setDialog] = useState<OpenDialog>();
  const [clipboard, setClipboard] = useState<Clipboard>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>();

  const moveAll = useCallback(
    async (scope: { connectionId: string; container: string }, refs: PathRef[], into: string) => {
      setError(undefined);
      for (const ref of refs) {
        const destination = joinPath(into, baseName(ref.path));
        if (destination === ref.path) continue;
        const problem = moveProblem(ref, destination);
        if (problem) throw new Error(`${baseName(ref.path)}: ${problem}`);
        await actions.move(scope, ref, destination, newOperationId());
      }
    },
    [actions],
  );
  const report = useCallback((e: unknown) => setError(e), []);

  const refusal = useCallback(
    (command: PathCommand, at?: CommandPlace): string | undefined => {
      const location = at?.location ?? shown;
      const into = command === 'paste' ? (at?.pasteInto ?? location) : location;
      return refusalOf(command, abilitiesIn(connections, into?.connectionId));
    },
    [connections, shown],
  );

  const run = useCallback(
    (
      command: PathCommand,
      entry: PathEntry | undefined,
      selection: PathEntry[],
      at?: CommandPlace,
    ) => {
      setNotice(undefined);
      const location = at?.location ?? shown;
      if (!location) return;
      const pasteInto = at?.pasteInto ?? location;
      const refused = refusal(command, at);
      if (refused) return setError(new Error(refused));
      const targets = selection.length > 0 ? selection : entry ? [entry] : [];
      if (command === 'newFolder') setDialog({ kind: 'newFolder', location });
      else if (command === 'paste') {
        if (!clipboard) return;
        setError(undefined);
        if (clipboard.mode === 'copy') {
          actions.copy(clipboard, clipboard.entries, pasteInto, newOperationId()).catch(report);
          return;
        }
        if (
          clipboard.connectionId !== pasteInto.connectionId ||
          clipboard.container !== pasteInto.container
        )
          return setError(
            new Error('Cut and paste moves within one container; this folder is in another one.'),
          );
        moveAll(clipboard, clipboard.entries, pasteInto.directory).then(
          () => setClipboard(undefined),
          report,
        );
      } else if (targets.length === 0) return;
      else if (command === 'rename')
        setDialog({ kind: 'rename', target: { location, entry: entry ?? targets[0]! } });
      else if (command === 'delete')
        setDialog({ kind: 'delete', target: { location, entries: targets } });
      else if (command === 'cut' || command === 'copy')
        setClipboard({
          mode: command,
          connectionId: location.connectionId,
          container: location.container,
          entries: targets.map((t) => ({ path: t.path, kind: t.kind })),
        });
    },
    [shown, clipboard, actions, moveAll, report, refusal],
  );

  // Ctrl+Shift+N makes a folder wherever focus is (the file list handles it first when focused).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || !e.shiftKey) return;
      if (e.key.toLowerCase() !== 'n') return;
      e.preventDefault();
      run('newFolder', undefined, []);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  const dropEntry = useCallback(
    (into: BrowseLocation, dragged: DraggedEntry) => {
      setNotice(undefined);
      if (dragged.connectionId !== into.connectionId || dragged.container !== into.container)
        return setError(
          new Error(
            'Dragging moves within one container; drop it on a folder of ' +
              `${dragged.container}.`,
          ),
        );
      const refused = refusalOf('rename', abilitiesIn(connections, into.connectionId));
      if (refused) return setError(new Error(refused));
      moveAll(into, [{ path: dragged.path, kind: dragged.kind }], into.directory).catch(report);
    },
    [moveAll, report, connections],
  );

  const copyLink = useCallback(
    (entry: PathEntry, kind: LinkKind, at?: CommandPlace) => {
      const location = at?.location ?? shown;
      if (!location) return;
      setError(undefined);
      actions.copyLink(location, entry, kind).then((text) => setNotice(`Copied ${text}`), report);
    },
    [actions, shown, report],
  );

  return useMemo(
    () => ({
      /** The directory the list shows, where the commands act without a `CommandPlace`. */
      shown,
      dialog,
      closeDialog: () => setDialog(undefined),
      newContainer: (connection: ConnectionRef) => setDialog({ kind: 'newContainer', connection }),
      deleteContainer: (target: ContainerRef) => setDialog({ kind: 'deleteContainer', target }),
      run,
      refusal,
      dropEntry,
      copyLink,
      cutPaths: new Set(clipboard?.mode === 'cut' ? clipboard.entries.map((e) => e.path) : []),
      /** What paste would do, or `undefined` when nothing is cut or copied. */
      pasteMode: clipboard?.mode,
      notice,
      error,
      dismiss: () => {
        setError(undefined);
        setNotice(undefined);
      },
    }),
    [shown, dialog, run, refusal, dropEntry, copyLink, clipboard, notice, error],
  );
}

/** The window's path commands (see `usePathCommands`). */
export type PathCommands = ReturnType<typeof usePathCommands>;
