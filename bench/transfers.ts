// `npm run bench:transfers`: Lakeshore's CLI against peers on the same data in the same run,
// against a fresh in-memory Azurite: (a) one large file up and down, (b) many small files up
// and down. Peers: @azure/storage-blob uploadFile/downloadToFile at its best of a few
// concurrency settings, and rclone (through an account SAS URL) when installed. Prints MiB/s,
// files/s, ratios and Lakeshore's peak RSS; writes bench/results/<date>-transfers.json.
// BENCH_BIG_MIB (default 1024) and BENCH_SMALL_FILES (default 2000) scale the data; the
// small-file runs and the big downloads (all of one blob) repeat BENCH_REPEAT times (default 3)
// and report medians, with every run's seconds in the results file.
//
// Before each timed run dirty pages are written back and, when the bench may (root on Linux),
// the page cache is dropped and the run's inputs (the CLI bundle, the source files) read back
// in: on the 2-core VM this was measured on, a page cache grown by earlier runs doubled the
// system time of every tool's next run, so the order of runs decided the ratios. Azurite's own
// CPU seconds are read during each run: a tool cannot go faster than Azurite can answer.
// Each tool's 1 GiB upload but Lakeshore's (which every download reads) is deleted once timed,
// so the in-memory Azurite does not carry 5 GiB through the downloads. The ceilings of a verified
// download (MD5 alone, a bare client: bench/loopbackCeilings.ts; curl writing the file, when
// installed, which with MD5 alone is the floor of any verified download) and the CLI's start-up
// against `node -e 0` are measured in the same run.
//
// Client CPU: a child's (lakeshore, rclone) from this process's cutime + cstime in
// /proc/self/stat, which grow by a child's user + system seconds when it is reaped; the SDK's
// in-process runs from process.cpuUsage().
//
// (c) a WAN profile: the same tools through bench/wanProxy.ts (its own process), 20 ms round
// trip and 1 Gbit/s each way shared by all connections, 500 small files and a 256 MiB file up
// and down with lakeshore cp and rclone's defaults (BENCH_WAN_SMALL_FILES, BENCH_WAN_BIG_MIB,
// BENCH_WAN_REPEAT scale it), plus what the engine's "limited by" says there and on loopback.
// `-- --wan-only` runs (c) alone, `-- --no-wan` skips it.
import { BlobServiceClient } from '@azure/storage-blob';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAzurite } from '../src-main/emulator/azurite.js';
import { createTransferEngine } from '../src-main/transfers/createTransferEngine.js';
import { emulatorSas } from './emulatorSas.js';
import { bareVerifiedDownload, md5Alone } from './loopbackCeilings.js';
import { childrenCpuSeconds, cpuSeconds, ownCpuSeconds } from './processCpu.js';

const bigMiB = Number(process.env.BENCH_BIG_MIB ?? 1024);
const smallCount = Number(process.env.BENCH_SMALL_FILES ?? 2000);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const work = mkdtempSync(path.join(os.tmpdir(), 'lakeshore-bench-'));
const cli = path.resolve('dist/main/cli.mjs');
const MiB = 1024 * 1024;
const wanOnly = process.argv.includes('--wan-only');
const wanToo = !process.argv.includes('--no-wan');
const wanSmallCount = Number(process.env.BENCH_WAN_SMALL_FILES ?? 500);
const wanBigMiB = Number(process.env.BENCH_WAN_BIG_MIB ?? 256);
const wanRepeat = Math.max(1, Number(process.env.BENCH_WAN_REPEAT ?? 1));
/** The WAN profile: 10 ms each way (20 ms round trip), 1 Gbit/s each way. */
const wan = { oneWayDelayMs: 10, bytesPerSecond: 125_000_000 };

/** A file of `mib` MiB and a folder of `count` files of 4–64 KiB, named `name` and `name`-small under the work folder. */
function makeData(name: string, mib: number, count: number) {
  const big = path.join(work, `${name}.bin`);
  const fd = openSync(big, 'w');
  const chunk = randomBytes(8 * MiB);
  for (let i = 0; i < mib / 8; i += 1) writeSync(fd, chunk);
  closeSync(fd);
  const small = path.join(work, `${name}-small`);
  mkdirSync(small);
  for (let i = 0; i < count; i += 1)
    writeFileSync(path.join(small, `f${i}.bin`), randomBytes(4096 + ((i * 7919) % 61440)));
  return { big, small };
}

/** The WAN proxy's process id while it runs (its CPU is read per run), else 0. */
let proxyPid = 0;

/** Whether the page cache can be dropped here (root on Linux). */
const canDropCache = (() => {
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
})();

/** Reads every file under `p` (or `p` itself), so it comes from the page cache. */
function readBack(p: string): void {
  let entries;
  try {
    entries = readdirSync(p, { withFileTypes: true });
  } catch {
    const fd = openSync(p, 'r');
    const buf = Buffer.allocUnsafe(8 * MiB);
    while (readSync(fd, buf) > 0);
    closeSync(fd);
    return;
  }
  for (const e of entries) readBack(path.join(p, e.name));
}

