import type { Locator, Page } from '@playwright/test';

/** The tree of connections → containers → directories (role=tree "Storage"). */
export class StorageTree {
  readonly root: Locator;
  constructor(page: Page) {
    this.root = page.getByRole('tree', { name: 'Storage' });
  }

  item(name: string): Locator {
    return this.root.getByRole('treeitem', { name, exact: true }).last();
  }

  /** The item shown in the file list (aria-selected). */
  selectedItem(): Locator {
    return this.root.locator('[role="treeitem"][aria-selected="true"]');
  }

  /** The chevron that opens or closes an item (absent on items known to have no children). */
  chevron(item: Locator): Locator {
    return item.locator(':scope > .fui-TreeItemLayout > .fui-TreeItemLayout__expandIcon');
  }

  /**
   * Clicks an item's label, as a user does to show it in the file list. (The middle of an open
   * branch is its subtree, and deep items start with their chevron, which only opens.)
   */
  async select(name: string, item: Locator = this.item(name)): Promise<void> {
    await item.getByText(name, { exact: true }).first().click();
  }

  /** Right-clicks an item's label and resolves to the context menu it opens. */
  async openContextMenu(name: string, item: Locator = this.item(name)): Promise<Locator> {
    await item.getByText(name, { exact: true }).first().click({ button: 'right' });
    const menu = this.root.page().getByRole('menu');
    await menu.waitFor();
    return menu;
  }

  /**
   * Opens and selects each named item in turn, each looked up inside the one before (the first
   * anywhere in the tree), waiting for each to appear. Resolves to the last item.
   */
  async expand(...names: string[]): Promise<Locator> {
    let item: Locator | undefined;
    for (const name of names) {
      item = item ? item.getByRole('treeitem', { name, exact: true }).first() : this.item(name);
      await item.waitFor();
      if ((await item.getAttribute('aria-expanded')) !== 'true') await this.select(name, item);
    }
    if (!item) throw new Error('expand needs at least one name');
    // An item already open (the first run opens the emulator at samples) is still the one shown.
    if ((await item.getAttribute('aria-selected')) !== 'true') {
      await this.select(names[names.length - 1]!, item);
    }
    return item;
  }
}
