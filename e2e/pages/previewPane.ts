import type { Locator, Page } from '@playwright/test';

/** The preview pane (region "Preview"). */
export class PreviewPane {
  readonly region: Locator;
  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Preview' });
  }

  /** The table of a table preview (a grid: cells can be selected). */
  table(): Locator {
    return this.region.getByRole('grid', { name: 'Preview table' });
  }

  /** The header cell of the column named `name` (its accessible name starts with the name, then the type). */
  columnHeader(name: string): Locator {
    return this.table()
      .getByRole('columnheader')
      .filter({ has: this.region.page().getByText(name, { exact: true }) });
  }

  /** The handle that resizes column `name` (a vertical separator at its header's right edge). */
  resizeHandle(name: string): Locator {
    return this.table().getByRole('separator', { name: `Resize column ${name}`, exact: true });
  }

  /** Header names of the preview table (without the sort mark and the type line). */
  async columnNames(): Promise<string[]> {
    return this.headerLines(0);
  }

  /** The type line under each header name. */
  async columnTypes(): Promise<string[]> {
    return this.headerLines(1);
  }

  private async headerLines(line: number): Promise<string[]> {
    const texts = await this.table()
      .getByRole('columnheader')
      .evaluateAll(
        (headers, at) =>
          headers.map((h) => h.querySelectorAll('button > span')[at]?.textContent ?? ''),
        line,
      );
    return texts.map((t) => t.replace(/ [▲▼]$/, '').trim());
  }

  /** The `n`-th data row (0-based). */
  row(n: number): Locator {
    return this.table()
      .getByRole('row')
      .nth(n + 1);
  }

  /** The cell at data row `row` (0-based), column `column` (0-based). */
  cell(row: number, column: number): Locator {
    return this.row(row).getByRole('gridcell').nth(column);
  }

  /** Cell texts of the `n`-th data row (0-based) as rendered. */
  async rowCells(n: number): Promise<string[]> {
    return this.row(n).getByRole('gridcell').allTextContents();
  }

  /** The "Wrap long lines" switch of a text preview. */
  wrapSwitch(): Locator {
    return this.region.getByRole('switch', { name: 'Wrap long lines' });
  }

  /** A text preview's text (role document "Text"). */
  text(): Locator {
    return this.region.getByRole('document', { name: 'Text', exact: true });
  }

  /** A rendered Markdown file. */
  markdown(): Locator {
    return this.region.getByRole('document', { name: 'Rendered Markdown' });
  }

  /** A hex preview's dump. */
  hexDump(): Locator {
    return this.region.getByRole('document', { name: 'Hex dump' });
  }
}
