import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { runCliCollecting, type CliRun } from '../../test/support/cliRun.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import {
  startKeyVaultStandIn,
  type KeyVaultStandIn,
} from '../../test/support/keyVault/keyVaultStandIn.js';
import { vaultTestCredential } from '../../test/support/keyVault/vaultTestCredential.js';

const accountKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
let container: string;
let vault: KeyVaultStandIn;
let env: NodeJS.ProcessEnv;
const outputs: CliRun[] = [];
const vaultCredential = vaultTestCredential();

beforeAll(async () => {
  container = uniqueContainerName('named');
  const client = testBlobService().getContainerClient(container);
  await client.create();
  await client.getBlockBlobClient('raw/a.csv').upload('a\n1\n', 4);
  vault = await startKeyVaultStandIn(readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!));
  vault.setSecret('lake-key', accountKey);
  vault.setSecret('denied-key', accountKey);
  vault.setBehaviour('denied-key', 'deny');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-named-'));
  const endpoint = inject('azuriteBlobEndpoint');
  writeFileSync(
    path.join(dataDir, 'connections.toml'),
    `[connections.lake]
connection_string = "secret://env/LAKE_CS"

[connections.lake-ro]
account_url = "${endpoint}"
account_key = "secret://keyvault/${vault.host}/lake-key"
read_only = true

[connections.denied]
account_url = "${endpoint}"
account_key = "secret://keyvault/${vault.host}/denied-key"

[connections.unset]
account_url = "${endpoint}"
account_key = "secret://env/NOT_SET"

[connections.typo]
account_url = "${endpoint}"
acount_key = "x"
`,
  );
  env = {
    LAKESHORE_DATA_DIR: dataDir,
    LAKE_CS: inject('azuriteConnectionString'),
    LAKESHORE_CONNECTIONS_FROMENV__ACCOUNT_URL: endpoint,
    LAKESHORE_CONNECTIONS_FROMENV__ACCOUNT_KEY: 'secret://env/ENV_KEY',
    ENV_KEY: accountKey,
  };
});
afterAll(() => vault.stop());

const cli = async (argv: string[]) => {
  const r = await runCliCollecting(argv, env, { keyVaultCredential: vaultCredential });
  outputs.push(r);
  return r;
};

describe('lakeshore --connection NAME', () => {
  it('lists a container through a file connection whose connection string is a secret://env reference', async () => {
    const r = await cli([
      'ls',
      `${inject('azuriteBlobEndpoint')}/${container}/raw`,
      '--connection',
      'lake',
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^\s+4\s+\S+\s+raw\/a\.csv$/m);
  });

  it('reads through a Key Vault account key, and refuses a write on a read-only connection before any request', async () => {
    const ls = await cli([
      'ls',
      `${inject('azuriteBlobEndpoint')}/${container}`,
      '--connection',
      'lake-ro',
      '-r',
    ]);
    expect(ls.code).toBe(0);
    expect(ls.stdout).toContain('raw/a.csv');
    const rm = await cli([
      'rm',
      `${inject('azuriteBlobEndpoint')}/${container}/raw/a.csv`,
      '--connection',
      'lake-ro',
    ]);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toContain(
      'lakeshore: PermissionDenied: Connection "lake-ro" is read-only (read_only = true in its configuration): rm would change storage. Nothing was done.',
    );
    expect(
      await testBlobService().getContainerClient(container).getBlobClient('raw/a.csv').exists(),
    ).toBe(true);
  });

  it('reaches a connection defined by the environment alone', async () => {
    const r = await cli([
      'stat',
      `${inject('azuriteBlobEndpoint')}/${container}/raw/a.csv`,
      '--connection',
      'fromenv',
    ]);
    expect(r.code).toBe(0);
  });

  it('says which reference failed: a variable not set, a vault that denies, an invalid entry, an unknown name', async () => {
    const url = `${inject('azuriteBlobEndpoint')}/${container}`;
    const unset = await cli(['ls', url, '--connection', 'unset']);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toBe(
      'lakeshore: InvalidInput: Connection "unset" cannot be used: secret://env/NOT_SET is not set.\n',
    );
    const denied = await cli(['ls', url, '--connection', 'denied']);
    expect(denied.stderr).toContain(
      `Key Vault ${vault.host} denied Get Secret on denied-key (403 Forbidden)`,
    );
    const typo = await cli(['ls', url, '--connection', 'typo']);
    expect(typo.stderr).toContain('Connection "typo" cannot be used: unknown key "acount_key"');
    const none = await cli(['ls', url, '--connection', 'nope']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'No connection named "nope"; there are: "lake", "lake-ro", "denied", "unset", "typo", "fromenv".',
    );
  });

  it('refuses a connection for another account than the URL names', async () => {
    const r = await cli([
      'ls',
      'https://otheracct.blob.core.windows.net/xyz',
      '--connection',
      'lake',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^lakeshore: Connection "lake" is for http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1, but the URL names https:\/\/otheracct\.blob\.core\.windows\.net\. Nothing was done\./,
    );
  });
});

describe('lakeshore connections', () => {
  it('lists every connection with its source and status as JSON', async () => {
    const r = await cli(['connections', '--json']);
    expect(r.code).toBe(0);
    const listing = JSON.parse(r.stdout) as {
      connections: { name: string; source: string; status: string; reason?: string }[];
    };
    expect(listing.connections.map((c) => [c.name, c.source, c.status])).toEqual([
      ['lake', 'file', 'ready'],
      ['lake-ro', 'file', 'ready'],
      ['denied', 'file', 'unavailable'],
      ['unset', 'file', 'unavailable'],
      ['typo', 'file', 'invalid'],
      ['fromenv', 'environment', 'ready'],
    ]);
  });

  it('prints a table', async () => {
    const r = await cli(['connections']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^lake-ro\s+file\s+ready\s+accountKey http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1 \(read-only\)$/m,
    );
    expect(r.stdout).toMatch(
      /^unset\s+file\s+unavailable\s+secret:\/\/env\/NOT_SET is not set\.$/m,
    );
  });

  it('never prints or logs a secret in any output of these runs', async () => {
    const logged = await cli([
      '--log-level',
      'debug',
      'ls',
      `${inject('azuriteBlobEndpoint')}/${container}`,
      '--connection',
      'lake-ro',
    ]);
    expect(logged.code).toBe(0);
    const logPath = /^Log: (.+)$/m.exec(logged.stderr)?.[1];
    expect(logPath).toBeDefined();
    const log = readFileSync(logPath!, 'utf8');
    expect(log).toContain('lake-ro');
    expect(vaultCredential.issued.length).toBeGreaterThan(0);
    const secrets = [accountKey, env.LAKE_CS!, 'AccountKey=', ...vaultCredential.issued];
    const all = [...outputs.map((o) => o.stdout + o.stderr), log].join('\n');
    expect(outputs.length).toBeGreaterThan(8);
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
