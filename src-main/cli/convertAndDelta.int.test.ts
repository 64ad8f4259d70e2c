import type { ContainerClient } from '@azure/storage-blob';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { runCliCollecting } from '../../test/support/cliRun.js';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { deltaTableFiles, deltaTableOrders, deltaTableRoot } from '../emulator/seed/deltaTable.js';
import { put } from '../preview/testFixtures.js';

let from: ContainerClient;
let to: ContainerClient;
let env: NodeJS.ProcessEnv;
const url = (c: ContainerClient, p: string) =>
  `${inject('azuriteBlobEndpoint')}/${c.containerName}/${p}`;
const cli = (argv: string[]) => runCliCollecting(argv, env);

beforeAll(async () => {
  await useBuiltDuckdbWorker();
  env = {
    LAKESHORE_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'cli-convert-')),
    LAKESHORE_DUCKDB_WORKER: process.env.LAKESHORE_DUCKDB_WORKER,
  };
  from = testBlobService().getContainerClient(uniqueContainerName('cli-conv-from'));
  to = testBlobService().getContainerClient(uniqueContainerName('cli-conv-to'));
  await from.create();
  await to.create();
  await put(from, 'in.csv', 'id,v\n1,a\n2,b\nzz,c\n');
  for (const f of deltaTableFiles()) await put(from, f.path, f.body);
});

describe('lakeshore convert', () => {
  it('refuses rejected rows by default (exit 1, nothing written) and writes with --max-rejects', async () => {
    const refused = await cli([
      'convert',
      url(from, 'in.csv'),
      url(to, 'out.parquet'),
      '--types',
      'id=BIGINT',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /1 row of in.csv could not be read.*nothing was written:\n {2}line 4: .*"zz"/s,
    );
    expect(await to.getBlobClient('out.parquet').exists()).toBe(false);
    const ok = await cli([
      'convert',
      url(from, 'in.csv'),
      url(to, 'out.parquet'),
      '--types',
      'id=BIGINT',
      '--max-rejects',
      '1',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      rowsWritten: 2,
      written: true,
      rejected: [{ line: 4, column: 'id' }],
    });
    const back = await cli([
      'query',
      url(to, 'out.parquet'),
      'SELECT * FROM t ORDER BY id',
      '--csv',
    ]);
    expect(back.stdout).toBe('id,v\r\n1,a\r\n2,b\r\n');
  });
});

describe('lakeshore delta', () => {
  const table = () => url(from, deltaTableRoot);
  it('history and health as JSON', async () => {
    const history = await cli(['delta', 'history', table(), '--json']);
    expect((JSON.parse(history.stdout) as { version: number }[]).map((h) => h.version)).toEqual([
      3, 2, 1, 0,
    ]);
    const health = await cli(['delta', 'health', table(), '--json']);
    expect(JSON.parse(health.stdout)).toMatchObject({ version: 3, partitionColumns: ['month'] });
  });

  it('vacuum refuses a short retention without --yes; restore writes the next version', async () => {
    const short = await cli(['delta', 'vacuum', table(), '--retention-hours', '0.001']);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(
      /0.001 hours is under the 7-day default: time travel to versions .* may fail/,
    );
    const dry = await cli(['delta', 'vacuum', table(), '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toMatchObject({ files: [], dryRun: true, retentionHours: 168 });
    const restore = await cli(['delta', 'restore', table(), '--to-version', '0']);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored to version 0 as version 4/);
    const n = await cli(['query', table(), 'SELECT count(*) AS n FROM t', '--json']);
    expect((JSON.parse(n.stdout) as { rows: number[][] }).rows).toEqual([
      [deltaTableOrders(0).length],
    ]);
    const notTable = await cli(['delta', 'health', url(from, 'curated')]);
    expect(notTable.code).toBe(1);
    expect(notTable.stderr).toMatch(/NotFound: curated is not a Delta table/);
  });
});
