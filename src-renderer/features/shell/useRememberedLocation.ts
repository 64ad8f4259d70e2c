import { useEffect, useRef } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/index.js';
import { useSettings, useUpdateSettings } from '../settings/useSettings.js';
import type { Place } from './location.js';
import { placeToRestore, rememberLocation } from './rememberedLocations.js';

/**
 * Keeps where the window is per connection in Settings (`lastLocations`), so a restart opens
 * where the user left: once the settings and the connections are read and nothing is shown yet,
 * `go` is given the most recent remembered place whose connection still exists; from then on
 * each place shown is remembered.
 */
export function useRememberedLocation(
  place: Place | undefined,
  go: (to: Place) => void,
  connections: readonly ConnectionSummary[] | undefined,
): void {
  const settings = useSettings();
  const { mutate } = useUpdateSettings();
  const restored = useRef(false);
  const saved = settings.data?.lastLocations;
  const ready = settings.data !== undefined && connections !== undefined;
  useEffect(() => {
    if (restored.current || !ready) return;
    restored.current = true;
    const to = place ? undefined : placeToRestore(saved ?? [], connections ?? []);
    if (to) go(to);
  }, [ready, place, saved, connections, go]);
  useEffect(() => {
    if (!restored.current || !place || !ready) return;
    const list = saved ?? [];
    const next = rememberLocation(list, place);
    if (next !== list) mutate({ lastLocations: [...next] });
  }, [place, saved, ready, mutate]);
}
