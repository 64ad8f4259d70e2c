// `npm run test:reliability`: the fault, lost-answer, crash, hostile-name and contract-fuzzing
// suites (vitest.reliability.config.ts), then a redaction check over everything they logged and
// stored, then one summary table. Its last line reads `lost: 0, corrupted: 0, leaked: 0` only
// when every suite reported its counts and that is what they measured.
// Usage: node scripts/reliability.mjs [--json <vitest report file>] [vitest filters…]
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'test-results', 'reliability');
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const report =
  jsonAt >= 0
    ? path.resolve(args.splice(jsonAt, 2)[1])
    : path.join(root, 'test-results', 'reliability.json');
/** The suites whose counts make up the table, by the name each writes. */
const suites = [
  'faults',
  'lostAnswers',
  'crash',
  'crashResume',
  'hostileNames',
  'contractFuzz',
  'contractFuzzValid',
];

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const runLog = path.join(outDir, 'run.log');
const log = createWriteStream(runLog);
const started = Date.now();
const code = await new Promise((resolve) => {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      'vitest.reliability.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
    ],
    { cwd: root, env: { ...process.env, LAKESHORE_RELIABILITY_DIR: outDir, FORCE_COLOR: '0' } },
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (d) => {
      process.stdout.write(d);
      log.write(d);
    });
  }
  child.on('exit', (c) => resolve(c ?? 1));
});
await new Promise((r) => log.end(r));
const minutes = ((Date.now() - started) / 60_000).toFixed(1);

const tallies = {};
for (const suite of suites) {
  const file = path.join(outDir, `${suite}.json`);
  if (!existsSync(file)) continue;
  tallies[suite] = JSON.parse(readFileSync(file, 'utf8'));
  // The secrets are kept only in memory from here on: the tally file is rewritten without them.
  writeFileSync(file, JSON.stringify({ ...tallies[suite], secrets: undefined }, null, 2));
}

/** Every regular file under `dir`. */
const filesUnder = (dir) => {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
};
const secrets = [...new Set(Object.values(tallies).flatMap((t) => t.secrets ?? []))].filter(
  (s) => s.length >= 8,
);
const needles = secrets.flatMap((s) => [...new Set([s, encodeURIComponent(s)])]);
const scanned = [runLog, ...Object.values(tallies).flatMap((t) => t.storedIn ?? [])].flatMap(
  filesUnder,
);
const leaks = [];
for (const file of new Set(scanned)) {
  const text = readFileSync(file).toString('latin1');
  for (const needle of needles) if (text.includes(needle)) leaks.push(file);
}

const vitest = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
const columns = ['tried', 'faults', 'recovered', 'failedCleanly', 'lost', 'corrupted'];
const heads = ['suite', 'tried', 'faults', 'recovered', 'failed cleanly', 'lost', 'corrupted'];
const rows = suites.map((s) => [
  s,
  ...columns.map((c) => (tallies[s] ? String(tallies[s][c]) : '-')),
]);
const sum = (c) => Object.values(tallies).reduce((n, t) => n + t[c], 0);
rows.push(['total', ...columns.map((c) => String(sum(c)))]);
const widths = heads.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

console.log(`\n=== Reliability summary (${minutes} min) ===`);
console.log(line(heads));
for (const r of rows) console.log(line(r));
for (const t of Object.values(tallies)) for (const n of t.notes) console.log(n);
console.log(
  `redaction: ${secrets.length} secrets looked for in ${scanned.length} files the suites logged or stored; ${leaks.length} found${leaks.length ? `: ${[...new Set(leaks)].join(', ')}` : ''}`,
);
if (vitest) console.log(`tests: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
const missing = suites.filter((s) => !tallies[s]);
const measured = missing.length === 0 && secrets.length > 0;
const lost = sum('lost');
const corrupted = sum('corrupted');
if (!measured) {
  console.log(
    `not measured: ${missing.length ? `no counts from ${missing.join(', ')}` : 'no secret to look for'}`,
  );
  console.log(`lost: ${lost}+?, corrupted: ${corrupted}+?, leaked: ${leaks.length}+?`);
} else console.log(`lost: ${lost}, corrupted: ${corrupted}, leaked: ${leaks.length}`);
process.exit(code === 0 && measured && lost + corrupted + leaks.length === 0 ? 0 : 1);
