import { createContext, useContext } from 'react';
import type { ConnectionRef, ContainerRef } from '../pathOps/ContainerDialogs.js';
import type { PathEntry } from '../../../shared/contract/index.js';
import type { DraggedEntry } from '../pathOps/dragEntry.js';
import type { MenuPoint } from '../pathOps/FileContextMenu.js';
import type { BrowseLocation, Place } from '../shell/location.js';
import type { DroppedFile } from '../transfers/droppedFiles.js';

/** What every tree node needs: which items are open, which one is shown, how to show another, and how to ask for the actions their owner carries out. */
export interface TreeState {
  openItems: ReadonlySet<string>;
  selectedValue: string | undefined;
  select: (place: Place) => void;
  /** A folder's context menu asked for (right-click, Shift+F10): `folder` is where it lives. */
  folderMenu: (folder: BrowseLocation, entry: PathEntry, point: MenuPoint) => void;
  /** Asks to remove a saved connection (the owner confirms first). */
  removeConnection: (connection: { id: string; name: string }) => void;
  /** Files dropped from the desktop onto a container or directory item. */
  dropFiles: (into: BrowseLocation, files: DroppedFile[], topLevel: File[]) => void;
  /** A file list row dropped onto a container or directory item (a move when in the same container). */
  dropEntry: (into: BrowseLocation, entry: DraggedEntry) => void;
  /** Asks for a new container in a connection (the owner shows the dialog). */
  newContainer: (connection: ConnectionRef) => void;
  /** Asks to delete a container (the owner confirms first). */
  deleteContainer: (container: ContainerRef) => void;
}

/** Provided by `StorageTree` to every node under it. */
export const TreeStateContext = createContext<TreeState | undefined>(undefined);

/** The state of the enclosing `StorageTree`. */
export function useTreeState(): TreeState {
  const state = useContext(TreeStateContext);
  if (!state) throw new Error('useTreeState outside StorageTree');
  return state;
}
