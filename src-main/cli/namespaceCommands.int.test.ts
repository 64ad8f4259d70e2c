import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueContainerName } from '../../test/support/azurite.js';
import { runCliCollecting } from '../../test/support/cliRun.js';
import { runCli } from './runCli.js';

const accountKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const cli = (argv: string[], connectionString: string) =>
  runCliCollecting(argv, { AZURE_STORAGE_CONNECTION_STRING: connectionString });

const names = async (container: ContainerClient): Promise<string[]> => {
  const out: string[] = [];
  for await (const b of container.listBlobsFlat()) out.push(b.name);
  return out.sort();
};

describe.each([
  ['flat', () => inject('azuriteConnectionString'), () => inject('azuriteBlobEndpoint')],
  ['hns', () => inject('hnsConnectionString'), () => inject('hnsBlobEndpoint')],
] as const)('lakeshore mkdir, mv, rm, stat on a %s account', (kind, connectionString, endpoint) => {
  let container: ContainerClient;
  let url: string;
  beforeAll(async () => {
    const name = uniqueContainerName(`cli-ns-${kind}`);
    container = BlobServiceClient.fromConnectionString(connectionString()).getContainerClient(name);
    await container.create();
    url = `${endpoint()}/${name}`;
    await container.getBlockBlobClient('in/a.csv').upload('a,b\n', 4);
    await container.getBlockBlobClient('in/sub/b.csv').upload('bb', 2);
  });

  it('makes a folder, moves a tree, counts it, and deletes it only with --recursive', async () => {
    expect((await cli(['mkdir', `${url}/made`], connectionString())).code).toBe(0);
    expect((await cli(['mkdir', `${url}/made`], connectionString())).stderr).toMatch(
      /AlreadyExists/,
    );

    const mv = await cli(['mv', `${url}/in`, `${url}/made/out`], connectionString());
    expect(mv.code).toBe(0);
    expect((await names(container)).filter((n) => n.endsWith('.csv'))).toEqual([
      'made/out/a.csv',
      'made/out/sub/b.csv',
    ]);

    const stat = await cli(['stat', `${url}/made/out`, '--json'], connectionString());
    expect(stat.code).toBe(0);
    expect(JSON.parse(stat.stdout)).toMatchObject({
      kind: 'directory',
      stats: { files: 2, directories: 1, bytes: 6 },
    });

    const refused = await cli(['rm', `${url}/made`], connectionString());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--recursive/);
    expect((await cli(['rm', `${url}/made`, '--recursive'], connectionString())).code).toBe(0);
    expect(await names(container)).toEqual([]);
  });

  it('refuses a move between containers with a usage-level message', async () => {
    const r = await cli(['mv', `${url}/x`, `${endpoint()}/other/x`], connectionString());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/InvalidInput: mv moves within one container/);
  });
});

describe('progress of the namespace commands', () => {
  it('draws a count on a terminal and ends the line; prints none elsewhere', async () => {
    const cs = inject('azuriteConnectionString');
    const name = uniqueContainerName('cli-tty');
    const container = BlobServiceClient.fromConnectionString(cs).getContainerClient(name);
    await container.create();
    const url = `${inject('azuriteBlobEndpoint')}/${name}`;
    const run = async (tty: boolean) => {
      for (let i = 0; i < 3; i += 1)
        await container.getBlockBlobClient(`d/${i}.txt`).upload('x', 1);
      let stderr = '';
      const code = await runCli(['rm', `${url}/d`, '--recursive'], {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        env: { AZURE_STORAGE_CONNECTION_STRING: cs },
        stderrIsTTY: tty,
      });
      return { code, stderr };
    };
    const terminal = await run(true);
    expect(terminal.code).toBe(0);
    expect(terminal.stderr).toMatch(/^\rDeleting: 0[^\n]*\n$/);
    expect(await run(false)).toEqual({ code: 0, stderr: '' });
  });
});

describe('lakeshore cp between two blob URLs', () => {
  it('copies a folder from a flat account into an HNS account server-side, never over a blob', async () => {
    const flatCs = inject('azuriteConnectionString');
    const hnsCs = inject('hnsConnectionString');
    const from = BlobServiceClient.fromConnectionString(flatCs).getContainerClient(
      uniqueContainerName('cli-cp-from'),
    );
    const to = BlobServiceClient.fromConnectionString(hnsCs).getContainerClient(
      uniqueContainerName('cli-cp-to'),
    );
    await from.create();
    await to.create();
    await from.getBlockBlobClient('set/a.csv').upload('a,1\n', 4);
    await from.getBlockBlobClient('set/deep/b.csv').upload('b,22\n', 5);
    const source = `${inject('azuriteBlobEndpoint')}/${from.containerName}/set`;
    const target = `${inject('hnsBlobEndpoint')}/${to.containerName}/landing`;
    const run = (...extra: string[]) =>
      runCli(['cp', source, target, ...extra], {
        stdout: () => undefined,
        stderr: () => undefined,
        env: { AZURE_STORAGE_KEY: accountKey },
      });
    expect(await run()).toBe(1);
    expect(await run('--recursive')).toBe(0);
    expect(await names(to)).toEqual(['landing/set/a.csv', 'landing/set/deep/b.csv']);
    expect((await to.getBlobClient('landing/set/deep/b.csv').downloadToBuffer()).toString()).toBe(
      'b,22\n',
    );
    // Again: existing blobs are skipped (the default policy), never replaced.
    await to.getBlockBlobClient('landing/set/a.csv').upload('mine', 4);
    expect(await run('--recursive')).toBe(0);
    expect((await to.getBlobClient('landing/set/a.csv').downloadToBuffer()).toString()).toBe(
      'mine',
    );
  });
});

describe('lakeshore acl', () => {
  it('sets an entry on a tree by merging and reads it back (HNS)', async () => {
    const cs = inject('hnsConnectionString');
    const name = uniqueContainerName('cli-acl');
    const container = BlobServiceClient.fromConnectionString(cs).getContainerClient(name);
    await container.create();
    await container.getBlockBlobClient('t/x.csv').upload('x', 1);
    const url = `${inject('hnsBlobEndpoint')}/${name}`;
    const dry = await cli(
      ['acl', 'set', `${url}/t`, 'user:bob:r-x', '--recursive', '--dry-run'],
      cs,
    );
    expect(dry.stdout).toMatch(/^1 folders and 1 files; 2 would change; 0 failed/);
    expect((await cli(['acl', 'set', `${url}/t`, 'user:bob:r-x', '--recursive'], cs)).code).toBe(0);
    const get = await cli(['acl', 'get', `${url}/t/x.csv`], cs);
    expect(get.stdout).toContain('user:bob:r-x');
    const bad = await cli(['acl', 'set', `${url}/t`, 'user:bob:rwz'], cs);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/InvalidInput: ACL entry "user:bob:rwz"/);
  });

  it('tells a flat account has no ACLs', async () => {
    const r = await cli(
      ['acl', 'get', `${inject('azuriteBlobEndpoint')}/samples/x`],
      inject('azuriteConnectionString'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no hierarchical namespace/);
  });
});