/** The same state before every timed run: dirty pages written back, the page cache dropped when permitted, then `inputs` read back in. */
function settle(inputs: string[]): void {
  spawnSync('sync');
  if (canDropCache) writeFileSync('/proc/sys/vm/drop_caches', '3');
  for (const p of [cli, process.execPath, ...inputs]) readBack(p);
  if (rcloneInstalled) spawnSync('rclone', ['version']);
}

/**
 * The peak RSS in KiB process `pid` has reached: its VmHWM in /proc (read without starting a
 * process ten times a second), else `ps`'s current RSS.
 */
function peakRssKiB(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    return Number(r.stdout.trim()) || 0;
  }
}

/** One timed run: wall seconds, the client's CPU seconds, its peak RSS, Azurite's and the WAN proxy's CPU seconds meanwhile. */
interface Run {
  seconds: number;
  cpu: number;
  peakMiB: number;
  azuriteCpu: number;
  proxyCpu: number;
}

/** Runs a command, sampling its peak RSS every 100 ms (see `Run`). */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const azuriteBefore = cpuSeconds(azurite.pid);
  const proxyBefore = proxyPid ? cpuSeconds(proxyPid) : 0;
  const childrenBefore = childrenCpuSeconds();
  const start = process.hrtime.bigint();
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakRssKiB(child.pid ?? 0));
  }, 100);
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const azuriteCpu = cpuSeconds(azurite.pid) - azuriteBefore;
      const proxyCpu = proxyPid ? cpuSeconds(proxyPid) - proxyBefore : 0;
      const cpu = childrenCpuSeconds() - childrenBefore;
      if (code === 0) resolve({ seconds, cpu, peakMiB: peak / 1024, azuriteCpu, proxyCpu });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
    }),
  );
}

const rcloneInstalled = spawnSync('rclone', ['version']).status === 0;
const curlInstalled = spawnSync('curl', ['--version']).status === 0;
const azurite = await startAzurite({ location: 'memory' });
const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
// The CLI keeps its resumable-copy journal under the bench's folder, not the user's data folder.
const env = {
  AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
  LAKESHORE_DATA_DIR: path.join(work, 'data'),
};
const results: Record<string, unknown> = { date: new Date().toISOString() };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const r = (a: number, b: number) => (a / b).toFixed(2);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
let n = 0;
const fresh = async () => {
  const name = `bench-${(n += 1)}`;
  await service.getContainerClient(name).create();
  return name;
};
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
};

/** Wall and CPU seconds of each tool in one scenario (medians over runs), the line that says them and their ratios to rclone. */
interface Row {
  wall: number;
  cpu: number;
}
function compare(
  title: string,
  rows: Record<string, Row | undefined>,
  unit?: (s: number) => string,
) {
  const base = rows.rclone;
  const parts = Object.entries(rows).flatMap(([tool, row]) =>
    row
      ? [
          `${tool} ${row.wall.toFixed(2)} s${unit ? ` (${unit(row.wall)})` : ''}, CPU ${row.cpu.toFixed(2)} s` +
            (base && tool !== 'rclone'
              ? ` [speed ×${r(base.wall, row.wall)}, CPU ×${r(row.cpu, base.cpu)} of rclone's]`
              : ''),
        ]
      : [],
  );
  say(`    ${title}: ${parts.join('; ')}`);
}
const medianOfRows = (xs: Row[]): Row => ({
  wall: median(xs.map((x) => x.wall)),
  cpu: median(xs.map((x) => x.cpu)),
});
const rowOf = (runs: Run[]): Row => ({
  wall: median(runs.map((x) => x.seconds)),
  cpu: median(runs.map((x) => x.cpu)),
});

/** Times an in-process SDK call: wall and this process's CPU seconds. */
async function inProcess(run: () => Promise<unknown>): Promise<Row> {
  const cpu = ownCpuSeconds();
  const t = process.hrtime.bigint();
  await run();
  return { wall: Number(process.hrtime.bigint() - t) / 1e9, cpu: ownCpuSeconds() - cpu };
}

/**
 * Runs Lakeshore's engine in this process on a download of `remoteDir` in `container` and
 * counts what its progress events say limits the speed, with this thread's event-loop
 * utilisation over the run (the CLI runs the same engine in its own process).
 */
