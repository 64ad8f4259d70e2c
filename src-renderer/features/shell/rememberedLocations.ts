import {
  maxRememberedLocations,
  type ConnectionSummary,
  type RememberedLocation,
} from '../../../shared/contract/index.js';
import type { Place } from './location.js';

/** A place as Settings keeps it: the connection by id, no display name. */
export const toRemembered = (place: Place): RememberedLocation =>
  place.container === undefined
    ? { connectionId: place.connectionId }
    : { connectionId: place.connectionId, container: place.container, directory: place.directory };

/**
 * The list with `place` first and no other entry of its connection, cut to the most recent
 * `maxRememberedLocations`; the same list (by identity) when `place` is already first.
 */
export function rememberLocation(
  list: readonly RememberedLocation[],
  place: Place,
): readonly RememberedLocation[] {
  const entry = toRemembered(place);
  const first = list[0];
  if (
    first &&
    first.connectionId === entry.connectionId &&
    first.container === entry.container &&
    first.directory === entry.directory
  )
    return list;
  return [entry, ...list.filter((l) => l.connectionId !== entry.connectionId)].slice(
    0,
    maxRememberedLocations,
  );
}

/**
 * Where to open the window: the most recent remembered location whose connection still
 * exists, named as the connection is now; undefined when none does.
 */
export function placeToRestore(
  list: readonly RememberedLocation[],
  connections: readonly ConnectionSummary[],
): Place | undefined {
  for (const entry of list) {
    const connection = connections.find((c) => c.id === entry.connectionId);
    if (!connection) continue;
    const base = { connectionId: connection.id, connectionName: connection.name };
    return entry.container === undefined
      ? base
      : { ...base, container: entry.container, directory: entry.directory ?? '' };
  }
  return undefined;
}
