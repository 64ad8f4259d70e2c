// `lakeshore cp` killed with SIGKILL mid-copy and run again: the built CLI in a child process,
// through a proxy that slows the first run down and records what each run sends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { partSuffix } from '../transfers/downloadFile.js';
import { startFaultProxy, type FaultProxy } from '../transfers/faultProxy.js';
import type { JobRecord } from '../transfers/jobRecord.js';
import { bytes, freshContainer, md5, tempDir } from '../transfers/transferFixture.js';

const MiB = 1024 * 1024;
const root = path.resolve(import.meta.dirname, '../..');
const data = bytes(72 * MiB);

let proxy: FaultProxy;
let dataDir: string;
/** Requests the proxy forwarded: method and URL, and `x-ms-range` when present. */
let seen: Array<{ method: string; url: URL; range?: string }> = [];

beforeAll(async () => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--main-only'], { cwd: root });
  expect(built.status, built.stderr.toString()).toBe(0);
  proxy = await startFaultProxy(new URL(inject('azuriteBlobEndpoint')).origin, (_n, req) => {
    const range = req.headers['x-ms-range'];
    seen.push({
      method: req.method ?? '',
      url: new URL(req.url ?? '/', 'http://proxy'),
      ...(typeof range === 'string' ? { range } : {}),
    });
    return 'pass';
  });
  dataDir = await tempDir('cp-data');
});

afterAll(() => proxy.close());

/** The blob endpoint through the proxy. */
const endpoint = () => `${proxy.url}${new URL(inject('azuriteBlobEndpoint')).pathname}`;

/** `node bin/lakeshore.mjs cp …` against the proxy, with the test's data folder. */
const cp = (args: string[]): ChildProcess => lakeshore(['cp', ...args]);

/** `node bin/lakeshore.mjs …` against the proxy, with the test's data folder. */
const lakeshore = (args: string[]): ChildProcess =>
  spawn(process.execPath, [path.join(root, 'bin/lakeshore.mjs'), ...args], {
    env: {
      ...process.env,
      LAKESHORE_DATA_DIR: dataDir,
      AZURE_STORAGE_CONNECTION_STRING: inject('azuriteConnectionString').replace(
        /BlobEndpoint=[^;]+/,
        `BlobEndpoint=${endpoint()}`,
      ),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const exited = (child: ChildProcess): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });

/** The one job in the CLI's journal, once it has been written. */
async function journaled(): Promise<JobRecord | undefined> {
  const base = path.join(dataDir, 'cli-transfers');
  for (const dir of await readdir(base).catch(() => [] as string[])) {
    const journal = path.join(base, dir, 'journal');
    for (const name of await readdir(journal).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue;
      try {
        return JSON.parse(await readFile(path.join(journal, name), 'utf8')) as JobRecord;
      } catch {
        // Caught between the journal's write and its rename: read it again on the next poll.
      }
    }
  }
  return undefined;
}

/** Kills `child` with SIGKILL as soon as `ready` (polled every 10 ms, for up to 30 s) holds. */
async function killed(child: ChildProcess, ready: () => Promise<boolean>): Promise<void> {
  const done = exited(child);
  const start = Date.now();
  while (!(await ready())) {
    if (Date.now() - start > 30_000) throw new Error('The copy never got far enough to kill it.');
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  expect((await done).code).toBeNull();
}

describe('lakeshore cp after SIGKILL', () => {
  it('an upload run again stages only the blocks the service does not hold', async () => {
    const container = await freshContainer('cp-kill-up');
    const dir = await tempDir('cp-kill-up');
    const file = path.join(dir, 'big.bin');
    await writeFile(file, data);
    const url = `${endpoint()}/${container.containerName}/in/`;
    const args = [file, url, '--block-size', '1', '--concurrency', '2'];
    const blob = container.getBlockBlobClient('in/big.bin');

    proxy.delayMs = 20;
    await killed(cp(args), async () => {
      const record = await journaled();
      const active = record?.active[0];
      if (active?.kind !== 'upload' || active.blockSize !== MiB) return false;
      const list = await blob.getBlockList('uncommitted').catch(() => undefined);
      return (list?.uncommittedBlocks?.length ?? 0) >= 8;
    });
    await new Promise((r) => setTimeout(r, 300));
    const staged = (await blob.getBlockList('uncommitted')).uncommittedBlocks ?? [];
    expect(staged.length).toBeGreaterThanOrEqual(8);
    expect(staged.length).toBeLessThan(72);

    proxy.delayMs = 0;
    seen = [];
    const again = await exited(cp(args));
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/^Resuming job [0-9a-f]{16} started \S+/m);
    expect(again.output).toMatch(/bytes sent before\)/);
    const restaged = seen
      .filter((r) => r.method === 'PUT' && r.url.searchParams.get('comp') === 'block')
      .map((r) => r.url.searchParams.get('blockid'));
    expect(new Set(restaged).size).toBe(72 - staged.length);
    expect(restaged.filter((id) => staged.some((b) => b.name === id))).toEqual([]);
    const props = await blob.getProperties();
    expect(props.contentLength).toBe(data.length);
    expect(Buffer.from(props.contentMD5 ?? []).toString('base64')).toBe(md5(data));
    expect(md5(await blob.downloadToBuffer())).toBe(md5(data));
    expect(await readdir(path.join(dataDir, 'cli-transfers'))).toEqual([]);
  });

  it('a download run again continues its part file', async () => {
    const container = await freshContainer('cp-kill-down');
    await container.getBlockBlobClient('big.bin').uploadData(data, { blockSize: 8 * MiB });
    await container
      .getBlockBlobClient('big.bin')
      .setHTTPHeaders({ blobContentMD5: Buffer.from(md5(data), 'base64') });
    const dir = await tempDir('cp-kill-down');
    const target = path.join(dir, 'big.bin');
    const args = [
      `${endpoint()}/${container.containerName}/big.bin`,
      dir,
      '--block-size',
      '1',
      '--concurrency',
      '2',
    ];

    proxy.delayMs = 20;
    await killed(cp(args), async () => {
      const active = (await journaled())?.active[0];
      return active?.kind === 'download' && active.verifiedBytes >= 8 * MiB;
    });
    const record = await journaled();
    const active = record?.active[0];
    const verified = active?.kind === 'download' ? active.verifiedBytes : 0;
    expect(verified).toBeGreaterThanOrEqual(8 * MiB);
    expect(verified).toBeLessThan(data.length);
    expect((await stat(`${target}${partSuffix}`)).size).toBeGreaterThanOrEqual(verified);

    proxy.delayMs = 0;
    seen = [];
    const again = await exited(cp(args));
    expect(again.code, again.output).toBe(0);
    const starts = seen
      .filter((r) => r.method === 'GET' && r.range)
      .map((r) => Number(/bytes=(\d+)-/.exec(r.range ?? '')?.[1]));
    // Each missing range once (a range retried after a dropped connection is the same range),
    // none before the journal's verified prefix.
    expect(new Set(starts).size).toBe(Math.ceil((data.length - verified) / MiB));
    expect(Math.min(...starts)).toBe(verified);
    expect(md5(await readFile(target))).toBe(md5(data));
    await expect(stat(`${target}${partSuffix}`)).rejects.toThrow();
  });
});

