/** What the file list shows: a connection's container and a directory in it (`''` for the root). */
export interface BrowseLocation {
  connectionId: string;
  connectionName: string;
  container: string;
  directory: string;
}

/** A connection (account) itself: the window lists its containers. */
export interface AccountLocation {
  connectionId: string;
  connectionName: string;
  container?: undefined;
  directory?: undefined;
}

/** Anywhere the window can show: an account's containers, or a directory of a container. */
export type Place = BrowseLocation | AccountLocation;

/** Whether a place is a directory of a container (not an account). */
export const isBrowseLocation = (place: Place | undefined): place is BrowseLocation =>
  place?.container !== undefined;

/** The parent directory of `directory` (`''` for a top-level one). */
export const parentDirectory = (directory: string): string =>
  directory.slice(0, Math.max(0, directory.lastIndexOf('/')));

/** Tree item values: unique per node, readable in tests and logs. */
export const treeValue = {
  connection: (id: string) => `c:${id}`,
  container: (id: string, container: string) => `c:${id}/${container}`,
  directory: (id: string, container: string, path: string) => `c:${id}/${container}/${path}`,
};

/** The tree item value of the node a place shows. */
export const locationValue = (l: Place): string =>
  !isBrowseLocation(l)
    ? treeValue.connection(l.connectionId)
    : l.directory === ''
      ? treeValue.container(l.connectionId, l.container)
      : treeValue.directory(l.connectionId, l.container, l.directory);

/**
 * The tree item values from a place's connection down to the place itself: the items to open
 * so that the place is visible (and open) in the tree.
 */
export const treeValuesTo = (l: Place): string[] => {
  const values = [treeValue.connection(l.connectionId)];
  if (!isBrowseLocation(l)) return values;
  values.push(treeValue.container(l.connectionId, l.container));
  const segments = l.directory === '' ? [] : l.directory.split('/');
  segments.forEach((_, i) =>
    values.push(
      treeValue.directory(l.connectionId, l.container, segments.slice(0, i + 1).join('/')),
    ),
  );
  return values;
};

/** Whether two places are the same one. */
export const samePlace = (a: Place | undefined, b: Place | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.connectionId === b.connectionId &&
    a.container === b.container &&
    a.directory === b.directory);

/**
 * One level up: a directory's parent, a container's account; `undefined` above an account. A
 * connection attached to a folder (`root`, its scope's directory) goes from that folder
 * straight to the connection: the folders above it cannot be listed with it.
 */
export const parentPlace = (l: Place, root = ''): Place | undefined =>
  !isBrowseLocation(l)
    ? undefined
    : l.directory === '' || l.directory === root
      ? { connectionId: l.connectionId, connectionName: l.connectionName }
      : { ...l, directory: parentDirectory(l.directory) };

/**
 * What to select in `to` after leaving `from` for it, when `from` lies below `to`: the path of
 * the folder of `to` that leads back to `from` (or, in an account, the container's name), so
 * going up or back re-selects where you came from.
 */
export const childToward = (from: Place | undefined, to: Place): string | undefined => {
  if (!isBrowseLocation(from) || from.connectionId !== to.connectionId) return undefined;
  if (!isBrowseLocation(to)) return from.container;
  if (from.container !== to.container) return undefined;
  const prefix = to.directory === '' ? '' : `${to.directory}/`;
  if (from.directory === to.directory || !from.directory.startsWith(prefix)) return undefined;
  const next = from.directory.slice(prefix.length).split('/')[0]!;
  return prefix + next;
};

/** Places visited, in order, and which one is shown. */
export interface History {
  entries: Place[];
  index: number;
}

/** No place visited yet. */
export const emptyHistory: History = { entries: [], index: -1 };

/** The place a history shows, if any. */
export const currentPlace = (h: History): Place | undefined => h.entries[h.index];

/**
 * Going to a place: it becomes the current entry and what was ahead of the old one is dropped
 * (as in a web browser). Going where one already is changes nothing; `undefined` shows nothing.
 */
export const visit = (h: History, place: Place | undefined): History => {
  if (samePlace(currentPlace(h), place)) return h;
  if (!place) return { entries: h.entries, index: -1 };
  const entries = [...h.entries.slice(0, h.index + 1), place];
  return { entries, index: entries.length - 1 };
};

/** One step back (`-1`) or forward (`1`) in the history; unchanged at either end. */
export const step = (h: History, by: -1 | 1): History => {
  const index = h.index + by;
  return index < 0 || index >= h.entries.length ? h : { ...h, index };
};

/** Whether a step back or forward is possible. */
export const canStep = (h: History, by: -1 | 1): boolean =>
  h.index + by >= 0 && h.index + by < h.entries.length;

/**
 * The history without the places `gone` matches (a removed connection, a deleted container).
 * If the current place went, nothing is shown and the history starts afresh.
 */
export const forget = (h: History, gone: (place: Place) => boolean): History => {
  const current = currentPlace(h);
  if (current && gone(current)) return emptyHistory;
  const kept = h.entries.filter((p) => !gone(p));
  if (kept.length === h.entries.length) return h;
  return { entries: kept, index: current ? kept.indexOf(current) : -1 };
};
