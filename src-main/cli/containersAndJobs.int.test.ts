// `lakeshore mb`, `rb`, `jobs show|clean` and cp's terminal output, against the run's Azurite.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { cliJobId, writeJobInfo } from './cliJobs.js';
import { runCliCollecting } from '../../test/support/cliRun.js';
import type { CliIo } from './output.js';

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-jobs-'));
});

const cli = (argv: string[], extra: Partial<CliIo> = {}) =>
  runCliCollecting(argv, { LAKESHORE_DATA_DIR: dataDir }, extra);
const url = (container: string, p = '') =>
  `${inject('azuriteBlobEndpoint')}/${container}${p ? `/${p}` : ''}`;

describe('lakeshore mb and rb', () => {
  it('makes a container, and removes it only when confirmed', async () => {
    const name = uniqueContainerName('mb');
    expect(await cli(['mb', url(name)])).toMatchObject({
      code: 0,
      stdout: `Created container ${name}\n`,
    });
    const container = testBlobService().getContainerClient(name);
    await container.getBlockBlobClient('a/b.csv').upload('abc', 3);
    expect((await cli(['mb', url(name)])).stderr).toMatch(/^lakeshore: AlreadyExists/);

    const dry = await cli(['rb', url(name), '--dry-run']);
    expect(dry.stdout).toBe(
      `Dry run: would delete container ${name} with 1 file (3 bytes); nothing was changed.\n`,
    );
    const unasked = await cli(['rb', url(name)]);
    expect([unasked.code, unasked.stderr]).toEqual([2, expect.stringMatching(/pass --force/)]);
    const wrongName = await cli(['rb', url(name)], { ask: async () => 'other' });
    expect([wrongName.code, wrongName.stderr]).toEqual([
      1,
      expect.stringMatching(/Cancelled: Not deleted/),
    ]);
    expect(await container.exists()).toBe(true);

    const asked: string[] = [];
    const typed = await cli(['rb', url(name)], {
      ask: async (q) => {
        asked.push(q);
        return name;
      },
    });
    expect(typed).toMatchObject({ code: 0, stdout: `Deleted container ${name}\n` });
    expect(asked).toEqual([
      `Delete container ${name} and everything in it? Type its name to confirm: `,
    ]);
    expect(await container.exists()).toBe(false);
  });

  it('refuses a URL with a path below the container', async () => {
    const r = await cli(['rb', url('some-container', 'dir'), '--force']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/is not a container URL/)]);
  });
});

describe('lakeshore jobs', () => {
  it('shows and cleans a kept job; cp names other kept jobs', async () => {
    const id = cliJobId(['/tmp/nowhere'], 'https://acct.blob.core.windows.net/cont/x');
    await writeJobInfo(dataDir, {
      version: 1,
      id,
      sources: ['/tmp/nowhere'],
      destination: 'https://acct.blob.core.windows.net/cont/x',
      options: { overwrite: 'prompt', recursive: false },
      startedAt: '2026-12-01T10:00:00.000Z',
    });
    const show = await cli(['jobs', 'show', id]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(new RegExp(`^${id}  2026-12-01T10:00:00.000Z  unfinished`));

    const name = uniqueContainerName('jobs');
    await testBlobService().getContainerClient(name).create();
    const local = mkdtempSync(path.join(os.tmpdir(), 'lake-jobs-src-'));
    writeFileSync(path.join(local, 'a.csv'), 'a');
    const cp = await cli(['cp', path.join(local, 'a.csv'), url(name, 'in/')]);
    expect(cp.code, cp.stderr).toBe(0);
    expect(cp.stderr).toContain(
      'Note: 1 other unfinished copy is kept; `lakeshore jobs list` shows them.',
    );

    expect((await cli(['jobs', 'clean'])).code).toBe(2);
    expect((await cli(['jobs', 'clean', 'feedfeedfeedfeed'])).stderr).toMatch(
      /NotFound: No job feedfeedfeedfeed/,
    );
    expect(await cli(['jobs', 'clean', id])).toMatchObject({
      code: 0,
      stdout: `Removed job ${id}\n`,
    });
    expect((await cli(['jobs', 'list'])).stdout).toBe('No unfinished copies.\n');
  });
});

describe('lakeshore cp on a terminal, and symbolic links', () => {
  it('draws progress on stderr and clears the line before the summary; skips links unless --follow-symlinks', async () => {
    const name = uniqueContainerName('tty');
    await testBlobService().getContainerClient(name).create();
    const local = mkdtempSync(path.join(os.tmpdir(), 'lake-tty-'));
    mkdirSync(path.join(local, 'tree'));
    writeFileSync(path.join(local, 'tree', 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 1));
    symlinkSync(path.join(local, 'tree', 'big.bin'), path.join(local, 'tree', 'link.bin'));
    const r = await cli(['cp', path.join(local, 'tree'), url(name), '-r', '--block-size', '1'], {
      stderrIsTTY: true,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^\r[\d.]+ of [\d.]+ MiB/);
    expect(r.stderr).toContain(
      `\r\x1b[KSkipped ${path.join(local, 'tree', 'link.bin')}: symbolic link, not followed\n`,
    );
    expect(r.stdout).toMatch(/^Copied 1 file \(3,145,728 bytes\)/);
    const followed = await cli([
      'cp',
      path.join(local, 'tree'),
      url(name, 'again/'),
      '-r',
      '--follow-symlinks',
    ]);
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout).toMatch(/^Copied 2 files \(6,291,456 bytes\)/);
    const wrongWay = await cli(['cp', url(name, 'tree/big.bin'), local, '--follow-symlinks']);
    expect([wrongWay.code, wrongWay.stderr]).toEqual([
      2,
      expect.stringMatching(/applies to uploads/),
    ]);
  });
});
