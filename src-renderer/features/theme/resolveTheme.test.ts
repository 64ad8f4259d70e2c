import { describe, expect, it } from 'vitest';
import { resolveTheme } from './resolveTheme.js';

describe('resolveTheme', () => {
  const light = { dark: false, forcedColors: false };
  const dark = { dark: true, forcedColors: false };
  const forced = { dark: true, forcedColors: true };

  it('follows the OS when the choice is system or absent: forced colours, then dark, then light', () => {
    expect(resolveTheme(undefined, light)).toBe('light');
    expect(resolveTheme('system', dark)).toBe('dark');
    expect(resolveTheme('system', forced)).toBe('highContrast');
  });

  it('keeps an explicit choice whatever the OS asks for', () => {
    expect(resolveTheme('light', forced)).toBe('light');
    expect(resolveTheme('dark', light)).toBe('dark');
    expect(resolveTheme('highContrast', light)).toBe('highContrast');
  });
});
