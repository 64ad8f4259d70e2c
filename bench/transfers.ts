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
// so the in-memory Azurite does not carry 5 GiB through the downloads.
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
import { startAzurite } from '../src-main/emulator/azurite.js';
import { emulatorSas } from './emulatorSas.js';

const bigMiB = Number(process.env.BENCH_BIG_MIB ?? 1024);
const smallCount = Number(process.env.BENCH_SMALL_FILES ?? 2000);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const work = mkdtempSync(path.join(os.tmpdir(), 'lakeshore-bench-'));
const cli = path.resolve('dist/main/cli.mjs');
const MiB = 1024 * 1024;

function makeData() {
  const big = path.join(work, 'big.bin');
  const fd = openSync(big, 'w');
  const chunk = randomBytes(8 * MiB);
  for (let i = 0; i < bigMiB / 8; i += 1) writeSync(fd, chunk);
  closeSync(fd);
  const small = path.join(work, 'small');
  mkdirSync(small);
  for (let i = 0; i < smallCount; i += 1)
    writeFileSync(path.join(small, `f${i}.bin`), randomBytes(4096 + ((i * 7919) % 61440)));
  return { big, small, smallBytes: 0 };
}

/** CPU seconds (user + system) process `pid` has used, from /proc/<pid>/stat (clock ticks of 10 ms); 0 where there is no /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

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

/** Runs a command, sampling its peak RSS every 100 ms; resolves to seconds, peak RSS in MiB and Azurite's CPU seconds meanwhile. */
function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ seconds: number; peakMiB: number; azuriteCpu: number }> {
  const azuriteBefore = cpuSeconds(azurite.pid);
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
      if (code === 0) resolve({ seconds, peakMiB: peak / 1024, azuriteCpu });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
    }),
  );
}

