// npm run bench:convert — converts a CSV (BENCH_CONVERT_MIB MiB, default 1,024) from one storage
// account to Parquet (zstd) in another, both on one Azurite (AZURITE_ACCOUNTS), through
// Lakeshore's convertFile (fetch through the transfer engine into the cache, DuckDB's COPY,
// upload through the transfer engine), against DuckDB converting the same file from local disk
// to local disk, in one run; the row counts are checked equal. Prints times, throughputs, the
// ratio and the peak RSS of this process (the query worker is a thread of it). Goals (issue 16):
// throughput ≥ 0.8× DuckDB local, peak RSS ≤ DuckDB's memory limit + 200 MiB.
import { DuckDBInstance } from '@duckdb/node-api';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTwoAccounts } from '../test/support/twoAccounts.js';
import { convertFile } from '../src-main/query/convertFile.js';
import { createQueryEngine } from '../src-main/query/queryEngine.js';
import { openSourceCache } from '../src-main/query/sourceCache.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.env.LAKESHORE_DUCKDB_WORKER ??= path.join(root, 'dist/main/duckdb-worker.mjs');
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-convert-'));
const csv = path.join(work, 'orders.csv');
const targetMiB = Number(process.env.BENCH_CONVERT_MIB ?? 1024);
const memoryLimitMiB = Number(process.env.BENCH_MEMORY_MIB ?? 1024);
const regions = ['North', 'South', 'East', 'West', 'Central'];

/** Writes rows of id, date, region, product, quantity, price, shipped, note until `mib` MiB. */
async function writeCsv(file: string, mib: number): Promise<number> {
  const out = createWriteStream(file);
  out.write('order_id,order_date,region,product,quantity,unit_price,shipped,note\n');
  let bytes = 0;
  let rows = 0;
  const limit = mib * 1024 * 1024;
  while (bytes < limit) {
    let chunk = '';
    for (let i = 0; i < 10_000; i++, rows++) {
      const day = String(1 + (rows % 28)).padStart(2, '0');
      chunk += `${rows},2025-01-${day},${regions[rows % 5]},product ${rows % 97},${rows % 20},${(rows % 1000) / 10},${rows % 3 === 0},"note ${rows}, with a comma"\n`;
    }
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  return rows;
}

const time = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
};
const mibOf = (bytes: number) => bytes / 1024 / 1024;

const rows = await writeCsv(csv, targetMiB);
const csvBytes = statSync(csv).size;
const accounts = await startTwoAccounts();
try {
  const a = accounts.container('a', 'raw');
  const b = accounts.container('b', 'curated');
  await a.create();
  await b.create();
  await a
    .getBlockBlobClient('orders.csv')
    .uploadFile(csv, { blockSize: 8 * 1024 * 1024, concurrency: 4 });

  const engine = createQueryEngine({ memoryLimitMiB });
  const cache = await openSourceCache(path.join(work, 'cache'), 4 * csvBytes);
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  const lakeshore = await time(() =>
    convertFile({ engine, cache }, a, 'orders.csv', b, 'orders.parquet', { to: 'parquet' }),
  );
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  await engine.close();

  const local = await (
    await DuckDBInstance.create(':memory:', {
      threads: String(os.availableParallelism()),
      memory_limit: `${memoryLimitMiB}MiB`,
    })
  ).connect();
  const out = path.join(work, 'local.parquet');
  const duck = await time(() =>
    local.run(
      `COPY (SELECT * FROM read_csv('${csv}')) TO '${out}' (FORMAT parquet, COMPRESSION zstd)`,
    ),
  );
  const localRows = Number(
    (await local.runAndReadAll(`SELECT count(*) FROM read_parquet('${out}')`)).getRowsJson()[0]![0],
  );
  if (lakeshore.value.rowsWritten !== localRows || localRows !== rows)
    throw new Error(`rows differ: ${lakeshore.value.rowsWritten} / ${localRows} / ${rows}`);

  const throughput = (ms: number) => mibOf(csvBytes) / (ms / 1000);
  console.log(
    `CSV: ${rows.toLocaleString('en-US')} rows, ${mibOf(csvBytes).toFixed(0)} MiB → Parquet ${mibOf(lakeshore.value.targetBytes).toFixed(0)} MiB (zstd); DuckDB memory limit ${memoryLimitMiB} MiB`,
  );
  console.log(
    `DuckDB, local disk → local disk:          ${duck.ms.toFixed(0)} ms (${throughput(duck.ms).toFixed(1)} MiB/s)`,
  );
  console.log(
    `Lakeshore, account A → account B:         ${lakeshore.ms.toFixed(0)} ms (${throughput(lakeshore.ms).toFixed(1)} MiB/s)`,
  );
  console.log(`Throughput: ${(duck.ms / lakeshore.ms).toFixed(2)}× DuckDB local (goal ≥ 0.8×)`);
  console.log(
    `Peak RSS of this process: ${peakMiB.toFixed(0)} MiB (before the conversion ${rssBefore.toFixed(0)} MiB; goal ≤ ${memoryLimitMiB + 200} MiB = limit + 200)`,
  );
} finally {
  await accounts.stop();
}
