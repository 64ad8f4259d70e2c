import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { runCli } from './runCli.js';

let containerName: string;
let local: string;
const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);

beforeAll(async () => {
  containerName = uniqueContainerName('cp');
  await testBlobService().getContainerClient(containerName).create();
  local = mkdtempSync(path.join(os.tmpdir(), 'lake-cp-'));
  mkdirSync(path.join(local, 'data', 'sub'), { recursive: true });
  writeFileSync(path.join(local, 'data', 'a.csv'), 'a,b\n1,2\n');
  writeFileSync(path.join(local, 'data', 'sub', 'big.bin'), big);
});

const cli = async (argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { AZURE_STORAGE_CONNECTION_STRING: inject('azuriteConnectionString') },
  });
  return { code, stdout, stderr };
};

describe('lakeshore cp', () => {
  it('uploads a folder recursively (1 MiB blocks) and downloads it back byte for byte', async () => {
    const url = `${inject('azuriteBlobEndpoint')}/${containerName}/in`;
    const up = await cli(['cp', path.join(local, 'data'), url, '--recursive', '--block-size', '1']);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(
      /^Copied 2 files \(3,145,753 bytes\) in [\d.]+ s, [\d.]+ MiB\/s; 0 skipped, 0 failed$/m,
    );
    const blocks = await testBlobService()
      .getContainerClient(containerName)
      .getBlockBlobClient('in/data/sub/big.bin')
      .getBlockList('committed');
    expect(blocks.committedBlocks).toHaveLength(4);

    const out = mkdtempSync(path.join(os.tmpdir(), 'lake-cp-out-'));
    const down = await cli(['cp', `${url}/data`, out, '--recursive']);
    expect(down.code).toBe(0);
    expect(readFileSync(path.join(out, 'data', 'a.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(readFileSync(path.join(out, 'data', 'sub', 'big.bin')).equals(big)).toBe(true);
  });

  it('refuses an invalid container name in one line that names the field', async () => {
    const run = await cli([
      'cp',
      path.join(local, 'data', 'a.csv'),
      `${inject('azuriteBlobEndpoint')}/c/x`,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'lakeshore: InvalidInput: container: Container names are 3–63 lowercase letters, digits and single hyphens\n',
    );
  });

  it('names the file that failed', async () => {
    const run = await cli([
      'cp',
      path.join(local, 'data', 'a.csv'),
      `${inject('azuriteBlobEndpoint')}/${uniqueContainerName('nowhere')}/x`,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^lakeshore: NotFound: \S*a\.csv: .*ContainerNotFound: HTTP 404/m);
  });

  it('skips existing targets by default (ask, with nobody to ask), up and down, and says so', async () => {
    const url = `${inject('azuriteBlobEndpoint')}/${containerName}/asked`;
    const file = path.join(local, 'data', 'a.csv');
    expect((await cli(['cp', file, url])).code).toBe(0);
    const blob = testBlobService().getContainerClient(containerName).getBlobClient('asked/a.csv');
    const etag = (await blob.getProperties()).etag;
    const again = await cli(['cp', file, url]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(/^Copied 0 files \(0 bytes\) .*; 1 skipped, 0 failed$/m);
    expect((await blob.getProperties()).etag).toBe(etag);

    const out = mkdtempSync(path.join(os.tmpdir(), 'lake-cp-ask-'));
    writeFileSync(path.join(out, 'a.csv'), 'kept');
    const down = await cli(['cp', `${url}/a.csv`, out]);
    expect(down).toMatchObject({ code: 0, stderr: '' });
    expect(down.stdout).toMatch(/; 1 skipped, 0 failed$/m);
    expect(readFileSync(path.join(out, 'a.csv'), 'utf8')).toBe('kept');
  });

  it('counts no bytes for the files of a folder it skipped', async () => {
    const url = `${inject('azuriteBlobEndpoint')}/${containerName}/twice`;
    const folder = path.join(local, 'data');
    expect((await cli(['cp', folder, url, '--recursive'])).code).toBe(0);
    const again = await cli(['cp', folder, url, '--recursive', '--overwrite', 'false']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Copied 0 files \(0 bytes\) .*; 2 skipped, 0 failed$/m);
  });

  it('skips existing blobs with --overwrite false and says so', async () => {
    const url = `${inject('azuriteBlobEndpoint')}/${containerName}/once`;
    expect((await cli(['cp', path.join(local, 'data', 'a.csv'), url])).code).toBe(0);
    const again = await cli(['cp', path.join(local, 'data', 'a.csv'), url, '--overwrite', 'false']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Copied 0 files \(0 bytes\) .*; 1 skipped, 0 failed$/m);
  });

  it.each([
    [['cp', 'a'], /needs a source and a destination/],
    [['cp', 'a', 'b'], /One side of cp must be a blob URL/],
    [
      ['cp', 'a', 'https://acct.blob.core.windows.net/c', '--overwrite', 'maybe'],
      /--overwrite must be/,
    ],
    [['cp', 'a', 'https://acct.blob.core.windows.net/c', '--concurrency', '0'], /--concurrency/],
  ])('exits 2 for %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 1 when a folder is given without --recursive, or the source is missing', async () => {
    const url = `${inject('azuriteBlobEndpoint')}/${containerName}/x`;
    expect((await cli(['cp', path.join(local, 'data'), url])).stderr).toMatch(
      /InvalidInput: .*add --recursive/,
    );
    expect((await cli(['cp', path.join(local, 'nope.txt'), url])).stderr).toMatch(
      /NotFound: No such local file/,
    );
  });
});
