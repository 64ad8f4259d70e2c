import { expect, type Locator, type Page } from '@playwright/test';
import type { StorageTree } from './storageTree.js';

/** The Connection properties dialog and its "Timeouts and retries" section. */
export class ConnectionProperties {
  readonly dialog: Locator;
  readonly network: Locator;
  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Connection properties' });
    this.network = this.dialog.getByRole('region', { name: 'Timeouts and retries' });
  }

  /** Opens it from the connection's context menu in the tree. */
  async open(tree: StorageTree, connection: string): Promise<void> {
    const menu = await tree.openContextMenu(connection);
    await menu.getByRole('menuitem', { name: 'Connection properties…' }).click();
    await expect(this.dialog).toContainText(`Properties of “${connection}”`);
  }

  /** What the section gives for a setting ('Read timeout (no data)', 'Attempts', …). */
  networkValue(label: string): Locator {
    return this.network
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** A field of the section's edit form, by its label with unit ('Read timeout (no data) (s)'). */
  field(label: string): Locator {
    return this.network.getByRole('spinbutton', { name: label });
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
