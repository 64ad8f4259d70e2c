// `npm test`: typecheck, lint, unit + integration tests (vitest, against an Azurite the run
// starts), the reliability suites (scripts/reliability.mjs), a build, then the e2e specs (Playwright in Chromium through the real UI).
// Ends with one plain line "N passed, N failed" summing every suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (label, command, args, env = {}) => {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return r.status === 0;
};

let passed = 0;
let failed = 0;
const broken = [];
/** "suite: file › test" of every failed test, printed again at the end where a log's tail shows it. */
const failures = [];

/** The failed tests of a vitest JSON report (Jest's shape: testResults[].assertionResults[]). */
const vitestFailures = (label, report) =>
  report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((t) => t.status === 'failed')
      .map((t) => `${label}: ${path.relative(root, file.name)} › ${t.fullName}`)
      .concat(
        file.status === 'failed' && file.assertionResults.length === 0
          ? [`${label}: ${path.relative(root, file.name)} (${(file.message ?? '').split('\n')[0]})`]
          : [],
      ),
  );

/** The unexpected tests of a Playwright JSON report, walking its nested suites. */
const e2eFailures = (suite) => [
  ...(suite.suites ?? []).flatMap(e2eFailures),
  ...(suite.specs ?? [])
    .filter((spec) => spec.tests.some((t) => t.status === 'unexpected'))
    .map((spec) => `e2e: ${spec.file}:${spec.line} › ${spec.title}`),
];

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

if (!run('typecheck', bin('tsc'), ['-p', '.'])) broken.push('typecheck');
if (!run('lint', bin('eslint'), ['.'])) broken.push('lint');

const vitestJson = path.join(results, 'vitest.json');
run('unit + integration (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  failures.push(...vitestFailures('vitest', vitest));
  if (vitest.numTotalTests === 0 || !vitest.success) broken.push('vitest');
} else broken.push('vitest (no report)');

const reliabilityJson = path.join(results, 'reliability.json');
run('reliability (fault, crash, hostile names, fuzzing, security)', process.execPath, [
  path.join(root, 'scripts/reliability.mjs'),
  '--json',
  reliabilityJson,
]);
const reliability = readJson(reliabilityJson);
if (reliability) {
  passed += reliability.numPassedTests;
  failed += reliability.numFailedTests;
  failures.push(...vitestFailures('reliability', reliability));
  if (reliability.numTotalTests === 0 || !reliability.success) broken.push('reliability');
} else broken.push('reliability (no report)');

if (!run('build', process.execPath, [path.join(root, 'scripts/build.mjs')])) broken.push('build');

const e2eJson = path.join(results, 'e2e.json');
run('e2e (Playwright)', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
const e2e = readJson(e2eJson);
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  failures.push(...e2e.suites.flatMap(e2eFailures));
  if (e2e.stats.unexpected > 0 || e2e.stats.expected === 0) broken.push('e2e');
} else broken.push('e2e (no report)');

if (failures.length > 0)
  console.log(`\nFailed tests:\n${failures.map((f) => `  ${f}`).join('\n')}`);
if (broken.length > 0) console.log(`\nFailed steps: ${broken.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken.length > 0 ? 1 : 0);
