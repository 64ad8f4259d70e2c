import type { Locator, Page } from '@playwright/test';

/** The virtualized file list (role=grid "Files"). */
export class FileList {
  readonly grid: Locator;
  constructor(page: Page) {
    this.grid = page.getByRole('grid', { name: 'Files' });
  }

  /** Data rows currently in the DOM (the header row excluded). */
  rows(): Locator {
    return this.grid.getByRole('row').filter({ has: this.grid.page().getByRole('gridcell') });
  }

  row(name: string): Locator {
    return this.rows().filter({
      has: this.grid.page().getByRole('gridcell', { name, exact: true }),
    });
  }

  /** The Name cell text of every rendered row, in order. */
  async names(): Promise<string[]> {
    return this.rows().evaluateAll((rows) =>
      rows.map((r) => (r.querySelector('[role="gridcell"]')?.textContent ?? '').trim()),
    );
  }
}
