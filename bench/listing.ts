// `npm run bench:listing`: how fast a folder of 100,000 blobs shows its first rows and lists
// whole, against peers measured in the same run on the same data: the SDK's default listing
// (first page of 5,000, what a naive browser asks for) and rclone `lsf` when installed.
// Prints times and ratios; writes bench/results/<date>-listing.json.
import { BlobServiceClient } from '@azure/storage-blob';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startAzurite } from '../src-main/emulator/azurite.js';
import { runPool } from '../src-main/platform/runPool.js';
import { listDirectory } from '../src-main/storage/listDirectory.js';
import { emulatorSas } from './emulatorSas.js';

const count = Number(process.env.BENCH_BLOBS ?? 100_000);
const folder = 'big';
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const azurite = await startAzurite({ location: 'memory' });
try {
  const container = BlobServiceClient.fromConnectionString(
    azurite.connectionString,
  ).getContainerClient('bench');
  await container.create();
  const seedStart = process.hrtime.bigint();
  const names = (function* () {
    for (let i = 0; i < count; i += 1) yield `${folder}/f-${String(i).padStart(6, '0')}.csv`;
  })();
  await runPool(
    names,
    64,
    async (name) => void (await container.getBlockBlobClient(name).upload('x', 1)),
  );
  console.log(
    `Seeded ${count.toLocaleString('en-US')} blobs in ${(ms(seedStart) / 1000).toFixed(1)} s`,
  );

  // First rows: Lakeshore asks for a 100-entry first page; the SDK default page is 5,000.
  let start = process.hrtime.bigint();
  const first = await listDirectory(container, folder, { pageSize: 100 });
  const lakeFirstMs = ms(start);
  start = process.hrtime.bigint();
  await container
    .listBlobsByHierarchy('/', { prefix: `${folder}/` })
    .byPage()
    .next();
  const sdkFirstMs = ms(start);

  // The whole folder: Lakeshore's 100 then 5,000-entry pages.
  start = process.hrtime.bigint();
  let listed = first.entries.length;
  let token = first.continuationToken;
  while (token) {
    const page = await listDirectory(container, folder, {
      pageSize: 5000,
      continuationToken: token,
    });
    listed += page.entries.length;
    token = page.continuationToken;
  }
  const lakeAllMs = ms(start) + lakeFirstMs;
  if (listed !== count) throw new Error(`Listed ${listed}, expected ${count}`);

  const rclone =
    spawnSync('rclone', ['version'], { encoding: 'utf8' }).status === 0
      ? await measureRclone(azurite.blobEndpoint)
      : undefined;

  const results = {
    date: new Date().toISOString(),
    blobs: count,
    firstRowsMs: { lakeshore: lakeFirstMs, sdkDefaultPage: sdkFirstMs, rclone: rclone?.firstMs },
    wholeFolderMs: { lakeshore: lakeAllMs, rclone: rclone?.allMs },
    ratios: {
      firstRowsSpeedupVsSdkDefault: sdkFirstMs / lakeFirstMs,
      firstRowsSpeedupVsRclone: rclone ? rclone.firstMs / lakeFirstMs : undefined,
      wholeFolderSpeedVsRclone: rclone ? rclone.allMs / lakeAllMs : undefined,
    },
  };
  console.log(
    `First rows: Lakeshore ${lakeFirstMs.toFixed(0)} ms, SDK default page ${sdkFirstMs.toFixed(0)} ms (×${results.ratios.firstRowsSpeedupVsSdkDefault.toFixed(1)} faster)`,
  );
  if (rclone) {
    console.log(
      `First rows: rclone lsf ${rclone.firstMs.toFixed(0)} ms (Lakeshore ×${results.ratios.firstRowsSpeedupVsRclone!.toFixed(1)} faster)`,
    );
    console.log(
      `Whole folder: Lakeshore ${(lakeAllMs / 1000).toFixed(1)} s, rclone ${(rclone.allMs / 1000).toFixed(1)} s (ratio rclone/Lakeshore ${results.ratios.wholeFolderSpeedVsRclone!.toFixed(2)})`,
    );
  } else {
    console.log(
      `Whole folder: Lakeshore ${(lakeAllMs / 1000).toFixed(1)} s (rclone not installed: apt-get install rclone to compare)`,
    );
  }
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${results.date.slice(0, 10)}-listing.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${file}`);
} finally {
  await azurite.stop();
}

/** Time to rclone's first output line and to its last, listing the folder through an account SAS URL. */
function measureRclone(blobEndpoint: string): Promise<{ firstMs: number; allMs: number }> {
  const start = process.hrtime.bigint();
  const child = spawn(
    'rclone',
    ['lsf', `:azureblob,sas_url='${blobEndpoint}?${emulatorSas()}':bench/${folder}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let firstMs: number | undefined;
  let lines = 0;
  createInterface({ input: child.stdout }).on('line', () => {
    firstMs ??= ms(start);
    lines += 1;
  });
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 && lines === count && firstMs !== undefined
        ? resolve({ firstMs, allMs: ms(start) })
        : reject(new Error(`rclone exited ${code} after ${lines} lines`)),
    ),
  );
}
