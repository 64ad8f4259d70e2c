import { expect, type Locator, type Page } from '@playwright/test';
import { PathDialogs } from './pathDialogs.js';
import { StorageTree } from './storageTree.js';
import { FileList } from './fileList.js';
import { Welcome } from './welcome.js';

/**
 * The steps most specs open with, one method each: pick the local emulator on the first-run
 * panel, Refresh (after a container was made through the SDK), open a container and a path
 * under it in the tree, and wait for the list to show a row.
 */
export class LocalEmulator {
  private readonly welcome: Welcome;
  private readonly tree: StorageTree;
  private readonly files: FileList;
  private readonly dialogs: PathDialogs;
  constructor(page: Page) {
    this.welcome = new Welcome(page);
    this.tree = new StorageTree(page);
    this.files = new FileList(page);
    this.dialogs = new PathDialogs(page);
  }

  /** Picks "Local emulator" and waits for its connection in the tree. */
  async pick(): Promise<void> {
    await this.welcome.pickLocalEmulator();
  }

  /**
   * Clicks Refresh, so the tree lists containers made after its first listing (the first run
   * lists the emulator's containers before a spec makes its own).
   */
  async refresh(): Promise<void> {
    await this.dialogs.toolbar('Refresh');
  }

  /** Opens `container` and each folder of `path` under Local emulator; resolves to the last item. */
  async openAt(container: string, ...path: string[]): Promise<Locator> {
    return this.tree.expand('Local emulator', container, ...path);
  }

  /** Waits until the file list shows the row `name`. */
  async showsRow(name: string): Promise<void> {
    await expect(this.files.row(name)).toBeVisible();
  }

  /** Picks the emulator and opens `container`/`path` (see `pick` and `openAt`). */
  async startAt(container: string, ...path: string[]): Promise<Locator> {
    await this.pick();
    return this.openAt(container, ...path);
  }
}
