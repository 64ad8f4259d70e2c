import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { runCli } from './runCli.js';

const accountKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
let containerName: string;

beforeAll(async () => {
  containerName = uniqueContainerName('cli');
  const container = testBlobService().getContainerClient(containerName);
  await container.create();
  for (const [name, body] of [
    ['top.csv', 'a,b\n1,2\n'],
    ['raw/one.json', '{}'],
    ['raw/deep/two.txt', 'two'],
  ] as const) {
    await container.getBlockBlobClient(name).upload(body, body.length);
  }
});

const cli = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
  });
  return { code, stdout, stderr };
};

describe('lakeshore ls', () => {
  it('reaches an emulator URL without credentials, with the published development key', async () => {
    const r = await cli(['ls', `${inject('azuriteBlobEndpoint')}/${containerName}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/top\.csv$/m);
  });

  it('lists one level with a connection string from the environment', async () => {
    const r = await cli(['ls', `${inject('azuriteBlobEndpoint')}/${containerName}`], {
      AZURE_STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'),
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\s+DIR\s+raw\/$/);
    expect(lines[1]).toMatch(/^\s+8\s+\d{4}-\d\d-\d\dT\S+\s+top\.csv$/);
  });

  it('lists recursively as JSON lines with AZURE_STORAGE_KEY and the account from the URL', async () => {
    const r = await cli(
      ['ls', `${inject('azuriteBlobEndpoint')}/${containerName}/raw`, '--recursive', '--json'],
      {
        AZURE_STORAGE_KEY: accountKey,
      },
    );
    expect(r.code).toBe(0);
    const entries = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { path: string; size: number });
    expect(entries.map((e) => [e.path, e.size])).toEqual([
      ['raw/deep/two.txt', 3],
      ['raw/one.json', 2],
    ]);
  });

  it('lists containers when the URL names only the account', async () => {
    const r = await cli([
      'ls',
      inject('azuriteBlobEndpoint'),
      '--connection-string',
      inject('azuriteConnectionString'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain(`${containerName}/`);
  });

  it('exits 1 naming the error code when the container does not exist', async () => {
    const r = await cli(['ls', `${inject('azuriteBlobEndpoint')}/${uniqueContainerName('nope')}`], {
      AZURE_STORAGE_KEY: accountKey,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^lakeshore: NotFound: .*ContainerNotFound/);
  });

  // Azure answers a wrong key with 403 AuthenticationFailed (AuthFailed); Azurite with 403
  // AuthorizationFailure (PermissionDenied). Either way the message names the service's code.
  it('exits 1 naming the service error for a wrong key', async () => {
    const r = await cli(['ls', `${inject('azuriteBlobEndpoint')}/${containerName}`], {
      AZURE_STORAGE_KEY: Buffer.alloc(64).toString('base64'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^lakeshore: PermissionDenied: .*AuthorizationFailure: HTTP 403/);
  });

  it.each([
    [[], /No command/],
    [['ls'], /needs a URL/],
    [['move', 'x'], /Unknown command "move"/],
    [['mv', 'https://acct.blob.core.windows.net/c/x'], /mv needs two arguments/],
    [['acl', 'show', 'x'], /acl needs get or set/],
    [['rm', 'https://acct.blob.core.windows.net/c/x', 'extra'], /Unexpected argument "extra"/],
    [['ls', '/not/a/url'], /Not a URL/],
    [['ls', 'https://acct.blob.core.windows.net/c', '--bogus'], /Unknown option/],
    [['ls', 'https://acct.blob.core.windows.net/c'], /No credentials/],
  ])('exits 2 with usage for %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: lakeshore');
  });
});

describe('lakeshore preview', () => {
  const env = () => ({ AZURE_STORAGE_CONNECTION_STRING: inject('azuriteConnectionString') });

  it('prints a CSV as a summary and tab-separated rows, --rows limiting them', async () => {
    const r = await cli(
      ['preview', `${inject('azuriteBlobEndpoint')}/${containerName}/top.csv`, '--rows', '1'],
      env(),
    );
    expect(r.code).toBe(0);
    const [summary, blank, header, row, ...rest] = r.stdout.trimEnd().split('\n');
    expect(summary).toMatch(/^top\.csv {2}8 bytes .*csv table, 2 columns, 1 rows shown/);
    expect([blank, header, row, rest]).toEqual(['', 'a\tb', '1\t2', []]);
  });

  it('prints the whole preview as JSON', async () => {
    const r = await cli(
      ['preview', `${inject('azuriteBlobEndpoint')}/${containerName}/raw/one.json`, '--json'],
      env(),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      kind: 'json',
      name: 'one.json',
      value: {},
      size: 2,
    });
  });

  it('previews a folder holding _delta_log as a Delta table', async () => {
    const { sampleFiles } = await import('../emulator/seed/sampleFiles.js');
    const { deltaTableOrders } = await import('../emulator/seed/deltaTable.js');
    const container = testBlobService().getContainerClient(containerName);
    for (const f of sampleFiles().filter((f) => f.path.startsWith('curated/delta/orders/'))) {
      await container.getBlockBlobClient(f.path).uploadData(f.body);
    }
    const r = await cli(
      [
        'preview',
        `${inject('azuriteBlobEndpoint')}/${containerName}/curated/delta/orders`,
        '--rows',
        '1000',
      ],
      env(),
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^orders {2}Delta table version 3 of 3, \d+ files, \d+ bytes, partitioned by month/,
    );
    expect(lines.filter((l) => l.startsWith('version '))).toHaveLength(4);
    const header = lines.indexOf('') + 1;
    expect(lines.length - header - 1).toBe(deltaTableOrders(3).length);
  });

  it('exits 1 with NotFound for a missing blob and 2 for a URL without a blob or bad --rows', async () => {
    expect(
      (await cli(['preview', `${inject('azuriteBlobEndpoint')}/${containerName}/nope.csv`], env()))
        .stderr,
    ).toMatch(/^lakeshore: NotFound/);
    const noBlob = await cli(
      ['preview', `${inject('azuriteBlobEndpoint')}/${containerName}`],
      env(),
    );
    expect([noBlob.code, noBlob.stderr]).toEqual([
      1,
      expect.stringMatching(/InvalidInput: preview needs the URL of a blob/),
    ]);
    expect(
      (
        await cli(
          ['preview', `${inject('azuriteBlobEndpoint')}/${containerName}/top.csv`, '--rows', '0'],
          env(),
        )
      ).code,
    ).toBe(2);
  });
});
