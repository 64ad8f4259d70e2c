import type { ThemeChoice } from '../../../shared/contract/index.js';

/** A theme the window can show. */
export type ThemeName = 'light' | 'dark' | 'highContrast';

/** What the OS asks for: `prefers-color-scheme: dark` and `forced-colors: active`. */
export interface OsAppearance {
  dark: boolean;
  forcedColors: boolean;
}

/**
 * The theme to show for the user's choice (absent: `system`). `system` follows the OS: forced
 * colours (Windows high contrast) win over a dark preference, which wins over light.
 */
export function resolveTheme(choice: ThemeChoice | undefined, os: OsAppearance): ThemeName {
  if (choice && choice !== 'system') return choice;
  if (os.forcedColors) return 'highContrast';
  return os.dark ? 'dark' : 'light';
}
