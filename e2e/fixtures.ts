import { test as base, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchApp, launchChromium, type LakeshoreApp } from './support/launchApp.js';
import { FileList } from './pages/fileList.js';
import { LocalEmulator } from './pages/localEmulator.js';
import { PreviewPane } from './pages/previewPane.js';
import { TransfersPanel } from './pages/transfersPanel.js';
import { StorageTree } from './pages/storageTree.js';
import { Welcome } from './pages/welcome.js';

export interface AppFixtures {
  /** A fresh data folder for this test, removed afterwards. */
  dataDir: string;
  /** Blobs the emulator seeds into samples/many (tests that do not scroll it use few). */
  sampleMany: number;
  app: LakeshoreApp;
  welcome: Welcome;
  /** The opening steps: pick the local emulator, Refresh, open a container and path, wait for a row. */
  emulator: LocalEmulator;
  tree: StorageTree;
  files: FileList;
  preview: PreviewPane;
  transfers: TransfersPanel;
}

/** Playwright fixtures: one data folder and one app per test, page objects per region (Bruno's pattern). */
export const test = base.extend<AppFixtures, { chromiumBrowser: Browser }>({
  chromiumBrowser: [
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  sampleMany: [200, { option: true }],
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lakeshore-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ dataDir, sampleMany, chromiumBrowser }, use) => {
    const app = await launchApp(async () => chromiumBrowser, { dataDir, sampleMany });
    await use(app);
    await app.close();
  },
  welcome: async ({ app }, use) => use(new Welcome(app.page)),
  emulator: async ({ app }, use) => use(new LocalEmulator(app.page)),
  tree: async ({ app }, use) => use(new StorageTree(app.page)),
  files: async ({ app }, use) => use(new FileList(app.page)),
  preview: async ({ app }, use) => use(new PreviewPane(app.page)),
  transfers: async ({ app }, use) => use(new TransfersPanel(app.page)),
});

export { expect } from '@playwright/test';
