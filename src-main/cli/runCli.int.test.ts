import { ContainerSASPermissions } from '@azure/storage-blob';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { runCliCollecting } from '../../test/support/cliRun.js';

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

const cli = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCliCollecting(argv, env);

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
    [[], /^lakeshore: no command given\. Run 'lakeshore help'/],
    [['ls'], /^lakeshore: missing required argument 'url'\nRun 'lakeshore help ls'/],
    [['move', 'x'], /^lakeshore: unknown command 'move'/],
    [['mv', 'https://acct.blob.core.windows.net/cont/x'], /missing required argument 'dst-url'/],
    [['acl', 'show', 'x'], /^lakeshore: unknown command 'show'/],
    [
      ['stat', 'https://acct.blob.core.windows.net/cont/x', 'extra'],
      /too many arguments for 'stat'/,
    ],
    [['ls', '/not/a/url'], /^lakeshore: Not a URL/],
    [['ls', 'https://acct.blob.core.windows.net/cont', '--bogus'], /unknown option '--bogus'/],
    // Each command takes only its own options.
    [
      ['ls', 'https://acct.blob.core.windows.net/cont', '--overwrite', 'true'],
      /unknown option '--overwrite'/,
    ],
    [
      ['ls', 'https://acct.blob.core.windows.net/cont', '--block-size', '9'],
      /unknown option '--block-size'/,
    ],
    [
      ['mkdir', 'https://acct.blob.core.windows.net/cont/d', '--dry-run'],
      /unknown option '--dry-run'/,
    ],
    [
      ['stat', 'https://acct.blob.core.windows.net/cont/d', '--recursive'],
      /unknown option '--recursive'/,
    ],
    [
      ['acl', 'set', 'https://acct.blob.core.windows.net/cont/d', 'user::rwx', '--dry-run'],
      /--dry-run goes with --recursive/,
    ],
    [
      ['ls', 'https://acct.blob.core.windows.net/cont'],
      /^lakeshore: No credentials for account "acct"/,
    ],
    [
      ['ls', 'https://acct.blob.core.windows.net/cont/100%.txt'],
      /write %25 for a literal percent sign/,
    ],
    [['ls', 'https://acct.blob.core.windows.net/c1'], /"c1" is not a valid container name/],
    [
      ['ls', `https://acct.blob.core.windows.net/cont/${'x'.repeat(1100)}`],
      /at most 1,024 characters/,
    ],
  ])('exits 2 with one line and the hint to run help for %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('Usage: lakeshore');
    expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  });

  it("prints a command's own help for help <command> and <command> --help, and the version", async () => {
    const viaHelp = await cli(['help', 'rm']);
    const viaFlag = await cli(['rm', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
    expect(viaHelp.stdout).toMatch(/^Usage: lakeshore rm \[options\] <url\.\.\.>/);
    expect(viaHelp.stdout).toContain('--dry-run');
    expect(viaHelp.stdout).not.toContain('--overwrite');
    const version = await cli(['--version']);
    expect([version.code, version.stdout]).toEqual([0, '0.1.0\n']);
  });
});

