// `lakeshore sync` as its help states it, against a real Azurite (flat) and the DFS test server
// in front of it (HNS): uploads, downloads and blob-to-blob, deletions and dry runs.
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import {
  type Dirent,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { runCli } from './runCli.js';

/** Every file blob under `prefix/` in `container` (folder markers left out), relative to it, sorted. */
const names = async (container: ContainerClient, prefix: string): Promise<string[]> => {
  const out: string[] = [];
  for await (const b of container.listBlobsFlat({ prefix: `${prefix}/`, includeMetadata: true }))
    if (b.metadata?.hdi_isfolder !== 'true') out.push(b.name.slice(prefix.length + 1));
  return out.sort();
};

/** Every blob under `prefix/` with its ETag: equal before and after means nothing changed. */
const snapshot = async (container: ContainerClient, prefix: string) => {
  const out: string[] = [];
  for await (const b of container.listBlobsFlat({ prefix: `${prefix}/` }))
    out.push(`${b.name} ${b.properties.etag} ${b.properties.contentLength}`);
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

const tempDir = (label: string) => mkdtempSync(path.join(os.tmpdir(), `lake-sync-${label}-`));

/** A local folder of three files in two levels. */
const seedFolder = (): string => {
  const root = tempDir('src');
  mkdirSync(path.join(root, 'sub', 'deep'), { recursive: true });
  writeFileSync(path.join(root, 'a.csv'), 'a,b\n1,2\n');
  writeFileSync(path.join(root, 'sub', 'b.txt'), 'bee');
  writeFileSync(path.join(root, 'sub', 'deep', 'c.bin'), Buffer.alloc(5 * 1024 * 1024 + 3, 9));
  // Older than any upload, so the blobs the sync writes are newer than their sources.
  const past = new Date(Date.now() - 3600_000);
  for (const f of ['a.csv', 'sub/b.txt', 'sub/deep/c.bin'])
    utimesSync(path.join(root, f), past, past);
  return root;
};
const seeded = ['a.csv', 'sub/b.txt', 'sub/deep/c.bin'];

describe.each([
  ['flat', () => inject('azuriteConnectionString'), () => inject('azuriteBlobEndpoint')],
  ['hns', () => inject('hnsConnectionString'), () => inject('hnsBlobEndpoint')],
] as const)('lakeshore sync on a %s account', (kind, connectionString, endpoint) => {
  let container: ContainerClient;
  let containerName: string;
  let url: (p?: string) => string;
  let dataDir: string;
  const cli = async (argv: string[], answer?: string) => {
    let stdout = '';
    let stderr = '';
    const asked: string[] = [];
    const code = await runCli(argv, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: { AZURE_STORAGE_CONNECTION_STRING: connectionString(), LAKESHORE_DATA_DIR: dataDir },
      ...(answer !== undefined
        ? {
            ask: async (q: string) => {
              asked.push(q);
              return answer;
            },
          }
        : {}),
    });
    return { code, stdout, stderr, asked };
  };
  let n = 0;
  const fresh = () => `t${++n}`;
  /** A remote folder `d` holding the seeded files, synced from a fresh local folder. */
  const uploaded = async () => {
    const local = seedFolder();
    const d = fresh();
    const r = await cli(['sync', local, url(d)]);
    expect(r.code, r.stderr).toBe(0);
    return { local, d };
  };

  beforeAll(async () => {
    containerName = uniqueContainerName(`sync-${kind}`);
    container =
      BlobServiceClient.fromConnectionString(connectionString()).getContainerClient(containerName);
    await container.create();
    url = (p = '') => `${endpoint()}/${containerName}${p ? `/${p}` : ''}`;
    dataDir = tempDir('data');
  });

  describe('upload', () => {
    it("mirrors the folder's contents into the directory, then a second sync copies nothing", async () => {
      const local = seedFolder();
      const d = fresh();
      const first = await cli(['sync', local, url(d)]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(
        /^3 copied \(5,242,894 bytes\), 0 up to date, 0 deleted, 0 failed/m,
      );
      expect(await names(container, d)).toEqual(seeded);
      expect(await text(container, `${d}/sub/b.txt`)).toBe('bee');
      const second = await cli(['sync', local, url(d)]);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toMatch(/^0 copied \(0 bytes\), 3 up to date, 0 deleted, 0 failed/m);
    });

    it('copies only the file that changed size, or was touched', async () => {
      const { local, d } = await uploaded();
      writeFileSync(path.join(local, 'sub', 'b.txt'), 'bumblebee');
      const changed = await cli(['sync', local, url(d), '--json']);
      expect(changed.code, changed.stderr).toBe(0);
      const result = JSON.parse(changed.stdout);
      expect(result).toMatchObject({ copied: 1, deleted: 0, skipped: 2, bytes: 9, failed: 0 });
      expect(result.copies).toEqual([{ path: 'sub/b.txt', reason: 'size' }]);
      expect(await text(container, `${d}/sub/b.txt`)).toBe('bumblebee');

      const future = new Date(Date.now() + 120_000);
      writeFileSync(path.join(local, 'a.csv'), 'x,y\n3,4\n'); // same size
      utimesSync(path.join(local, 'a.csv'), future, future);
      const touched = await cli(['sync', local, url(d)]);
      expect(touched.code, touched.stderr).toBe(0);
      expect(touched.stdout).toMatch(/^1 copied \(8 bytes\), 2 up to date/m);
      expect(await text(container, `${d}/a.csv`)).toBe('x,y\n3,4\n');
    });

    it('--delete-destination true lists, then deletes exactly the destination-only blobs', async () => {
      const { local, d } = await uploaded();
      await container.getBlockBlobClient(`${d}/extra.txt`).upload('x', 1);
      await container.getBlockBlobClient(`${d}/sub/deep/old.bin`).upload('yy', 2);

      const kept = await cli(['sync', local, url(d)]);
      expect(kept.code, kept.stderr).toBe(0);
      expect(kept.stdout).not.toMatch(/would delete/);
      expect(kept.stdout).toMatch(
        /2 files only at the destination kept \(--delete-destination true/,
      );
      expect(await names(container, d)).toHaveLength(5);

      const r = await cli(['sync', local, url(d), '--delete-destination', 'true']);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines.slice(0, 2)).toEqual([
        `would delete ${containerName}/${d}/extra.txt`,
        `would delete ${containerName}/${d}/sub/deep/old.bin`,
      ]);
      expect(lines[2]).toMatch(/^0 copied \(0 bytes\), 3 up to date, 2 deleted, 0 failed/);
      expect(await names(container, d)).toEqual(seeded);
    });

    it('--delete-destination prompt asks once on a terminal and is refused elsewhere', async () => {
      const { local, d } = await uploaded();
      await container.getBlockBlobClient(`${d}/extra.txt`).upload('x', 1);
      const refused = await cli(['sync', local, url(d), '--delete-destination', 'prompt']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/prompt needs a terminal.*pass true or false/);
      const no = await cli(['sync', local, url(d), '--delete-destination', 'prompt'], 'n');
      expect(no.code, no.stderr).toBe(0);
      expect(no.asked).toHaveLength(1);
      expect(await names(container, d)).toContain('extra.txt');
      const yes = await cli(['sync', local, url(d), '--delete-destination', 'prompt'], 'y');
      expect(yes.code, yes.stderr).toBe(0);
      expect(yes.stdout).toMatch(/^would delete .*extra\.txt$/m);
      expect(await names(container, d)).toEqual(seeded);
    });

    it('--dry-run prints what would be copied and deleted and changes nothing', async () => {
      const { local, d } = await uploaded();
      await container.getBlockBlobClient(`${d}/extra.txt`).upload('x', 1);
      writeFileSync(path.join(local, 'new.csv'), 'n');
      writeFileSync(path.join(local, 'a.csv'), 'changed size');
      const before = await snapshot(container, d);
      const r = await cli(['sync', local, url(d), '--dry-run', '--delete-destination', 'true']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`would copy a.csv (size) → ${containerName}/${d}/a.csv`);
      expect(r.stdout).toContain(`would copy new.csv (missing) → ${containerName}/${d}/new.csv`);
      expect(r.stdout).toContain(`would delete ${containerName}/${d}/extra.txt`);
      expect(r.stdout).toMatch(/Dry run: would copy 2 files \(13 bytes\) and delete 1 file/);
      expect(await snapshot(container, d)).toEqual(before);
    });

    it('--include-pattern restricts copies and deletions', async () => {
      const local = seedFolder();
      const d = fresh();
      await container.getBlockBlobClient(`${d}/old.txt`).upload('x', 1);
      await container.getBlockBlobClient(`${d}/old.csv`).upload('x', 1);
      const r = await cli([
        'sync',
        local,
        url(d),
        '--include-pattern',
        '*.csv',
        '--delete-destination',
        'true',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(await names(container, d)).toEqual(['a.csv', 'old.txt']);
    });

    it('--compare-hash md5 finds a same-size, same-time change that times miss', async () => {
      const { local, d } = await uploaded();
      const file = path.join(local, 'sub', 'b.txt');
      const { mtime } = statSync(file);
      writeFileSync(file, 'BEE');
      utimesSync(file, mtime, mtime);
      const byTime = await cli(['sync', local, url(d)]);
      expect(byTime.stdout).toMatch(/^0 copied/m);
      const byHash = await cli(['sync', local, url(d), '--compare-hash', 'md5']);
      expect(byHash.code, byHash.stderr).toBe(0);
      expect(byHash.stdout).toMatch(/^1 copied \(3 bytes\), 2 up to date/m);
      expect(await text(container, `${d}/sub/b.txt`)).toBe('BEE');
      const again = await cli(['sync', local, url(d), '--compare-hash', 'md5']);
      expect(again.stdout).toMatch(/^0 copied/m);
    });
  });

  describe('download', () => {
    it("mirrors the directory's contents into the folder; deletes local extras when asked", async () => {
      const { d } = await uploaded();
      const out = tempDir('out');
      writeFileSync(path.join(out, 'stale.txt'), 'old');
      const r = await cli(['sync', url(d), out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^3 copied \(5,242,894 bytes\)/m);
      expect(localFiles(out)).toEqual([...seeded, 'stale.txt'].sort());
      expect(readFileSync(path.join(out, 'sub', 'b.txt'), 'utf8')).toBe('bee');
      const again = await cli(['sync', url(d), out, '--delete-destination', 'true']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain(`would delete ${path.join(out, 'stale.txt')}`);
      expect(again.stdout).toMatch(/^0 copied \(0 bytes\), 3 up to date, 1 deleted/m);
      expect(localFiles(out)).toEqual(seeded);
    });

    it('--compare-hash md5 replaces a local file whose bytes changed', async () => {
      const { d } = await uploaded();
      const out = tempDir('out');
      expect((await cli(['sync', url(d), out])).code).toBe(0);
      const file = path.join(out, 'a.csv');
      const { mtime } = statSync(file);
      writeFileSync(file, 'A,B\n1,2\n');
      utimesSync(file, mtime, mtime);
      expect((await cli(['sync', url(d), out])).stdout).toMatch(/^0 copied/m);
      const r = await cli(['sync', url(d), out, '--compare-hash', 'md5']);
      expect(r.stdout).toMatch(/^1 copied \(8 bytes\)/m);
      expect(readFileSync(file, 'utf8')).toBe('a,b\n1,2\n');
    });
  });

  describe('blob to blob', () => {
    it('copies server-side into the other directory, then nothing; deletes extras', async () => {
      const { d } = await uploaded();
      const to = fresh();
      await container.getBlockBlobClient(`${to}/extra.txt`).upload('x', 1);
      const r = await cli(['sync', url(d), url(to)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^3 copied \(5,242,894 bytes\)/m);
      expect(await names(container, to)).toEqual([...seeded, 'extra.txt'].sort());
      expect(await text(container, `${to}/sub/b.txt`)).toBe('bee');
      const again = await cli(['sync', url(d), url(to), '--delete-destination', 'true']);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/^0 copied \(0 bytes\), 3 up to date, 1 deleted/m);
      expect(await names(container, to)).toEqual(seeded);
      const hashed = await cli(['sync', url(d), url(to), '--compare-hash', 'md5']);
      expect(hashed.stdout).toMatch(/^0 copied/m);
    });
  });

  describe('errors', () => {
    it('a missing source exits 1 with NotFound naming it', async () => {
      const r = await cli(['sync', url('no-such-dir'), tempDir('out')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/NotFound: .*no-such-dir/);
      const local = await cli(['sync', path.join(tempDir('x'), 'missing'), url(fresh())]);
      expect(local.code).toBe(1);
      expect(local.stderr).toMatch(/NotFound: No such local folder: .*missing/);
    });

    it('a file source is a usage error pointing at cp', async () => {
      const { local, d } = await uploaded();
      const remote = await cli(['sync', url(`${d}/a.csv`), tempDir('out')]);
      expect(remote.code).toBe(2);
      expect(remote.stderr).toMatch(/sync takes folders; use cp for one file/);
      const file = await cli(['sync', path.join(local, 'a.csv'), url(fresh())]);
      expect(file.code).toBe(2);
      expect(file.stderr).toMatch(/sync takes folders; use cp for one file/);
    });

    it('a failed copy exits 1 naming it and deletes nothing', async () => {
      const { d } = await uploaded();
      const out = tempDir('out');
      // A folder where the blob a.csv must land: that download fails.
      mkdirSync(path.join(out, 'a.csv'));
      writeFileSync(path.join(out, 'a.csv', 'inner.txt'), 'keep me');
      const r = await cli(['sync', url(d), out, '--delete-destination', 'true']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`would delete ${path.join(out, 'a.csv', 'inner.txt')}`);
      expect(r.stderr).toMatch(
        /1 file failed to copy; the first, .*a\.csv: .*Nothing was deleted\./,
      );
      expect(readFileSync(path.join(out, 'a.csv', 'inner.txt'), 'utf8')).toBe('keep me');
      expect(localFiles(out)).toEqual(['a.csv/inner.txt', 'sub/b.txt', 'sub/deep/c.bin']);
    });
  });
});
