import { defineConfig } from 'vitest/config';

// `npm run test:reliability` (scripts/reliability.mjs): the fault, lost-answer, crash, hostile-name,
// contract-fuzzing and security suites under test/reliability, against an Azurite and a DFS
// (HNS) test server that the global setup starts for the run. One file at a time, so the
// fault and crash suites' timings do not depend on each other.
export default defineConfig({
  test: {
    name: 'reliability',
    include: ['test/reliability/**/*.rel.test.ts'],
    globalSetup: ['test/reliability/reliabilityGlobalSetup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    environment: 'node',
  },
});
