import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainFileCipher } from '../../auth/secretVault.js';
import { resolveDataDir } from '../../platform/dataDir.js';
import { dataFolders } from '../../platform/dataFolders.js';
import { createService } from '../../service/createService.js';
import { startWebHost } from './webHost.js';

// Browser mode entry (dist/main/web.mjs). Environment: LAKESHORE_DATA_DIR (data folder),
// LAKESHORE_PORT (default: a free port), LAKESHORE_SAMPLE_MANY (blobs in samples/many on first seed),
// LAKESHORE_TOKEN (the per-run token, 32–128 hex digits; default random: set it only to restart
// a host under the same URL, as the e2e tests of a lost backend do).
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = resolveDataDir();
const sampleMany = process.env.LAKESHORE_SAMPLE_MANY;
const service = createService({
  dataDir,
  cipher: plainFileCipher,
  mode: 'browser',
  version: (
    JSON.parse(readFileSync(path.resolve(here, '../../package.json'), 'utf8')) as {
      version: string;
    }
  ).version,
  ...(sampleMany ? { sampleManyCount: Number(sampleMany) } : {}),
});
const host = await startWebHost({
  service,
  rendererDir: path.resolve(here, '../renderer'),
  port: Number(process.env.LAKESHORE_PORT ?? 0),
  ...(/^[0-9a-f]{32,128}$/.test(process.env.LAKESHORE_TOKEN ?? '')
    ? { token: process.env.LAKESHORE_TOKEN }
    : {}),
  stagingDir: dataFolders(dataDir).staging,
});
console.log(`Lakeshore is running in browser mode. Open ${host.url}`);
console.log(`Data folder: ${dataDir} (secrets in a 0600 file there). Press Ctrl+C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host.close();
  await service.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
