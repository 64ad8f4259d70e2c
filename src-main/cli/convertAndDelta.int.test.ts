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
  await put(from, 'folder/a.csv', 'id,v\n1,a\n2,b\n');
  await put(from, 'folder/sub/b.csv', 'id,v\n3,c\n4,d\n');
  await put(from, 'folder/notes.txt', 'not data');
  await put(from, 'bad/a.csv', 'id,v\n1,a\n');
  await put(from, 'bad/sub/b.csv', 'id,v\nzz,c\n4,d\n');
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

  it('on a terminal, says on stderr which phase it is in and clears the line before the report', async () => {
    const r = await runCliCollecting(
      ['convert', url(from, 'folder/a.csv'), url(to, 'shown.parquet')],
      env,
      { stderrIsTTY: true },
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\x1b[K').map((l) => l.replace(/^\r/, ''));
    expect(lines[0]).toBe(`Reading ${from.containerName}/folder/a.csv (0.0 MiB)`);
    expect(lines).toContain('Converting to parquet');
    expect(
      r.stderr.endsWith(`\rWriting ${to.containerName}/shown.parquet (0.0 MiB)\x1b[K\r\x1b[K`),
    ).toBe(true);
    expect(r.stdout).toMatch(/^Schema:\n/);
  });
});

describe('lakeshore convert of a folder', () => {
  const names = async (c: ContainerClient) => {
    const found: string[] = [];
    for await (const b of c.listBlobsFlat()) found.push(b.name);
    return found;
  };
  const rows = async (p: string) =>
    (await cli(['query', url(to, p), 'SELECT * FROM t ORDER BY id', '--csv'])).stdout;

  it('--dry-run lists each file with its target and counts and writes nothing', async () => {
    const dry = await cli(['convert', url(from, 'folder/'), url(to, 'tree/'), '--dry-run']);
    expect(dry.code).toBe(0);
    const target = `${to.containerName}/tree`;
    expect(dry.stdout).toContain(
      `Schema of folder/a.csv, applied to every csv file:\n  id BIGINT\n  v VARCHAR\n`,
    );
    expect(dry.stdout).toMatch(
      new RegExp(
        `${from.containerName}/folder/a.csv → ${target}/a.parquet: would write 2 rows \\(13 bytes of csv → \\d+ bytes\\), 0 rejected\n` +
          `${from.containerName}/folder/sub/b.csv → ${target}/sub/b.parquet: would write 2 rows .*, 0 rejected\n` +
          `Skipped ${from.containerName}/folder/notes.txt: not CSV, TSV or NDJSON\n` +
          'Dry run: nothing was written; would convert 2 of 2 files, 0 failed, 1 skipped\n$',
      ),
    );
    expect(await names(to)).not.toContainEqual(expect.stringMatching(/^tree\//));
  });

  it('converts every CSV below the folder to its relative path in another container, the schema once', async () => {
    const run = await cli(['convert', url(from, 'folder'), url(to, 'tree'), '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      to: 'parquet',
      dryRun: false,
      schema: [
        { name: 'id', type: 'BIGINT' },
        { name: 'v', type: 'VARCHAR' },
      ],
      files: [
        { sourcePath: 'folder/a.csv', targetPath: 'tree/a.parquet', rowsWritten: 2, written: true },
        {
          sourcePath: 'folder/sub/b.csv',
          targetPath: 'tree/sub/b.parquet',
          rowsWritten: 2,
          written: true,
        },
      ],
      skipped: [{ path: 'folder/notes.txt', reason: 'not CSV, TSV or NDJSON' }],
      converted: 2,
      failed: 0,
    });
    expect((await names(to)).filter((n) => n.startsWith('tree/'))).toEqual([
      'tree/a.parquet',
      'tree/sub/b.parquet',
    ]);
    expect(await rows('tree/a.parquet')).toBe('id,v\r\n1,a\r\n2,b\r\n');
    expect(await rows('tree/sub/b.parquet')).toBe('id,v\r\n3,c\r\n4,d\r\n');

    const again = await cli(['convert', url(from, 'folder/'), url(to, 'tree/')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/AlreadyExists: 2 of 2 files failed; the first, folder\/a.csv: /);
    const replaced = await cli(['convert', url(from, 'folder/'), url(to, 'tree/'), '--overwrite']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout.match(/Schema of/g)).toHaveLength(1);
    expect(replaced.stdout).toMatch(/Converted 2 of 2 files, 0 failed, 1 skipped\n$/);
  });

  it("reports a file over --max-rejects (the first file's types applied) and writes the others, exit 1", async () => {
    const run = await cli(['convert', url(from, 'bad/'), url(to, 'bad-out/')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/bad\/a.csv → .*bad-out\/a.parquet: wrote 1 row /);
    expect(run.stderr).toMatch(
      /bad\/sub\/b.csv → .*bad-out\/sub\/b.parquet: failed: InvalidInput: 1 row of bad\/sub\/b.csv could not be read .*\n {2}line 2: .*"zz"/s,
    );
    expect(run.stderr).toMatch(
      /lakeshore: InvalidInput: 1 of 2 files failed; the first, bad\/sub\/b.csv: /,
    );
    expect((await names(to)).filter((n) => n.startsWith('bad-out/'))).toEqual([
      'bad-out/a.parquet',
    ]);
    expect(await rows('bad-out/a.parquet')).toBe('id,v\r\n1,a\r\n');
  });

  it("converts into another container's root, only the files --include-pattern names", async () => {
    const root = testBlobService().getContainerClient(uniqueContainerName('cli-conv-root'));
    await root.create();
    const run = await cli([
      'convert',
      url(from, 'folder'),
      url(root, ''),
      '--include-pattern',
      'b.*',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      files: [{ sourcePath: 'folder/sub/b.csv', targetPath: 'sub/b.parquet', written: true }],
      skipped: [
        { path: 'folder/a.csv', reason: 'left out by the name patterns' },
        { path: 'folder/notes.txt', reason: 'left out by the name patterns' },
      ],
    });
    expect(await names(root)).toEqual(['sub/b.parquet']);
  });

  it('refuses a blob-looking target (exit 2) and says NotFound for a folder with nothing below it', async () => {
    const blob = await cli(['convert', url(from, 'folder/'), url(to, 'tree.parquet')]);
    expect(blob.code).toBe(2);
    expect(blob.stderr).toMatch(/tree.parquet names a blob; a folder converts into a folder/);
    expect(await to.getBlobClient('tree.parquet').exists()).toBe(false);
    const missing = await cli(['convert', url(from, 'nothing/'), url(to, 'x/')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NotFound: .*\/nothing\/ does not exist: no blob is below it/);
    const noSlash = await cli(['convert', url(from, 'nothing'), url(to, 'x/')]);
    expect(noSlash.code).toBe(1);
    expect(noSlash.stderr).toMatch(
      /NotFound: .*\/nothing does not exist: no blob has that name or is below it/,
    );
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