const rcloneInstalled = spawnSync('rclone', ['version']).status === 0;
const azurite = await startAzurite({ location: 'memory' });
const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
// The CLI keeps its resumable-copy journal under the bench's folder, not the user's data folder.
const env = {
  AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
  LAKESHORE_DATA_DIR: path.join(work, 'data'),
};
const results: Record<string, unknown> = { date: new Date().toISOString(), bigMiB, smallCount };
try {
  const data = makeData();
  const smallBytes = Number(
    spawnSync('du', ['-sb', data.small], { encoding: 'utf8' }).stdout.split('\t')[0],
  );
  let n = 0;
  const fresh = async () => {
    const name = `bench-${(n += 1)}`;
    await service.getContainerClient(name).create();
    return name;
  };
  const url = (c: string, p = '') => `${azurite.blobEndpoint}/${c}${p ? `/${p}` : ''}`;
  const rcloneRemote = `:azureblob,sas_url='${azurite.blobEndpoint}?${emulatorSas()}':`;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const lakeCp = (args: string[]) => timed(process.execPath, [cli, 'cp', ...args], env);

  // (a) one big file. Each tool uploads its own copy; every download reads the same blob,
  // Lakeshore's upload, which carries a Content-MD5, so each tool may verify the same bytes.
  // rclone downloads a file this large in 4 streams and then skips the hash check ("Src hash
  // empty - aborting Dst hash check" in its -vv log); with --multi-thread-streams 0 it
  // downloads in one stream and checks the MD5 as Lakeshore does: both are measured.
  const lakeUpC = await fresh();
  settle([data.big]);
  const lakeUp = await lakeCp([data.big, url(lakeUpC, 'in')]);
  const shared = service.getContainerClient(lakeUpC).getBlockBlobClient('in/big.bin');
  let sdkUp = Infinity;
  for (const concurrency of [4, 8, 16]) {
    const sdkC = service.getContainerClient(await fresh());
    settle([data.big]);
    const t = process.hrtime.bigint();
    await sdkC.getBlockBlobClient('big.bin').uploadFile(data.big, {
      concurrency,
      blockSize: 8 * MiB,
    });
    sdkUp = Math.min(sdkUp, Number(process.hrtime.bigint() - t) / 1e9);
    await sdkC.delete();
  }
  const rc = rcloneInstalled ? await fresh() : undefined;
  settle([data.big]);
  const rcloneUp = rc
    ? await timed('rclone', ['copy', data.big, `${rcloneRemote}${rc}`], {})
    : undefined;
  if (rc) await service.getContainerClient(rc).delete();
  const downs = {
    lake: [] as number[],
    sdk: [] as number[],
    rclone: [] as number[],
    rcloneVerified: [] as number[],
  };
  const lakeDownAzuriteCpu: number[] = [];
  let lakeDownPeak = 0;
  const rcloneDown = async (extra: string[]) => {
    const target = mkdtempSync(path.join(work, 'r-'));
    settle([]);
    const run = await timed(
      'rclone',
      ['copy', ...extra, `${rcloneRemote}${lakeUpC}/in/big.bin`, target],
      {},
    );
    rmSync(target, { recursive: true, force: true });
    return run.seconds;
  };
  const downloadWith = {
    lake: async () => {
      const target = mkdtempSync(path.join(work, 'd-'));
      settle([]);
      const lake = await lakeCp([url(lakeUpC, 'in/big.bin'), target]);
      downs.lake.push(lake.seconds);
      lakeDownAzuriteCpu.push(lake.azuriteCpu);
      lakeDownPeak = Math.max(lakeDownPeak, lake.peakMiB);
      rmSync(target, { recursive: true, force: true });
    },
    sdk: async () => {
      let sdkBest = Infinity;
      for (const concurrency of [4, 8, 16]) {
        const file = path.join(work, `sdk-${concurrency}.bin`);
        settle([]);
        const t = process.hrtime.bigint();
        await shared.downloadToFile(file, 0, undefined, {
          concurrency,
          maxRetryRequestsPerBlock: 3,
        } as never);
        sdkBest = Math.min(sdkBest, Number(process.hrtime.bigint() - t) / 1e9);
        rmSync(file);
      }
      downs.sdk.push(sdkBest);
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
  const mibps = (s: number) => bigMiB / s;
  results.big = {
    lakeshore: {
      upMiBps: mibps(lakeUp.seconds),
      downMiBps: mibps(median(downs.lake)),
      peakRssMiB: Math.max(lakeUp.peakMiB, lakeDownPeak),
      azuriteCpuSeconds: { up: lakeUp.azuriteCpu, down: median(lakeDownAzuriteCpu) },
    },
    sdkBest: { upMiBps: mibps(sdkUp), downMiBps: mibps(median(downs.sdk)) },
    downRunsSeconds: downs,
    rclone: rcloneUp
      ? {
          upMiBps: mibps(rcloneUp.seconds),
          downMiBps: mibps(median(downs.rclone)),
          downVerifiedMiBps: mibps(median(downs.rcloneVerified)),
        }
      : undefined,
  };

  // (b) many small files: each tool BENCH_REPEAT times (default 3), the median kept; every
  // upload into a fresh container, every download into a fresh folder. Azurite's CPU seconds
  // during Lakeshore's runs give the rate Azurite could serve if the client cost nothing.
  const small = {
    lakeUp: [] as number[],
    lakeDown: [] as number[],
    rcUp: [] as number[],
    rcDown: [] as number[],
    azuriteCpuLakeUp: [] as number[],
    azuriteCpuLakeDown: [] as number[],
  };
  for (let i = 0; i < repeat; i += 1) {
    const smallC = await fresh();
    settle([data.small]);
    const up = await lakeCp([data.small, url(smallC, 'in'), '--recursive']);
    small.lakeUp.push(up.seconds);
    small.azuriteCpuLakeUp.push(up.azuriteCpu);
    settle([]);
    const down = await lakeCp([
      url(smallC, 'in/small'),
      mkdtempSync(path.join(work, 'ds-')),
      '--recursive',
    ]);
    small.lakeDown.push(down.seconds);
    small.azuriteCpuLakeDown.push(down.azuriteCpu);
    if (!rcloneInstalled) continue;
    const rcs = await fresh();
    settle([data.small]);
    small.rcUp.push(
      (await timed('rclone', ['copy', data.small, `${rcloneRemote}${rcs}/small`], {})).seconds,
    );
    settle([]);
    small.rcDown.push(
      (
        await timed(
          'rclone',
          ['copy', `${rcloneRemote}${rcs}/small`, mkdtempSync(path.join(work, 'rs-'))],
          {},
        )
      ).seconds,
    );
  }
  const fps = (s: number) => smallCount / s;
  results.small = {
    bytes: smallBytes,
    runsSeconds: small,
    lakeshore: {
      upFilesPerSec: fps(median(small.lakeUp)),
      downFilesPerSec: fps(median(small.lakeDown)),
    },
    azuriteCeiling: {
      upFilesPerSec: fps(median(small.azuriteCpuLakeUp)),
      downFilesPerSec: fps(median(small.azuriteCpuLakeDown)),
    },
    rclone: rcloneInstalled
      ? { upFilesPerSec: fps(median(small.rcUp)), downFilesPerSec: fps(median(small.rcDown)) }
      : undefined,
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
  const smallRates = results.small as {
    lakeshore: { upFilesPerSec: number; downFilesPerSec: number };
    azuriteCeiling: { upFilesPerSec: number; downFilesPerSec: number };
    rclone?: { upFilesPerSec: number; downFilesPerSec: number };
  };
  const r = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    canDropCache
      ? 'Page cache dropped and inputs read back before each timed run.'
      : 'Page cache not dropped (needs root): dirty pages written back before each timed run only.',
  );
  console.log(
    `(a) ${bigMiB} MiB file: Lakeshore up ${big.lakeshore.upMiBps.toFixed(1)} MiB/s, down ${big.lakeshore.downMiBps.toFixed(1)} MiB/s (MD5 verified), peak RSS ${big.lakeshore.peakRssMiB.toFixed(0)} MiB; Azurite CPU ${big.lakeshore.azuriteCpuSeconds.up.toFixed(1)} s up, ${big.lakeshore.azuriteCpuSeconds.down.toFixed(1)} s down`,
  );
  console.log(
    `    SDK best: up ${big.sdkBest.upMiBps.toFixed(1)}, down ${big.sdkBest.downMiBps.toFixed(1)} MiB/s → Lakeshore/SDK up ${r(big.lakeshore.upMiBps, big.sdkBest.upMiBps)}, down ${r(big.lakeshore.downMiBps, big.sdkBest.downMiBps)}`,
  );
  if (big.rclone)
    console.log(
      `    rclone: up ${big.rclone.upMiBps.toFixed(1)}, down ${big.rclone.downMiBps.toFixed(1)} MiB/s (4 streams, MD5 not checked), ${big.rclone.downVerifiedMiBps.toFixed(1)} MiB/s (1 stream, MD5 checked) → Lakeshore/rclone up ${r(big.lakeshore.upMiBps, big.rclone.upMiBps)}, down ${r(big.lakeshore.downMiBps, big.rclone.downMiBps)} (unchecked), ${r(big.lakeshore.downMiBps, big.rclone.downVerifiedMiBps)} (checked)`,
    );
  console.log(
    `(b) ${smallCount} small files: Lakeshore up ${smallRates.lakeshore.upFilesPerSec.toFixed(0)} files/s, down ${smallRates.lakeshore.downFilesPerSec.toFixed(0)} files/s; Azurite's CPU alone allows ${smallRates.azuriteCeiling.upFilesPerSec.toFixed(0)} up, ${smallRates.azuriteCeiling.downFilesPerSec.toFixed(0)} down`,
  );
  if (smallRates.rclone)
    console.log(
      `    rclone: up ${smallRates.rclone.upFilesPerSec.toFixed(0)}, down ${smallRates.rclone.downFilesPerSec.toFixed(0)} files/s → Lakeshore/rclone up ${r(smallRates.lakeshore.upFilesPerSec, smallRates.rclone.upFilesPerSec)}, down ${r(smallRates.lakeshore.downFilesPerSec, smallRates.rclone.downFilesPerSec)}; Azurite's ceiling/rclone up ${r(smallRates.azuriteCeiling.upFilesPerSec, smallRates.rclone.upFilesPerSec)}, down ${r(smallRates.azuriteCeiling.downFilesPerSec, smallRates.rclone.downFilesPerSec)}`,
    );
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${String(results.date).slice(0, 10)}-transfers.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${file}`);
} finally {
  await azurite.stop();
  rmSync(work, { recursive: true, force: true });
}
