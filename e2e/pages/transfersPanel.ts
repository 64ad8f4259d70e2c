import type { Locator, Page } from '@playwright/test';

/** The Transfers region: one list item per job, named "Upload <name>", "Download <name>", "Convert <name>", "VACUUM <table>" or "RESTORE <table>". */
export class TransfersPanel {
  readonly region: Locator;
  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Transfers' });
  }

  job(direction: 'Upload' | 'Download' | 'Convert' | 'VACUUM' | 'RESTORE', name: string): Locator {
    return this.region.getByRole('listitem', { name: `${direction} ${name}`, exact: true });
  }
}