async function limitedByProbe(connectionString: string, container: string, remoteDir: string) {
  const client = BlobServiceClient.fromConnectionString(connectionString);
  const counts: Record<string, number> = {};
  const engine = await createTransferEngine({
    journalDir: mkdtempSync(path.join(work, 'probe-journal-')),
    resolveContainer: async (_c, name) => client.getContainerClient(name),
    resumeOnStart: false,
    onEvent: (e) => {
      counts[e.aggregate.limitedBy] = (counts[e.aggregate.limitedBy] ?? 0) + 1;
    },
  });
  const target = mkdtempSync(path.join(work, 'probe-'));
  settle([]);
  const elu = performance.eventLoopUtilization();
  const t = performance.now();
  await engine.enqueueDownload({
    connectionId: 'bench',
    container,
    remotePaths: [{ path: remoteDir, kind: 'directory' }],
    localDirectory: target,
    conflict: 'overwrite',
  });
  await engine.whenIdle();
  const utilisation = performance.eventLoopUtilization(elu).utilization;
  const seconds = (performance.now() - t) / 1000;
  await engine.close();
  rmSync(target, { recursive: true, force: true });
  return { limitedBy: counts, eventLoopUtilisation: utilisation, seconds };
}
const probeText = (p: Awaited<ReturnType<typeof limitedByProbe>>) =>
  `${Object.entries(p.limitedBy)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )} (event loop ${(p.eventLoopUtilisation * 100).toFixed(0)} % busy, ${p.seconds.toFixed(1)} s)`;

const url = (endpoint: string, c: string, p = '') => `${endpoint}/${c}${p ? `/${p}` : ''}`;
const rcloneRemoteAt = (endpoint: string) => `:azureblob,sas_url='${endpoint}?${emulatorSas()}':`;
const lakeCpWith = (e: NodeJS.ProcessEnv) => (args: string[]) =>
  timed(process.execPath, [cli, 'cp', ...args], e);

