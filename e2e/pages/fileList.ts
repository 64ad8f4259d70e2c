import type { Locator, Page } from '@playwright/test';

/** The virtualized file list (role=grid "Files"), its column headers and its filter box. */
export class FileList {
  readonly grid: Locator;
  /** The filter box of the current folder. */
  readonly filter: Locator;
  constructor(page: Page) {
    this.grid = page.getByRole('grid', { name: 'Files' });
    this.filter = page.getByRole('searchbox', { name: 'Filter this folder by name' });
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

  /** The selected rows (aria-selected). */
  selectedRows(): Locator {
    return this.grid.locator('[role="row"][aria-selected="true"]');
  }

  /** A column's header cell by its label (Name, Size, Modified, Content type). */
  header(label: string): Locator {
    return this.grid.getByRole('columnheader', { name: label });
  }

  /** The drag handle (role=separator) on the right edge of a column's header. */
  resizer(label: string): Locator {
    return this.grid.getByRole('separator', { name: `Resize ${label}` });
  }

  /** Clicks a column's header until its aria-sort is `direction`. */
  async sortBy(label: string, direction: 'ascending' | 'descending'): Promise<void> {
    const header = this.header(label);
    for (let i = 0; i < 2 && (await header.getAttribute('aria-sort')) !== direction; i += 1)
      await header.click();
  }

  /** The Name cell text of every rendered row, in order. */
  async names(): Promise<string[]> {
    return this.rows().evaluateAll((rows) =>
      rows.map((r) => (r.querySelector('[role="gridcell"]')?.textContent ?? '').trim()),
    );
  }
}
