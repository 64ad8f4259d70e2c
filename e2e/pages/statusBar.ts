import type { Locator, Page } from '@playwright/test';

/** The status bar (role=contentinfo "Status"): the latest message and the Activity panel's messages. */
export class StatusBar {
  readonly bar: Locator;
  constructor(private readonly page: Page) {
    this.bar = page.getByRole('contentinfo', { name: 'Status' });
  }

  /** The latest message while it is shown (live region). */
  message(): Locator {
    return this.bar.locator('[aria-live="polite"]').first();
  }

  /** Opens the Activity panel's Messages and resolves to their list. */
  async openHistory(): Promise<Locator> {
    await this.bar.getByRole('button', { name: 'Activity' }).click();
    await this.page
      .getByRole('region', { name: 'Activity' })
      .getByRole('tab', { name: 'Messages' })
      .click();
    const list = this.page.getByRole('list', { name: 'Activity history' });
    await list.waitFor();
    return list;
  }
}