async function localSection() {
  results.bigMiB = bigMiB;
  results.smallCount = smallCount;
  const data = makeData('big', bigMiB, smallCount);
  const smallBytes = Number(
    spawnSync('du', ['-sb', data.small], { encoding: 'utf8' }).stdout.split('\t')[0],
  );
  const blobUrl = (c: string, p = '') => url(azurite.blobEndpoint, c, p);
  const rcloneRemote = rcloneRemoteAt(azurite.blobEndpoint);
  const lakeCp = lakeCpWith(env);

  // (a) one big file. Each tool uploads its own copy; every download reads the same blob,
  // Lakeshore's upload, which carries a Content-MD5, so each tool may verify the same bytes.
  // rclone downloads a file this large in 4 streams and then skips the hash check ("Src hash
  // empty - aborting Dst hash check" in its -vv log); with --multi-thread-streams 0 it
  // downloads in one stream and checks the MD5 as Lakeshore does: both are measured.
  const lakeUpC = await fresh();
  settle([data.big]);
  const lakeUp = await lakeCp([data.big, blobUrl(lakeUpC, 'in/')]);
  const shared = service.getContainerClient(lakeUpC).getBlockBlobClient('in/big.bin');
  let sdkUp: Row = { wall: Infinity, cpu: 0 };
  for (const concurrency of [4, 8, 16]) {
    const sdkC = service.getContainerClient(await fresh());
    settle([data.big]);
    const run = await inProcess(() =>
      sdkC.getBlockBlobClient('big.bin').uploadFile(data.big, {
        concurrency,
        blockSize: 8 * MiB,
      }),
    );
    if (run.wall < sdkUp.wall) sdkUp = run;
    await sdkC.delete();
  }
  const rc = rcloneInstalled ? await fresh() : undefined;
  settle([data.big]);
  const rcloneUp = rc
    ? await timed('rclone', ['copy', data.big, `${rcloneRemote}${rc}`], {})
    : undefined;
  if (rc) await service.getContainerClient(rc).delete();
  const downs = {
    lake: [] as Run[],
    sdk: [] as Row[],
    rclone: [] as Run[],
    rcloneVerified: [] as Run[],
  };
  const rcloneDown = async (extra: string[]) => {
    const target = mkdtempSync(path.join(work, 'r-'));
    settle([]);
    const run = await timed(
      'rclone',
      ['copy', ...extra, `${rcloneRemote}${lakeUpC}/in/big.bin`, target],
      {},
    );
    rmSync(target, { recursive: true, force: true });
    return run;
  };
  const downloadWith = {
    lake: async () => {
      const target = mkdtempSync(path.join(work, 'd-'));
      settle([]);
      downs.lake.push(await lakeCp([blobUrl(lakeUpC, 'in/big.bin'), target]));
      rmSync(target, { recursive: true, force: true });
    },
    sdk: async () => {
      let best: Row = { wall: Infinity, cpu: 0 };
      for (const concurrency of [4, 8, 16]) {
        const file = path.join(work, `sdk-${concurrency}.bin`);
        settle([]);
        const run = await inProcess(() =>
          shared.downloadToFile(file, 0, undefined, {
            concurrency,
            maxRetryRequestsPerBlock: 3,
          } as never),
        );
        if (run.wall < best.wall) best = run;
        rmSync(file);
      }
      downs.sdk.push(best);
    },
    rclone: async () => {
      if (!rcloneInstalled) return;
      downs.rclone.push(await rcloneDown([]));
      downs.rcloneVerified.push(await rcloneDown(['--multi-thread-streams', '0']));
    },
  };
  // The order rotates each repetition, so no tool always runs right after another's heavy run.
  const order = ['lake', 'sdk', 'rclone'] as const;
  for (let i = 0; i < repeat; i += 1) {
    for (let k = 0; k < order.length; k += 1) await downloadWith[order[(i + k) % order.length]!]();
  }
  // The ceilings of a verified download (bench/loopbackCeilings.ts): MD5 alone over the file,
  // and a bare client (one GET, MD5 and write inline), each BENCH_REPEAT times.
  const expectedMd5 = Buffer.from((await shared.getProperties()).contentMD5 ?? []).toString(
    'base64',
  );
  const sasUrl = `${blobUrl(lakeUpC, 'in/big.bin')}?${emulatorSas()}`;
  // curl writing the blob to a file (no hash) is the least any client pays to land the bytes on
  // this machine's disk; with MD5 alone it is the floor of a verified download's CPU.
  const ceilingRuns = {
    md5Alone: [] as Row[],
    bareVerified: [] as Row[],
    curlToFile: [] as Run[],
  };
  for (let i = 0; i < repeat; i += 1) {
    settle([data.big]);
    ceilingRuns.md5Alone.push(await md5Alone(data.big));
    const target = path.join(work, 'bare-verified.bin');
    settle([]);
    ceilingRuns.bareVerified.push(await bareVerifiedDownload(sasUrl, target, expectedMd5));
    rmSync(target, { force: true });
    if (!curlInstalled) continue;
    settle([]);
    ceilingRuns.curlToFile.push(await timed('curl', ['-sSf', '-o', target, sasUrl], {}));
    rmSync(target, { force: true });
  }
  const md5Row = medianOfRows(ceilingRuns.md5Alone);
  const bareRow = medianOfRows(ceilingRuns.bareVerified);
  const curlRow = ceilingRuns.curlToFile.length ? rowOf(ceilingRuns.curlToFile) : undefined;
  // Start-up: `lakeshore --version` against `node -e 0`, five times each.
  const startRuns = { lakeshore: [] as Run[], node: [] as Run[] };
  for (let i = 0; i < 5; i += 1) {
    startRuns.lakeshore.push(await timed(process.execPath, [cli, '--version'], env));
    startRuns.node.push(await timed(process.execPath, ['-e', '0'], env));
  }
  const mibps = (s: number) => bigMiB / s;
  const lakeDown = rowOf(downs.lake);
  const sdkDown: Row = {
    wall: median(downs.sdk.map((x) => x.wall)),
    cpu: median(downs.sdk.map((x) => x.cpu)),
  };
  const rcDown = downs.rclone.length ? rowOf(downs.rclone) : undefined;
  const rcDownVerified = downs.rcloneVerified.length ? rowOf(downs.rcloneVerified) : undefined;
  results.big = {
    lakeshore: {
      upMiBps: mibps(lakeUp.seconds),
      downMiBps: mibps(lakeDown.wall),
      up: { wall: lakeUp.seconds, cpu: lakeUp.cpu },
      down: lakeDown,
      peakRssMiB: Math.max(lakeUp.peakMiB, ...downs.lake.map((x) => x.peakMiB)),
      azuriteCpuSeconds: {
        up: lakeUp.azuriteCpu,
        down: median(downs.lake.map((x) => x.azuriteCpu)),
      },
    },
    sdkBest: {
      upMiBps: mibps(sdkUp.wall),
      downMiBps: mibps(sdkDown.wall),
      up: sdkUp,
      down: sdkDown,
    },
    downRuns: downs,
    ceilings: {
      runs: ceilingRuns,
      medians: { md5Alone: md5Row, bareVerified: bareRow, curlToFile: curlRow },
    },
    startUp: {
      runs: startRuns,
      lakeshore: rowOf(startRuns.lakeshore),
      node: rowOf(startRuns.node),
    },
    rclone:
      rcloneUp && rcDown && rcDownVerified
        ? {
            upMiBps: mibps(rcloneUp.seconds),
            downMiBps: mibps(rcDown.wall),
            downVerifiedMiBps: mibps(rcDownVerified.wall),
            up: { wall: rcloneUp.seconds, cpu: rcloneUp.cpu },
            down: rcDown,
            downVerified: rcDownVerified,
          }
        : undefined,
  };

  // (b) many small files: each tool BENCH_REPEAT times (default 3), the median kept; every
  // upload into a fresh container, every download into a fresh folder. Azurite's CPU seconds
  // during Lakeshore's runs give the rate Azurite could serve if the client cost nothing.
  const small = {
    lakeUp: [] as Run[],
    lakeDown: [] as Run[],
    rcUp: [] as Run[],
    rcDown: [] as Run[],
  };
  let lastSmallC = '';
  for (let i = 0; i < repeat; i += 1) {
    const smallC = (lastSmallC = await fresh());
    settle([data.small]);
    small.lakeUp.push(await lakeCp([data.small, blobUrl(smallC, 'in'), '--recursive']));
    settle([]);
    small.lakeDown.push(
      await lakeCp([
        blobUrl(smallC, `in/${path.basename(data.small)}`),
        mkdtempSync(path.join(work, 'ds-')),
        '--recursive',
      ]),
    );
    if (!rcloneInstalled) continue;
    const rcs = await fresh();
    settle([data.small]);
    small.rcUp.push(await timed('rclone', ['copy', data.small, `${rcloneRemote}${rcs}/small`], {}));
    settle([]);
    small.rcDown.push(
      await timed(
        'rclone',
        ['copy', `${rcloneRemote}${rcs}/small`, mkdtempSync(path.join(work, 'rs-'))],
        {},
      ),
    );
  }
  const fps = (s: number) => smallCount / s;
  const smallRow = {
    lakeUp: rowOf(small.lakeUp),
    lakeDown: rowOf(small.lakeDown),
    rcUp: small.rcUp.length ? rowOf(small.rcUp) : undefined,
    rcDown: small.rcDown.length ? rowOf(small.rcDown) : undefined,
  };
  const ceiling = {
    upFilesPerSec: fps(median(small.lakeUp.map((x) => x.azuriteCpu))),
    downFilesPerSec: fps(median(small.lakeDown.map((x) => x.azuriteCpu))),
  };
  // What limits Lakeshore's engine on loopback, where its own CPU is the limit.
  const probe = await limitedByProbe(
    azurite.connectionString,
    lastSmallC,
    `in/${path.basename(data.small)}`,
  );
  results.small = {
    bytes: smallBytes,
    runs: small,
    medians: smallRow,
    lakeshore: {
      upFilesPerSec: fps(smallRow.lakeUp.wall),
      downFilesPerSec: fps(smallRow.lakeDown.wall),
    },
    azuriteCeiling: ceiling,
    rclone:
      smallRow.rcUp && smallRow.rcDown
        ? { upFilesPerSec: fps(smallRow.rcUp.wall), downFilesPerSec: fps(smallRow.rcDown.wall) }
        : undefined,
    limitedByProbe: probe,
  };
  results.pageCacheDropped = canDropCache;

  const big = results.big as {
    lakeshore: {
      upMiBps: number;
      downMiBps: number;
      peakRssMiB: number;
      azuriteCpuSeconds: { up: number; down: number };
    };
    sdkBest: { upMiBps: number; downMiBps: number };
    rclone?: { upMiBps: number; downMiBps: number; downVerifiedMiBps: number };
  };
  say(
    canDropCache
      ? 'Page cache dropped and inputs read back before each timed run.'
      : 'Page cache not dropped (needs root): dirty pages written back before each timed run only.',
  );
  say(
    `(a) ${bigMiB} MiB file: Lakeshore up ${big.lakeshore.upMiBps.toFixed(1)} MiB/s, down ${big.lakeshore.downMiBps.toFixed(1)} MiB/s (MD5 verified), peak RSS ${big.lakeshore.peakRssMiB.toFixed(0)} MiB; Azurite CPU ${big.lakeshore.azuriteCpuSeconds.up.toFixed(1)} s up, ${big.lakeshore.azuriteCpuSeconds.down.toFixed(1)} s down`,
  );
  say(
    `    SDK best: up ${big.sdkBest.upMiBps.toFixed(1)}, down ${big.sdkBest.downMiBps.toFixed(1)} MiB/s → Lakeshore/SDK up ${r(big.lakeshore.upMiBps, big.sdkBest.upMiBps)}, down ${r(big.lakeshore.downMiBps, big.sdkBest.downMiBps)}`,
  );
  if (big.rclone)
    say(
      `    rclone: up ${big.rclone.upMiBps.toFixed(1)}, down ${big.rclone.downMiBps.toFixed(1)} MiB/s (4 streams, MD5 not checked), ${big.rclone.downVerifiedMiBps.toFixed(1)} MiB/s (1 stream, MD5 checked) → Lakeshore/rclone up ${r(big.lakeshore.upMiBps, big.rclone.upMiBps)}, down ${r(big.lakeshore.downMiBps, big.rclone.downMiBps)} (unchecked), ${r(big.lakeshore.downMiBps, big.rclone.downVerifiedMiBps)} (checked)`,
    );
  const mibUnit = (s: number) => `${mibps(s).toFixed(0)} MiB/s`;
  compare(
    'up, wall and client CPU',
    {
      lakeshore: { wall: lakeUp.seconds, cpu: lakeUp.cpu },
      sdk: sdkUp,
      rclone: rcloneUp ? { wall: rcloneUp.seconds, cpu: rcloneUp.cpu } : undefined,
    },
    mibUnit,
  );
  compare(
    'down, wall and client CPU',
    { lakeshore: lakeDown, sdk: sdkDown, rclone: rcDown },
    mibUnit,
  );
  if (rcDownVerified)
    compare(
      'down against rclone in 1 stream (MD5 checked)',
      { lakeshore: lakeDown, rclone: rcDownVerified },
      mibUnit,
    );
  const ofMd5 = (cpu: number) => `${cpu.toFixed(2)} s (×${r(cpu, md5Row.cpu)})`;
  say(
    `    client CPU per verified ${bigMiB} MiB against MD5 alone (${md5Row.cpu.toFixed(2)} s; goal ≤ ×1.5): lakeshore ${ofMd5(lakeDown.cpu)}; ceiling, a bare client (1 GET, MD5 and write inline, no checks) ${ofMd5(bareRow.cpu)} in ${bareRow.wall.toFixed(2)} s` +
      (rcDownVerified ? `; rclone 1 stream ${ofMd5(rcDownVerified.cpu)}` : '') +
      (curlRow
        ? `; floor, curl writing the file (${curlRow.cpu.toFixed(2)} s in ${curlRow.wall.toFixed(2)} s) plus MD5 alone, ${ofMd5(curlRow.cpu + md5Row.cpu)}`
        : ''),
  );
  const startLake = rowOf(startRuns.lakeshore);
  const startNode = rowOf(startRuns.node);
  say(
    `    start-up (median of 5): lakeshore --version ${startLake.wall.toFixed(2)} s, CPU ${startLake.cpu.toFixed(2)} s; node -e 0 ${startNode.wall.toFixed(2)} s, CPU ${startNode.cpu.toFixed(2)} s`,
  );
  const fpsUnit = (s: number) => `${fps(s).toFixed(0)} files/s`;
  say(
    `(b) ${smallCount} small files: Lakeshore up ${fps(smallRow.lakeUp.wall).toFixed(0)} files/s, down ${fps(smallRow.lakeDown.wall).toFixed(0)} files/s; Azurite's CPU alone allows ${ceiling.upFilesPerSec.toFixed(0)} up, ${ceiling.downFilesPerSec.toFixed(0)} down`,
  );
  compare(
    'up, wall and client CPU',
    { lakeshore: smallRow.lakeUp, rclone: smallRow.rcUp },
    fpsUnit,
  );
  compare(
    'down, wall and client CPU',
    { lakeshore: smallRow.lakeDown, rclone: smallRow.rcDown },
    fpsUnit,
  );
  say(`    the engine's "limited by" on this loopback download: ${probeText(probe)}`);
}

