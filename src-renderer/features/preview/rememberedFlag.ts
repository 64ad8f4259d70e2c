import { useCallback, useState } from 'react';

const prefix = 'lakeshore.preview.';

/**
 * A boolean view choice kept in the renderer's local storage under `lakeshore.preview.<key>`,
 * so it holds across previews and, where the window's origin stays the same (the desktop
 * app), across restarts. Falls back to `initial` when storage is unavailable.
 */
export function useRememberedFlag(
  key: string,
  initial: boolean,
): [boolean, (next: boolean) => void] {
  const [value, setValue] = useState(() => {
    try {
      const saved = window.localStorage.getItem(prefix + key);
      return saved === null ? initial : saved === 'true';
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        window.localStorage.setItem(prefix + key, String(next));
      } catch {
        // Not remembered, still applied.
      }
    },
    [key],
  );
  return [value, set];
}
