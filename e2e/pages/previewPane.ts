import type { Locator, Page } from '@playwright/test';

/** The preview pane (region "Preview"). */
export class PreviewPane {
  readonly region: Locator;
  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Preview' });
  }

  table(): Locator {
    return this.region.getByRole('table', { name: 'Preview table' });
  }

  /** Header names of the preview table. */
  async columnNames(): Promise<string[]> {
    return (await this.table().getByRole('columnheader').allTextContents()).map((t) =>
      t.replace(/ [▲▼]$/, '').trim(),
    );
  }

  /** Cell texts of the `n`-th data row (0-based) as rendered. */
  async rowCells(n: number): Promise<string[]> {
    return this.table()
      .getByRole('row')
      .nth(n + 1)
      .getByRole('cell')
      .allTextContents();
  }
}