/** Starts the WAN proxy in its own process in front of Azurite; resolves to its port and a stop that returns the bytes it passed. */
async function startProxyProcess() {
  const child = spawn(
    process.execPath,
    [
      path.resolve('dist/bench/wanProxyMain.mjs'),
      String(azurite.port),
      String(wan.oneWayDelayMs),
      String(wan.bytesPerSecond),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (out.includes('\n')) resolve(Number(out.split('\n')[0]));
    });
    child.on('exit', (code) => reject(new Error(`WAN proxy exited ${code}`)));
  });
  proxyPid = child.pid ?? 0;
  return {
    port,
    stop: () =>
      new Promise<unknown>((resolve) => {
        child.on('close', () => {
          proxyPid = 0;
          resolve(JSON.parse(out.split('\n')[1] || '{}'));
        });
        child.stdin.end();
      }),
  };
}

/**
 * A bare client doing the minimum through the same link, in this process: keep-alive GETs with
 * an account SAS, `concurrency` at a time, each body written to its own file (small files) or
 * in place into one file (the big one's 8 MiB ranges); no listing, no MD5, no journal.
 */
async function bareDownload(
  endpoint: string,
  container: string,
  names: string[],
  sizeOf: number | undefined,
  concurrency: number,
): Promise<Row> {
  const http = await import('node:http');
  const { open, writeFile } = await import('node:fs/promises');
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const sas = emulatorSas();
  const target = mkdtempSync(path.join(work, 'bare-'));
  const get = (name: string, range?: [number, number]) =>
    new Promise<Buffer>((resolve, reject) => {
      http
        .get(
          `${endpoint}/${container}/${name}?${sas}`,
          {
            agent,
            headers: {
              'x-ms-version': '2021-08-06',
              ...(range ? { 'x-ms-range': `bytes=${range[0]}-${range[1] - 1}` } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              res.statusCode && res.statusCode < 300
                ? resolve(Buffer.concat(chunks))
                : reject(new Error(`GET ${name}: ${res.statusCode}`)),
            );
          },
        )
        .on('error', reject);
    });
  const row = await inProcess(async () => {
    if (sizeOf === undefined) {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < names.length) {
            const name = names[next++]!;
            await writeFile(path.join(target, path.basename(name)), await get(name));
          }
        }),
      );
    } else {
      const fh = await open(path.join(target, 'big.bin'), 'w');
      const block = 8 * MiB;
      let offset = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (offset < sizeOf) {
            const at = offset;
            offset += block;
            const body = await get(names[0]!, [at, Math.min(sizeOf, at + block)]);
            await fh.write(body, 0, body.length, at);
          }
        }),
      );
      await fh.close();
    }
  });
  agent.destroy();
  rmSync(target, { recursive: true, force: true });
  return row;
}

