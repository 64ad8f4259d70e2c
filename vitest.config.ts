import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic, the Electron host with `electron` replaced, the contract
// over an in-memory transport) and `integration` (against a real Azurite started once for the
// run by the global setup and stopped at its end).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'src-main/**/*.test.ts',
            'src-renderer/**/*.test.{ts,tsx}',
          ],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src-main/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          globalSetup: [
            'test/support/entra/entraGlobalSetup.ts',
            'test/support/azuriteGlobalSetup.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          environment: 'node',
        },
      },
    ],
  },
});
