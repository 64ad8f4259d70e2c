import {
  FluentProvider,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useSettings } from '../settings/useSettings.js';
import { resolveTheme, type ThemeName } from './resolveTheme.js';

/** Fluent UI v9's theme for each theme the window can show. */
export const fluentThemes: Record<ThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  highContrast: teamsHighContrastTheme,
};

/** Whether a media query matches now, re-rendering when it changes. */
function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    () => window.matchMedia(query).matches,
  );
}

/**
 * The window's FluentProvider, themed by the Settings choice (light, dark, high contrast), or
 * following the OS (`prefers-color-scheme`, `forced-colors`) while the choice is System or the
 * settings are still loading. It fills the window and tells the browser the scheme, so the page
 * behind it and native scrollbars match.
 */
export function ThemedProvider({ children }: { children: ReactNode }) {
  const settings = useSettings();
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const forcedColors = useMediaQuery('(forced-colors: active)');
  const name = resolveTheme(settings.data?.theme, { dark, forcedColors });
  const theme = fluentThemes[name];
  useEffect(() => {
    const root = document.documentElement;
    root.style.colorScheme = name === 'light' ? 'light' : 'dark';
    root.style.backgroundColor = theme.colorNeutralBackground1;
    root.dataset.theme = name;
  }, [name, theme]);
  return (
    <FluentProvider theme={theme} style={{ minHeight: '100vh' }}>
      {children}
    </FluentProvider>
  );
}
