// `npm run bench:transfers`: Lakeshore's CLI against peers on the same data in the same run,
// against a fresh in-memory Azurite: (a) one large file up and down, (b) many small files up
// and down. Peers: @azure/storage-blob uploadFile/downloadToFile at its best of a few
// concurrency settings, and rclone (through an account SAS URL) when installed. Prints MiB/s,
// files/s, ratios and Lakeshore's peak RSS; writes bench/results/<date>-transfers.json.
// BENCH_BIG_MIB (default 1024) and BENCH_SMALL_FILES (default 2000) scale the data; the
// small-file runs and the big downloads (all of one blob) repeat BENCH_REPEAT times (default 3)
// and report medians, with every run's seconds in the results file.
import { BlobServiceClient } from '@azure/storage-blob';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
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

/** Runs a command, sampling its RSS (KiB, from ps) every 100 ms; resolves to seconds and peak RSS in MiB. */
function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ seconds: number; peakMiB: number }> {
  const start = process.hrtime.bigint();
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peak = 0;
  const sampler = setInterval(() => {
    const r = spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' });
    peak = Math.max(peak, Number(r.stdout.trim()) || 0);
  }, 100);
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code === 0) resolve({ seconds, peakMiB: peak / 1024 });
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

  // (a) one big file. Each tool uploads its own copy; every download reads the same blob,
  // Lakeshore's upload, which carries a Content-MD5, so each tool may verify the same bytes.
  // Dirty pages are flushed before each timed run, and downloads repeat BENCH_REPEAT times
  // (median), so no tool pays for the writeback of another's run.
  const flush = () => spawnSync('sync');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const lakeUpC = await fresh();
  flush();
  const lakeUp = await timed(process.execPath, [cli, 'cp', data.big, url(lakeUpC, 'in')], env);
  const shared = service.getContainerClient(lakeUpC).getBlockBlobClient('in/big.bin');
  let sdkUp = Infinity;
  for (const concurrency of [4, 8, 16]) {
    const blob = service.getContainerClient(await fresh()).getBlockBlobClient('big.bin');
    flush();
    const t = process.hrtime.bigint();
    await blob.uploadFile(data.big, { concurrency, blockSize: 8 * MiB });
    sdkUp = Math.min(sdkUp, Number(process.hrtime.bigint() - t) / 1e9);
  }
  const rc = rcloneInstalled ? await fresh() : undefined;
  flush();
  const rcloneUp = rc
    ? await timed('rclone', ['copy', data.big, `${rcloneRemote}${rc}`], {})
    : undefined;
  const downs = { lake: [] as number[], sdk: [] as number[], rclone: [] as number[] };
  let lakeDownPeak = 0;
  const downloadWith = {
    lake: async () => {
      const target = mkdtempSync(path.join(work, 'd-'));
      flush();
      const lake = await timed(
        process.execPath,
        [cli, 'cp', url(lakeUpC, 'in/big.bin'), target],
        env,
      );
      downs.lake.push(lake.seconds);
      lakeDownPeak = Math.max(lakeDownPeak, lake.peakMiB);
      rmSync(target, { recursive: true, force: true });
    },
    sdk: async () => {
      let sdkBest = Infinity;
      for (const concurrency of [4, 8, 16]) {
        const file = path.join(work, `sdk-${concurrency}.bin`);
        flush();
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
      const target = mkdtempSync(path.join(work, 'r-'));
      flush();
      const run = await timed(
        'rclone',
        ['copy', `${rcloneRemote}${lakeUpC}/in/big.bin`, target],
        {},
      );
      downs.rclone.push(run.seconds);
      rmSync(target, { recursive: true, force: true });
    },
  };
  // The order rotates each repetition, so no tool always runs right after another's heavy run.
  const order = ['lake', 'sdk', 'rclone'] as const;
  for (let i = 0; i < repeat; i += 1) {
    for (let k = 0; k < order.length; k += 1) await downloadWith[order[(i + k) % order.length]!]();
  }
  const lakeDown = { seconds: median(downs.lake), peakMiB: lakeDownPeak };
  const sdkDown = median(downs.sdk);
  const rcloneDown = rcloneInstalled ? { seconds: median(downs.rclone) } : undefined;
  const mibps = (s: number) => bigMiB / s;
  results.big = {
    lakeshore: {
      upMiBps: mibps(lakeUp.seconds),
      downMiBps: mibps(lakeDown.seconds),
      peakRssMiB: Math.max(lakeUp.peakMiB, lakeDown.peakMiB),
    },
    sdkBest: { upMiBps: mibps(sdkUp), downMiBps: mibps(sdkDown) },
    downRunsSeconds: downs,
    rclone:
      rcloneUp && rcloneDown
        ? { upMiBps: mibps(rcloneUp.seconds), downMiBps: mibps(rcloneDown.seconds) }
        : undefined,
  };

  // (b) many small files: each tool BENCH_REPEAT times (default 3), the median kept; every
  // upload into a fresh container, every download into a fresh folder.
  const small = {
    lakeUp: [] as number[],
    lakeDown: [] as number[],
    rcUp: [] as number[],
    rcDown: [] as number[],
  };
  for (let i = 0; i < repeat; i += 1) {
    const smallC = await fresh();
    small.lakeUp.push(
      (
        await timed(
          process.execPath,
          [cli, 'cp', data.small, url(smallC, 'in'), '--recursive'],
          env,
        )
      ).seconds,
    );
    small.lakeDown.push(
      (
        await timed(
          process.execPath,
          [cli, 'cp', url(smallC, 'in/small'), mkdtempSync(path.join(work, 'ds-')), '--recursive'],
          env,
        )
      ).seconds,
    );
    if (!rcloneInstalled) continue;
    const rcs = await fresh();
    small.rcUp.push(
      (await timed('rclone', ['copy', data.small, `${rcloneRemote}${rcs}/small`], {})).seconds,
    );
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
  const lakeSmallUp = { seconds: median(small.lakeUp) };
  const lakeSmallDown = { seconds: median(small.lakeDown) };
  const rcloneSmallUp = rcloneInstalled ? { seconds: median(small.rcUp) } : undefined;
  const rcloneSmallDown = rcloneInstalled ? { seconds: median(small.rcDown) } : undefined;
  const fps = (s: number) => smallCount / s;
  results.small = {
    bytes: smallBytes,
    runsSeconds: small,
    lakeshore: {
      upFilesPerSec: fps(lakeSmallUp.seconds),
      downFilesPerSec: fps(lakeSmallDown.seconds),
    },
    rclone:
      rcloneSmallUp && rcloneSmallDown
        ? {
            upFilesPerSec: fps(rcloneSmallUp.seconds),
            downFilesPerSec: fps(rcloneSmallDown.seconds),
          }
        : undefined,
  };

  const big = results.big as {
    lakeshore: { upMiBps: number; downMiBps: number; peakRssMiB: number };
    sdkBest: { upMiBps: number; downMiBps: number };
    rclone?: { upMiBps: number; downMiBps: number };
  };
  const smallRates = results.small as {
    lakeshore: { upFilesPerSec: number; downFilesPerSec: number };
    rclone?: { upFilesPerSec: number; downFilesPerSec: number };
  };
  const r = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    `(a) ${bigMiB} MiB file: Lakeshore up ${big.lakeshore.upMiBps.toFixed(1)} MiB/s, down ${big.lakeshore.downMiBps.toFixed(1)} MiB/s, peak RSS ${big.lakeshore.peakRssMiB.toFixed(0)} MiB`,
  );
  console.log(
    `    SDK best: up ${big.sdkBest.upMiBps.toFixed(1)}, down ${big.sdkBest.downMiBps.toFixed(1)} MiB/s → Lakeshore/SDK up ${r(big.lakeshore.upMiBps, big.sdkBest.upMiBps)}, down ${r(big.lakeshore.downMiBps, big.sdkBest.downMiBps)}`,
  );
  if (big.rclone)
    console.log(
      `    rclone: up ${big.rclone.upMiBps.toFixed(1)}, down ${big.rclone.downMiBps.toFixed(1)} MiB/s → Lakeshore/rclone up ${r(big.lakeshore.upMiBps, big.rclone.upMiBps)}, down ${r(big.lakeshore.downMiBps, big.rclone.downMiBps)}`,
    );
  console.log(
    `(b) ${smallCount} small files: Lakeshore up ${smallRates.lakeshore.upFilesPerSec.toFixed(0)} files/s, down ${smallRates.lakeshore.downFilesPerSec.toFixed(0)} files/s`,
  );
  if (smallRates.rclone)
    console.log(
      `    rclone: up ${smallRates.rclone.upFilesPerSec.toFixed(0)}, down ${smallRates.rclone.downFilesPerSec.toFixed(0)} files/s → Lakeshore/rclone up ${r(smallRates.lakeshore.upFilesPerSec, smallRates.rclone.upFilesPerSec)}, down ${r(smallRates.lakeshore.downFilesPerSec, smallRates.rclone.downFilesPerSec)}`,
    );
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${String(results.date).slice(0, 10)}-transfers.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${file}`);
} finally {
  await azurite.stop();
  rmSync(work, { recursive: true, force: true });
}