describe('lakeshore cp interrupted with Ctrl-C', () => {
  it('keeps the job and says how to resume; a run with other options is refused; jobs resume finishes it counting only new bytes', async () => {
    const container = await freshContainer('cp-sigint');
    const dir = await tempDir('cp-sigint');
    const file = path.join(dir, 'big.bin');
    await writeFile(file, data);
    const args = [
      file,
      `${endpoint()}/${container.containerName}/in/`,
      '--block-size',
      '1',
      '--concurrency',
      '2',
    ];
    const blob = container.getBlockBlobClient('in/big.bin');

    proxy.delayMs = 20;
    const child = cp(args);
    const done = exited(child);
    const start = Date.now();
    for (;;) {
      const list = await blob.getBlockList('uncommitted').catch(() => undefined);
      if ((list?.uncommittedBlocks?.length ?? 0) >= 8) break;
      if (Date.now() - start > 30_000) throw new Error('The copy never got far enough.');
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGINT');
    const first = await done;
    expect(first.code, first.output).toBe(130);
    const id = /Interrupted; job ([0-9a-f]{16}) is kept \([\d,]+ bytes sent\)/.exec(
      first.output,
    )?.[1];
    expect(id, first.output).toBeDefined();
    expect(first.output).toContain(`lakeshore jobs resume ${id}`);
    expect(await blob.exists()).toBe(false);

    const listed = await exited(lakeshore(['jobs', 'list']));
    expect(listed.code).toBe(0);
    expect(listed.output).toMatch(
      new RegExp(`^${id}  \\S+  unfinished  [\\d,]+ of 75,497,472 bytes  ${file} → `, 'm'),
    );

    const other = await exited(cp([...args.slice(0, 2), '--block-size', '2']));
    expect(other.code).toBe(2);
    expect(other.output).toContain(`An unfinished copy of these paths (job ${id}`);
    expect(other.output).toContain('--block-size 1 → 2');

    proxy.delayMs = 0;
    const resumed = await exited(lakeshore(['jobs', 'resume', id!]));
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toMatch(new RegExp(`^Resuming job ${id} started `, 'm'));
    const summary = /Copied 1 file \(([\d,]+) bytes \(([\d,]+) bytes sent before\)\)/.exec(
      resumed.output,
    );
    expect(summary, resumed.output).not.toBeNull();
    const now = Number(summary![1]!.replace(/,/g, ''));
    const before = Number(summary![2]!.replace(/,/g, ''));
    expect(before).toBeGreaterThan(0);
    expect(now + before).toBe(data.length);
    expect(md5(await blob.downloadToBuffer())).toBe(md5(data));
    expect((await exited(lakeshore(['jobs', 'list']))).output).toBe('No unfinished copies.\n');
  });
});

describe('lakeshore cp whose reader closes the pipe', () => {
  it('drops the output but finishes the copy: the blob lands, the journal goes, no EPIPE crash', async () => {
    const container = await freshContainer('cp-epipe');
    const dir = await tempDir('cp-epipe');
    const file = path.join(dir, 'small.bin');
    await writeFile(file, data.subarray(0, 1000));
    const child = cp([file, `${endpoint()}/${container.containerName}/in/`, '--json']);
    child.stdout?.destroy();
    const run = await exited(child);
    expect(run).toEqual({ code: 0, output: '' });
    expect(md5(await container.getBlockBlobClient('in/small.bin').downloadToBuffer())).toBe(
      md5(data.subarray(0, 1000)),
    );
    const journals = await readdir(path.join(dataDir, 'cli-transfers')).catch(() => []);
    for (const journal of journals) {
      expect(await readdir(path.join(dataDir, 'cli-transfers', journal))).toEqual([]);
    }
  });
});
