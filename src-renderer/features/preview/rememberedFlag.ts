import { useState } from 'react';
import type { PreviewToggle } from '../../../shared/contract/index.js';
import { useSettings, useUpdateSettings } from '../settings/useSettings.js';

/**
 * A preview view switch (`wrapText`, `markdownSource`) kept in the settings' `previewToggles`,
 * so it holds across previews and restarts in both modes (browser mode's origin, and with it
 * local storage, changes at every start). Off until the settings say otherwise; a change shows
 * at once and is saved beside the other switches.
 */
export function useRememberedFlag(key: PreviewToggle): [boolean, (next: boolean) => void] {
  const settings = useSettings();
  const update = useUpdateSettings();
  const [changed, setChanged] = useState<boolean>();
  const set = (next: boolean) => {
    setChanged(next);
    update.mutate({ previewToggles: { ...settings.data?.previewToggles, [key]: next } });
  };
  return [changed ?? settings.data?.previewToggles?.[key] ?? false, set];
}
