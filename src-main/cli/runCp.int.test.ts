// `lakeshore cp`, `rm` and `mv` as cp's help states them, row by row, against a real Azurite
// (flat) and the DFS test server in front of it (HNS): uploads, downloads and blob-to-blob.
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { runCliCollecting } from '../../test/support/cliRun.js';

const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);

/** Every blob name in `container`, sorted, folder markers included. */
const names = async (container: ContainerClient): Promise<string[]> => {
  const out: string[] = [];
  for await (const b of container.listBlobsFlat()) out.push(b.name);
  return out.sort();
};

const text = async (container: ContainerClient, name: string) =>
  (await container.getBlobClient(name).downloadToBuffer()).toString();

/** Every file under `root`, relative with `/`, sorted. */
const localFiles = (root: string): string[] =>
  (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();

const tempDir = (label: string) => mkdtempSync(path.join(os.tmpdir(), `lake-cp-${label}-`));

describe.each([
  ['flat', () => inject('azuriteConnectionString'), () => inject('azuriteBlobEndpoint')],
  ['hns', () => inject('hnsConnectionString'), () => inject('hnsBlobEndpoint')],
] as const)('lakeshore cp on a %s account', (kind, connectionString, endpoint) => {
  let container: ContainerClient;
  let url: (p?: string) => string;
  let local: string;
  let dataDir: string;
  const cli = (argv: string[]) =>
    runCliCollecting(argv, {
      AZURE_STORAGE_CONNECTION_STRING: connectionString(),
      LAKESHORE_DATA_DIR: dataDir,
    });
  /** A fresh folder under the container for one test. */
  let n = 0;
  const fresh = () => `t${++n}`;

  beforeAll(async () => {
    const name = uniqueContainerName(`cp-${kind}`);
    container = BlobServiceClient.fromConnectionString(connectionString()).getContainerClient(name);
    await container.create();
    url = (p = '') => `${endpoint()}/${name}${p ? `/${p}` : ''}`;
    local = tempDir('src');
    dataDir = tempDir('data');
    mkdirSync(path.join(local, 'data', 'sub'), { recursive: true });
    writeFileSync(path.join(local, 'a.csv'), 'a,b\n1,2\n');
    writeFileSync(path.join(local, 'b.csv'), 'b\n');
    writeFileSync(path.join(local, 'data', 'x.txt'), 'x');
    writeFileSync(path.join(local, 'data', 'sub', 'big.bin'), big);
  });

  describe('upload', () => {
    it('a.csv → …/dir/b.csv writes blob dir/b.csv', async () => {
      const d = fresh();
      const r = await cli(['cp', path.join(local, 'a.csv'), url(`${d}/b.csv`)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /^Copied 1 file \(8 bytes\) in [\d.]+ s, [\d.]+ MiB\/s; 0 skipped, 0 failed$/m,
      );
      expect((await names(container)).filter((b) => b.startsWith(`${d}/`))).toEqual([`${d}/b.csv`]);
      expect(await text(container, `${d}/b.csv`)).toBe('a,b\n1,2\n');
    });

    it.each([
      ['a trailing /', (d: string) => `${d}/`],
      ['an existing folder', (d: string) => `${d}`],
    ])('a.csv → %s writes dir/a.csv', async (_label, dst) => {
      const d = fresh();
      await container.getBlockBlobClient(`${d}/other.txt`).upload('o', 1);
      const r = await cli(['cp', path.join(local, 'a.csv'), url(dst(d))]);
      expect(r.code, r.stderr).toBe(0);
      expect(await text(container, `${d}/a.csv`)).toBe('a,b\n1,2\n');
    });

    it('./data -r → …/dir lands as dir/data/…', async () => {
      const d = fresh();
      const r = await cli(['cp', path.join(local, 'data'), url(d), '-r', '--block-size', '1']);
      expect(r.code, r.stderr).toBe(0);
      const files = (await names(container)).filter(
        (b) => b.startsWith(`${d}/`) && b.includes('.'),
      );
      expect(files).toEqual([`${d}/data/sub/big.bin`, `${d}/data/x.txt`]);
      const blocks = await container
        .getBlockBlobClient(`${d}/data/sub/big.bin`)
        .getBlockList('committed');
      expect(blocks.committedBlocks).toHaveLength(4);
    });

    it("'./data/*' → …/dir copies data's entries; a folder among them needs -r and is named", async () => {
      const d = fresh();
      const r = await cli(['cp', path.join(local, 'data', '*'), url(d)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(
        `Skipped folder ${path.join(local, 'data', 'sub')}: add --recursive`,
      );
      expect((await names(container)).filter((b) => b.startsWith(`${d}/`))).toEqual([`${d}/x.txt`]);
      const all = await cli(['cp', path.join(local, 'data', '*'), url(`${d}r`), '-r']);
      expect(all.code, all.stderr).toBe(0);
      expect(
        (await names(container)).filter((b) => b.startsWith(`${d}r/`) && b.includes('.')),
      ).toEqual([`${d}r/sub/big.bin`, `${d}r/x.txt`]);
    });

    it('a.csv b.csv → …/dir puts both inside, and name patterns filter a folder', async () => {
      const d = fresh();
      const r = await cli(['cp', path.join(local, 'a.csv'), path.join(local, 'b.csv'), url(d)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Copied 2 files /m);
      expect((await names(container)).filter((b) => b.startsWith(`${d}/`))).toEqual([
        `${d}/a.csv`,
        `${d}/b.csv`,
      ]);
      const f = await cli([
        'cp',
        path.join(local, 'data'),
        url(`${d}f`),
        '-r',
        '--include-pattern',
        '*.txt',
      ]);
      expect(f.code, f.stderr).toBe(0);
      expect((await names(container)).filter((b) => b.startsWith(`${d}f/`))).toEqual([
        `${d}f/data/x.txt`,
      ]);
    });
  });

  describe('download', () => {
    let d: string;
    beforeAll(async () => {
      d = fresh();
      await container.getBlockBlobClient(`${d}/a.csv`).upload('remote a', 8);
      await container.getBlockBlobClient(`${d}/dir/x.txt`).upload('x', 1);
      await container.getBlockBlobClient(`${d}/dir/sub/y.txt`).upload('yy', 2);
    });

    it('…/a.csv → ./out.csv writes out.csv', async () => {
      const out = tempDir('down');
      const r = await cli(['cp', url(`${d}/a.csv`), path.join(out, 'out.csv')]);
      expect(r.code, r.stderr).toBe(0);
      expect(localFiles(out)).toEqual(['out.csv']);
      expect(readFileSync(path.join(out, 'out.csv'), 'utf8')).toBe('remote a');
    });

    it('…/a.csv → ./dir/ or an existing folder writes dir/a.csv', async () => {
      const out = tempDir('down');
      const slash = await cli(['cp', url(`${d}/a.csv`), `${path.join(out, 'new')}/`]);
      expect(slash.code, slash.stderr).toBe(0);
      const existing = await cli(['cp', url(`${d}/a.csv`), out]);
      expect(existing.code, existing.stderr).toBe(0);
      expect(localFiles(out)).toEqual(['a.csv', 'new/a.csv']);
    });

    it('…/a.csv → an existing file skips it by default, replaces it with true, and renames with rename, naming the path', async () => {
      const out = tempDir('down');
      const target = path.join(out, 'out.csv');
      writeFileSync(target, 'kept');
      const skip = await cli(['cp', url(`${d}/a.csv`), target]);
      expect(skip.code, skip.stderr).toBe(0);
      expect(skip.stdout).toMatch(/^Copied 0 files \(0 bytes\) .*; 1 skipped, 0 failed$/m);
      expect(readFileSync(target, 'utf8')).toBe('kept');
      const renamed = await cli(['cp', url(`${d}/a.csv`), target, '--overwrite', 'rename']);
      expect(renamed.code, renamed.stderr).toBe(0);
      expect(renamed.stdout).toContain(
        `Wrote ${path.join(out, 'out (1).csv')} instead of ${target}: a file of that name existed`,
      );
      const replaced = await cli(['cp', url(`${d}/a.csv`), target, '--overwrite', 'true']);
      expect(replaced.code, replaced.stderr).toBe(0);
      expect(readFileSync(target, 'utf8')).toBe('remote a');
      expect(readFileSync(path.join(out, 'out (1).csv'), 'utf8')).toBe('remote a');
    });

    it('…/dir -r → ./local lands as local/dir/…; …/dir/* -r as local/<entries>', async () => {
      const out = tempDir('down');
      const r = await cli(['cp', url(`${d}/dir`), out, '-r']);
      expect(r.code, r.stderr).toBe(0);
      expect(localFiles(out)).toEqual(['dir/sub/y.txt', 'dir/x.txt']);
      const star = tempDir('down');
      const s = await cli(['cp', url(`${d}/dir/*`), star, '-r']);
      expect(s.code, s.stderr).toBe(0);
      expect(localFiles(star)).toEqual(['sub/y.txt', 'x.txt']);
    });

    it('a missing source exits 1 with NotFound naming it and writes nothing', async () => {
      const out = tempDir('down');
      for (const args of [
        [url(`${d}/nope`), out],
        [url(`${d}/nope`), out, '-r'],
      ]) {
        const r = await cli(['cp', ...args]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^lakeshore: NotFound: Nothing named ".*\/nope" exists/);
      }
      expect(readdirSync(out)).toEqual([]);
    });

    it('--json prints one JSON object and nothing else', async () => {
      const out = tempDir('down');
      const r = await cli(['cp', url(`${d}/dir`), out, '-r', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const parsed = JSON.parse(r.stdout) as { files: number; bytes: number; jobs: unknown[] };
      expect(parsed).toMatchObject({ files: 2, bytes: 3, skipped: 0, failed: 0 });
      expect(parsed.jobs).toHaveLength(1);
    });
  });

  describe('blob to blob', () => {
    it('a blob to a blob URL names the copy; into a folder keeps its name; existing are skipped by default', async () => {
      const d = fresh();
      await container.getBlockBlobClient(`${d}/a.csv`).upload('src', 3);
      const named = await cli(['cp', url(`${d}/a.csv`), url(`${d}/copy/b.csv`)]);
      expect(named.code, named.stderr).toBe(0);
      const inside = await cli(['cp', url(`${d}/a.csv`), url(`${d}/into/`)]);
      expect(inside.code, inside.stderr).toBe(0);
      expect(
        (await names(container)).filter((b) => b.startsWith(`${d}/`) && b.endsWith('.csv')),
      ).toEqual([`${d}/a.csv`, `${d}/copy/b.csv`, `${d}/into/a.csv`]);
      await container.getBlockBlobClient(`${d}/copy/b.csv`).upload('mine', 4);
      const again = await cli(['cp', url(`${d}/a.csv`), url(`${d}/copy/b.csv`)]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/1 skipped \(existed\)/);
      expect(await text(container, `${d}/copy/b.csv`)).toBe('mine');
      const replaced = await cli([
        'cp',
        url(`${d}/a.csv`),
        url(`${d}/copy/b.csv`),
        '--overwrite',
        'true',
      ]);
      expect(replaced.code, replaced.stderr).toBe(0);
      expect(await text(container, `${d}/copy/b.csv`)).toBe('src');
      const refused = await cli([
        'cp',
        url(`${d}/a.csv`),
        url(`${d}/copy/b.csv`),
        '--overwrite',
        'rename',
      ]);
      expect([refused.code, refused.stderr]).toEqual([
        2,
        expect.stringMatching(/takes true, false or prompt/),
      ]);
    });

    it('a folder with -r lands inside the destination folder', async () => {
      const d = fresh();
      await container.getBlockBlobClient(`${d}/src/x.txt`).upload('x', 1);
      await container.getBlockBlobClient(`${d}/src/sub/y.txt`).upload('y', 1);
      const r = await cli(['cp', url(`${d}/src`), url(`${d}/dst`), '-r']);
      expect(r.code, r.stderr).toBe(0);
      expect(
        (await names(container)).filter((b) => b.startsWith(`${d}/dst/`) && b.endsWith('.txt')),
      ).toEqual([`${d}/dst/src/sub/y.txt`, `${d}/dst/src/x.txt`]);
    });
  });

  describe('rm and mv', () => {
    it('rm --dry-run lists what would go and deletes nothing; a folder needs --recursive', async () => {
      const d = fresh();
      await container.getBlockBlobClient(`${d}/keep/a.csv`).upload('aaaa', 4);
      await container.getBlockBlobClient(`${d}/keep/sub/b.csv`).upload('bb', 2);
      const before = await names(container);
      const dry = await cli(['rm', url(`${d}/keep`), '--recursive', '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain(`would delete ${d}/keep/a.csv\n`);
      expect(dry.stdout).toContain(`would delete ${d}/keep/sub/b.csv\n`);
      expect(dry.stdout).toMatch(
        /^Dry run: would delete 2 files \(6 bytes\); nothing was changed\.$/m,
      );
      expect(await names(container)).toEqual(before);
      const bare = await cli(['rm', url(`${d}/keep`)]);
      expect([bare.code, bare.stderr]).toEqual([
        1,
        expect.stringMatching(/is a folder: pass --recursive/),
      ]);
      expect(await names(container)).toEqual(before);
    });

    it('rm of a wildcard deletes what matches, --exclude-pattern keeping some', async () => {
      const d = fresh();
      for (const f of ['a.tmp', 'b.tmp', 'c.csv', 'keep.tmp'])
        await container.getBlockBlobClient(`${d}/${f}`).upload('z', 1);
      const r = await cli(['rm', url(`${d}/*.tmp`), '--exclude-pattern', 'keep*']);
      expect(r.code, r.stderr).toBe(0);
      expect((await names(container)).filter((b) => b.startsWith(`${d}/`))).toEqual([
        `${d}/c.csv`,
        `${d}/keep.tmp`,
      ]);
    });

    it('mv --dry-run moves nothing, and refuses an existing destination', async () => {
      const d = fresh();
      await container.getBlockBlobClient(`${d}/a.csv`).upload('a', 1);
      await container.getBlockBlobClient(`${d}/b.csv`).upload('b', 1);
      const dry = await cli(['mv', url(`${d}/a.csv`), url(`${d}/c.csv`), '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(
        /^Dry run: would move to .*c\.csv: 1 file \(1 bytes\); nothing was changed\.$/m,
      );
      const taken = await cli(['mv', url(`${d}/a.csv`), url(`${d}/b.csv`), '--dry-run']);
      expect([taken.code, taken.stderr]).toEqual([
        1,
        expect.stringMatching(/AlreadyExists: .*b\.csv" already exists/),
      ]);
      expect((await names(container)).filter((b) => b.startsWith(`${d}/`))).toEqual([
        `${d}/a.csv`,
        `${d}/b.csv`,
      ]);
    });
  });
});

describe('lakeshore cp usage', () => {
  const cli = (argv: string[]) => runCliCollecting(argv, {});
  it.each([
    [['cp', 'a'], /needs a source and a destination/],
    [['cp', 'a', 'b'], /One side of cp must be a blob URL/],
    [
      ['cp', 'a', 'https://acct.blob.core.windows.net/cont', '--overwrite', 'maybe'],
      /argument 'maybe' is invalid\. Expected true, false, prompt, ifSourceNewer or rename/,
    ],
    [['cp', 'a', 'https://acct.blob.core.windows.net/cont', '--concurrency', '0'], /--concurrency/],
    [
      ['cp', 'a', 'https://acct.blob.core.windows.net/cont', '--rows', '3'],
      /unknown option '--rows'/,
    ],
  ])('exits 2 for %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