describe('lakeshore acts only on the account the URL names', () => {
  const blob = () => testBlobService().getContainerClient(containerName).getBlobClient('top.csv');
  const otherEndpoint = () => inject('azuriteBlobEndpoint').replace(/:(\d+)\//, ':1/');

  it('refuses a connection string for another endpoint before any request, and deletes nothing', async () => {
    const other = inject('azuriteConnectionString').replace(
      /BlobEndpoint=[^;]+/,
      `BlobEndpoint=${otherEndpoint()}`,
    );
    const r = await cli(['rm', `${inject('azuriteBlobEndpoint')}/${containerName}/top.csv`], {
      AZURE_STORAGE_CONNECTION_STRING: other,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `AZURE_STORAGE_CONNECTION_STRING is for account "devstoreaccount1" at ${otherEndpoint()}`,
    );
    expect(r.stderr).toContain(
      `the URL names account "devstoreaccount1" at ${inject('azuriteBlobEndpoint')}`,
    );
    expect(await blob().exists()).toBe(true);
  });

  it('refuses a connection string for another account, and AZURE_STORAGE_ACCOUNT naming another', async () => {
    const r = await cli(['ls', 'https://someotheracct.blob.core.windows.net/cont'], {
      AZURE_STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /is for account "devstoreaccount1" at .* but the URL names account "someotheracct"/,
    );
    const key = await cli(['ls', `${inject('azuriteBlobEndpoint')}/${containerName}`], {
      AZURE_STORAGE_KEY: accountKey,
      AZURE_STORAGE_ACCOUNT: 'someotheracct',
    });
    expect([key.code, key.stderr]).toEqual([
      2,
      expect.stringMatching(/AZURE_STORAGE_ACCOUNT is "someotheracct"/),
    ]);
  });

  it('reads a SAS from AZURE_STORAGE_SAS_TOKEN, so it need not sit on the command line', async () => {
    const sas = await testBlobService()
      .getContainerClient(containerName)
      .generateSasUrl({
        permissions: ContainerSASPermissions.parse('rl'),
        expiresOn: new Date(Date.now() + 3_600_000),
      });
    const r = await cli(['ls', `${inject('azuriteBlobEndpoint')}/${containerName}`], {
      AZURE_STORAGE_SAS_TOKEN: new URL(sas).search,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/top\.csv$/m);
  });
});

describe('lakeshore with an expired SAS', () => {
  it('says the SAS expired, before any request, instead of a folder or permission error', async () => {
    const sas = await testBlobService()
      .getContainerClient(containerName)
      .generateSasUrl({
        permissions: ContainerSASPermissions.parse('rl'),
        startsOn: new Date(Date.now() - 7_200_000),
        expiresOn: new Date(Date.now() - 3_600_000),
      });
    const expiry = new URL(sas).searchParams.get('se');
    for (const argv of [
      ['ls', `${inject('azuriteBlobEndpoint')}/${containerName}${new URL(sas).search}`],
      [
        'cp',
        `${inject('azuriteBlobEndpoint')}/${containerName}/raw${new URL(sas).search}`,
        '/tmp/x',
        '-r',
      ],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `lakeshore: AuthFailed: The SAS expired at ${new Date(expiry!).toISOString()}; get a new one.\n`,
      );
    }
  });
});

describe('lakeshore with a SAS not signed for the change', () => {
  it('refuses rm (even as a dry run) and an upload before any request, naming the missing letter', async () => {
    const sas = new URL(
      await testBlobService()
        .getContainerClient(containerName)
        .generateSasUrl({
          permissions: ContainerSASPermissions.parse('rl'),
          expiresOn: new Date(Date.now() + 3_600_000),
        }),
    ).search;
    const blob = `${inject('azuriteBlobEndpoint')}/${containerName}/top.csv`;
    for (const [argv, env] of [
      [['rm', `${blob}${sas}`, '--dry-run'], {}],
      [['rm', blob], { AZURE_STORAGE_SAS_TOKEN: sas }],
    ] as const) {
      const r = await cli([...argv], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'lakeshore: PermissionDenied: Cannot rm: The SAS has no d (Delete); it was signed with sp=rl. Nothing was done.\n',
      );
      expect(r.stdout).toBe('');
    }
    const up = await cli(['cp', 'package.json', `${blob}${sas}`]);
    expect(up.code).toBe(1);
    expect(up.stderr).toBe(
      'lakeshore: PermissionDenied: Cannot cp: The SAS has no w (Write); it was signed with sp=rl. Nothing was done.\n',
    );
    const kept = await testBlobService()
      .getContainerClient(containerName)
      .getBlobClient('top.csv')
      .downloadToBuffer();
    expect(kept.toString()).toBe('a,b\n1,2\n');
    // Reading with the same SAS still works: only what it was not signed for is refused.
    const listed = await cli(['ls', `${blob}${sas}`]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/top\.csv$/m);
  });
});

describe('lakeshore ls on a blob, a missing path, a wildcard', () => {
  const url = (p: string) => `${inject('azuriteBlobEndpoint')}/${containerName}/${p}`;

  it('prints that blob for a blob URL', async () => {
    const r = await cli(['ls', url('top.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+8\s+\S+\s+top\.csv\n$/);
  });

  it('exits 1 with NotFound for a path where nothing is', async () => {
    const r = await cli(['ls', url('nothing/here')]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^lakeshore: NotFound: Nothing named "nothing\/here"/);
  });

  it('lists what a wildcard matches, and filters by name patterns', async () => {
    const star = await cli(['ls', url('raw/*.json')]);
    expect(
      star.stdout
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).pop()),
    ).toEqual(['raw/one.json']);
    const deep = await cli(['ls', url('raw'), '--recursive', '--include-pattern', '*.txt']);
    expect(
      deep.stdout
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).pop()),
    ).toEqual(['raw/deep/two.txt']);
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
