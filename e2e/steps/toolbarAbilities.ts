import { expect, type Page } from '@playwright/test';

/** What the Main toolbar should show of a connection's abilities. */
export interface ToolbarAbilities {
  /** Buttons whose tooltip says why they are off. */
  titled: readonly string[];
  /** That tooltip ("not allowed: …", the missing role in it). */
  title: RegExp;
  /** Buttons that are off. */
  off: readonly string[];
  /** Buttons that stay on. */
  on: readonly string[];
}

/**
 * Expects the Main toolbar's buttons (by exact accessible name) to follow the connection's
 * abilities: each of `titled` carries `title`, each of `off` is disabled, each of `on` enabled.
 */
export async function expectToolbarAbilities(page: Page, want: ToolbarAbilities): Promise<void> {
  const bar = page.getByRole('toolbar', { name: 'Main' });
  const button = (name: string) => bar.getByRole('button', { name, exact: true });
  for (const name of want.titled) await expect(button(name)).toHaveAttribute('title', want.title);
  for (const name of want.off) await expect(button(name)).toBeDisabled();
  for (const name of want.on) await expect(button(name)).toBeEnabled();
}
