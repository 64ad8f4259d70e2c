import type { Locator, Page } from '@playwright/test';

/** The Properties side pane (region "Properties"). */
export class PropertiesPanel {
  readonly region: Locator;
  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Properties' });
  }

  /** Opens the pane for the focused file list row: Alt+Enter. */
  async openForSelection(): Promise<void> {
    await this.page.keyboard.press('Alt+Enter');
    await this.region.waitFor();
  }

  /** The value shown next to a fact's label (Size, Content type, ETag, …). */
  fact(label: string): Locator {
    return this.region
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  contentTypeInput(): Locator {
    return this.region.getByRole('textbox', { name: 'Content type' });
  }

  /** Names typed in the metadata table, in row order. */
  async metadataNames(): Promise<string[]> {
    return this.region
      .getByRole('textbox', { name: /^Metadata name/ })
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  }

  /** Adds a metadata row and types its name and value (not saved yet). */
  async addMetadata(name: string, value: string): Promise<void> {
    await this.region.getByRole('button', { name: 'Add metadata' }).click();
    await this.region
      .getByRole('textbox', { name: /^Metadata name/ })
      .last()
      .fill(name);
    await this.region
      .getByRole('textbox', { name: /^Metadata value/ })
      .last()
      .fill(value);
  }

  /** Clicks Save properties and waits for the saved confirmation. */
  async save(): Promise<void> {
    await this.region.getByRole('button', { name: 'Save properties' }).click();
    await this.region.getByText('Properties saved.').waitFor();
  }
}
