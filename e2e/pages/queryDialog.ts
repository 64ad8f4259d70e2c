import type { Locator, Page } from '@playwright/test';
import { FileList } from './fileList.js';

/** The Query with SQL dialog: opened from a row's context menu, its SQL editor and its tools' dialogs. */
export class QueryDialog {
  readonly dialog: Locator;
  readonly editor: Locator;
  private readonly files: FileList;
  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Query with SQL' });
    this.editor = this.dialog.getByRole('textbox', { name: /SQL/ });
    this.files = new FileList(page);
  }

  /** Right-clicks the file list's row `name` and chooses Query with SQL…; resolves to the dialog. */
  async openOn(name: string): Promise<Locator> {
    await this.files.row(name).click({ button: 'right' });
    await this.page.getByRole('menuitem', { name: /Query with SQL/ }).click();
    return this.dialog;
  }

  /**
   * Opens the dialog on the row `name` (see `openOn`) and there its `tool` button; resolves to
   * the tool's dialog (named as the button, without its ellipsis).
   */
  async openTool(
    name: string,
    tool: 'Convert…' | 'Save result…' | 'Delta maintenance…',
  ): Promise<Locator> {
    await (await this.openOn(name)).getByRole('button', { name: tool }).click();
    return this.page.getByRole('dialog', { name: tool.replace(/…$/, '') });
  }

  /** Types `sql` into the editor. */
  async write(sql: string): Promise<void> {
    await this.editor.fill(sql);
  }
}