async function wanSection() {
  const data = makeData('wan', wanBigMiB, wanSmallCount);
  const proxy = await startProxyProcess();
  const endpoint = `http://127.0.0.1:${proxy.port}/${azurite.accountName}`;
  const connectionString = azurite.connectionString.replace(azurite.blobEndpoint, endpoint);
  const wanEnv = { ...env, AZURE_STORAGE_CONNECTION_STRING: connectionString };
  const lakeCp = lakeCpWith(wanEnv);
  const remote = rcloneRemoteAt(endpoint);
  const runs = {
    smallUp: { lakeshore: [] as Run[], rclone: [] as Run[] },
    smallDown: { lakeshore: [] as Run[], rclone: [] as Run[] },
    bigUp: { lakeshore: [] as Run[], rclone: [] as Run[] },
    bigDown: { lakeshore: [] as Run[], rclone: [] as Run[] },
  };
  const started = performance.now();
  let probe: Awaited<ReturnType<typeof limitedByProbe>> | undefined;
  const ceilings = {
    smallDownBare: [] as Row[],
    bigDownBare: [] as Row[],
    smallDownRcloneTuned: [] as Run[],
    bigDownRcloneTuned: [] as Run[],
  };
  try {
    for (let i = 0; i < wanRepeat; i += 1) {
      // Small files: each tool uploads into its own container; both download Lakeshore's upload.
      const c = await fresh();
      settle([data.small]);
      runs.smallUp.lakeshore.push(
        await lakeCp([data.small, url(endpoint, c, 'in'), '--recursive']),
      );
      if (rcloneInstalled) {
        const rc = await fresh();
        settle([data.small]);
        runs.smallUp.rclone.push(
          await timed('rclone', ['copy', data.small, `${remote}${rc}/small`], {}),
        );
        await service.getContainerClient(rc).delete();
      }
      const smallRemote = `in/${path.basename(data.small)}`;
      settle([]);
      const ld = mkdtempSync(path.join(work, 'wd-'));
      runs.smallDown.lakeshore.push(
        await lakeCp([url(endpoint, c, smallRemote), ld, '--recursive']),
      );
      rmSync(ld, { recursive: true, force: true });
      if (rcloneInstalled) {
        settle([]);
        const rd = mkdtempSync(path.join(work, 'wr-'));
        runs.smallDown.rclone.push(
          await timed('rclone', ['copy', `${remote}${c}/${smallRemote}`, rd], {}),
        );
        rmSync(rd, { recursive: true, force: true });
      }
      if (i === 0) probe = await limitedByProbe(connectionString, c, smallRemote);
      // The ceilings: a bare client, and rclone with more transfers than its default 4.
      settle([]);
      ceilings.smallDownBare.push(
        await bareDownload(
          endpoint,
          c,
          readdirSync(data.small).map((f) => `${smallRemote}/${f}`),
          undefined,
          32,
        ),
      );
      if (rcloneInstalled) {
        settle([]);
        const rd = mkdtempSync(path.join(work, 'wrt-'));
        ceilings.smallDownRcloneTuned.push(
          await timed(
            'rclone',
            ['copy', '--transfers', '32', '--checkers', '32', `${remote}${c}/${smallRemote}`, rd],
            {},
          ),
        );
        rmSync(rd, { recursive: true, force: true });
      }
      // The big file: each tool uploads its own copy; both download Lakeshore's (it has a Content-MD5).
      const b = await fresh();
      settle([data.big]);
      runs.bigUp.lakeshore.push(await lakeCp([data.big, url(endpoint, b, 'in/')]));
      if (rcloneInstalled) {
        const rb = await fresh();
        settle([data.big]);
        runs.bigUp.rclone.push(await timed('rclone', ['copy', data.big, `${remote}${rb}`], {}));
        await service.getContainerClient(rb).delete();
      }
      const bigRemote = `in/${path.basename(data.big)}`;
      settle([]);
      const lb = mkdtempSync(path.join(work, 'wbd-'));
      runs.bigDown.lakeshore.push(await lakeCp([url(endpoint, b, bigRemote), lb]));
      rmSync(lb, { recursive: true, force: true });
      if (rcloneInstalled) {
        settle([]);
        const rb = mkdtempSync(path.join(work, 'wbr-'));
        runs.bigDown.rclone.push(
          await timed('rclone', ['copy', `${remote}${b}/${bigRemote}`, rb], {}),
        );
        rmSync(rb, { recursive: true, force: true });
      }
      settle([]);
      ceilings.bigDownBare.push(await bareDownload(endpoint, b, [bigRemote], wanBigMiB * MiB, 8));
      if (rcloneInstalled) {
        settle([]);
        const rb = mkdtempSync(path.join(work, 'wbrt-'));
        ceilings.bigDownRcloneTuned.push(
          await timed(
            'rclone',
            ['copy', '--multi-thread-streams', '8', `${remote}${b}/${bigRemote}`, rb],
            {},
          ),
        );
        rmSync(rb, { recursive: true, force: true });
      }
      await service.getContainerClient(b).delete();
      await service.getContainerClient(c).delete();
    }
  } finally {
    results.wanProxyBytes = await proxy.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = Object.fromEntries(
    Object.entries(runs).map(([k, v]) => [
      k,
      { lakeshore: rowOf(v.lakeshore), rclone: v.rclone.length ? rowOf(v.rclone) : undefined },
    ]),
  ) as Record<keyof typeof runs, { lakeshore: Row; rclone?: Row }>;
  const ceilingRows = {
    smallDown: {
      bare: medianOfRows(ceilings.smallDownBare),
      rcloneTuned: ceilings.smallDownRcloneTuned.length
        ? rowOf(ceilings.smallDownRcloneTuned)
        : undefined,
    },
    bigDown: {
      bare: medianOfRows(ceilings.bigDownBare),
      rcloneTuned: ceilings.bigDownRcloneTuned.length
        ? rowOf(ceilings.bigDownRcloneTuned)
        : undefined,
    },
  };
  const shapedMiBps = wan.bytesPerSecond / MiB;
  const share = (s: number) => (wanBigMiB / s / shapedMiBps) * 100;
  results.wan = {
    profile: { ...wan, roundTripMs: 2 * wan.oneWayDelayMs },
    smallCount: wanSmallCount,
    bigMiB: wanBigMiB,
    repeat: wanRepeat,
    runs,
    medians: rows,
    bigDownShareOfShapedBandwidth: {
      lakeshore: share(rows.bigDown.lakeshore.wall) / 100,
      rclone: rows.bigDown.rclone ? share(rows.bigDown.rclone.wall) / 100 : undefined,
    },
    proxyCpuSeconds: mean(
      Object.values(runs)
        .flatMap((v) => [...v.lakeshore, ...v.rclone])
        .map((x) => x.proxyCpu),
    ),
    limitedByProbe: probe,
    ceilings: { runs: ceilings, medians: ceilingRows },
    sectionSeconds: seconds,
  };
  const fpsUnit = (s: number) => `${(wanSmallCount / s).toFixed(0)} files/s`;
  const mibUnit = (s: number) =>
    `${(wanBigMiB / s).toFixed(0)} MiB/s, ${share(s).toFixed(0)} % of the link`;
  say(
    `(c) WAN profile (proxy: ${2 * wan.oneWayDelayMs} ms round trip, ${(wan.bytesPerSecond * 8) / 1e9} Gbit/s = ${shapedMiBps.toFixed(0)} MiB/s each way, shared), median of ${wanRepeat}, rclone with its defaults:`,
  );
  compare(`${wanSmallCount} small files up (goal ×3)`, rows.smallUp, fpsUnit);
  compare(`${wanSmallCount} small files down (goal ×3)`, rows.smallDown, fpsUnit);
  compare(`${wanBigMiB} MiB up (goal ×1.5)`, rows.bigUp, mibUnit);
  compare(`${wanBigMiB} MiB down (goal ×1.0 and ≥ 90 % of the link)`, rows.bigDown, mibUnit);
  compare(
    `ceilings, ${wanSmallCount} small files down: a bare client (32 GETs in flight, no checks), rclone --transfers 32 --checkers 32`,
    {
      bare: ceilingRows.smallDown.bare,
      lakeshore: rows.smallDown.lakeshore,
      'rclone tuned': ceilingRows.smallDown.rcloneTuned,
      rclone: rows.smallDown.rclone,
    },
    fpsUnit,
  );
  compare(
    `ceilings, ${wanBigMiB} MiB down: a bare client (8 ranges of 8 MiB in flight, no MD5), rclone --multi-thread-streams 8`,
    {
      bare: ceilingRows.bigDown.bare,
      lakeshore: rows.bigDown.lakeshore,
      'rclone tuned': ceilingRows.bigDown.rcloneTuned,
      rclone: rows.bigDown.rclone,
    },
    mibUnit,
  );
  if (probe)
    say(`    the engine's "limited by" on the WAN small-file download: ${probeText(probe)}`);
  say(`    (WAN section ${seconds.toFixed(0)} s)`);
}

try {
  if (!wanOnly) await localSection();
  if (wanToo || wanOnly) await wanSection();
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${String(results.date).slice(0, 10)}-transfers${wanOnly ? '-wan' : ''}`;
  writeFileSync(`${file}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${file}.txt`, `${lines.join('\n')}\n`);
  console.log(`Wrote ${file}.json and .txt`);
} finally {
  await azurite.stop();
  rmSync(work, { recursive: true, force: true });
}
