import type { Locator, Page } from '@playwright/test';

/** The Activity region (opened by the status bar's Activity button): Operations, Messages, Diagnostics. */
export class ActivityPanel {
  readonly region: Locator;
  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Activity' });
  }

  /** Opens the panel (if closed) on `tab`. */
  async open(tab: 'Operations' | 'Messages' | 'Diagnostics' = 'Operations'): Promise<void> {
    if (!(await this.region.isVisible())) {
      await this.page
        .getByRole('contentinfo', { name: 'Status' })
        .getByRole('button', { name: 'Activity' })
        .click();
    }
    await this.region.getByRole('tab', { name: tab }).click();
  }

  /** The table of storage operations. */
  operations(): Locator {
    return this.region.getByRole('table', { name: 'Storage operations' });
  }

  /** Rows of the operations table (the header row left out). */
  rows(): Locator {
    return this.operations().locator('tbody tr');
  }
}
