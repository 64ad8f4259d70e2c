import type { Locator, Page } from '@playwright/test';

/** A region's box in CSS pixels, with what its content needs (scroll sizes) beside what it has. */
export interface RegionBox {
  name: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  height: number;
  /** Content height and width against the box's inner size: larger means the bar is cut. */
  scrollHeight: number;
  clientHeight: number;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * The window's fixed bars (toolbar "Main", breadcrumbs, Transfers, status bar), its "More"
 * toolbar menu and the splitters between the tree, the list and the preview.
 */
export class WindowFrame {
  readonly toolbar: Locator;
  readonly breadcrumbs: Locator;
  readonly transfers: Locator;
  readonly statusBar: Locator;
  readonly more: Locator;
  constructor(private readonly page: Page) {
    this.toolbar = page.getByRole('toolbar', { name: 'Main' });
    this.breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    this.transfers = page.getByRole('region', { name: 'Transfers' });
    this.statusBar = page.getByRole('contentinfo', { name: 'Status' });
    this.more = this.toolbar.getByRole('button', { name: 'More actions' });
  }

  /** The separator that resizes the named pane ("Storage tree" or "Preview"). */
  splitter(pane: 'Storage tree' | 'Preview'): Locator {
    return this.page.getByRole('separator', { name: `Resize ${pane}` });
  }

  /** The box of one region, measured in the page. */
  async box(name: string, region: Locator): Promise<RegionBox> {
    return region.evaluate((el, n) => {
      const r = el.getBoundingClientRect();
      return {
        name: n,
        top: r.top,
        bottom: r.bottom,
        left: r.left,
        right: r.right,
        height: r.height,
        scrollHeight: el.scrollHeight,
        clientHeight: el.clientHeight,
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      };
    }, name);
  }

  /** The toolbar's buttons the user can see, left to right: name, box, and whether the label is cut. */
  async visibleToolbarButtons(): Promise<
    { name: string; left: number; right: number; top: number; bottom: number; cut: boolean }[]
  > {
    return this.toolbar.getByRole('button').evaluateAll((buttons) =>
      buttons
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(b).visibility !== 'hidden';
        })
        .map((b) => {
          const r = b.getBoundingClientRect();
          const name = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
          return {
            name,
            left: r.left,
            right: r.right,
            top: r.top,
            bottom: r.bottom,
            // Content wider than the button: its label is cut or runs into the next one.
            cut: b.scrollWidth > b.clientWidth + 1,
          };
        }),
    );
  }

  /** Opens "More actions" and resolves to its items' names, then closes it with Escape. */
  async moreItems(): Promise<string[]> {
    await this.more.click();
    const menu = this.page.getByRole('menu');
    await menu.waitFor();
    const names = (await menu.getByRole('menuitem').allTextContents()).map((t) => t.trim());
    await this.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    return names;
  }
}
