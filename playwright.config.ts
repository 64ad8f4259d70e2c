import { defineConfig } from '@playwright/test';

// e2e specs drive the real UI: in browser mode (Chromium from the OS, the app's web host and its
// embedded Azurite) by default, or under Playwright's `_electron` when LAKESHORE_E2E_ELECTRON=1
// and an Electron binary is installed. See e2e/support/launchApp.ts.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  retries: 0,
  outputDir: 'test-results/e2e-artifacts',
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e.json' }],
  ],
  use: { trace: 'retain-on-failure', actionTimeout: 30_000 },
});
