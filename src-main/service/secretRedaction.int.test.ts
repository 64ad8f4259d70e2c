import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccountSASPermissions, AccountSASResourceTypes } from '@azure/storage-blob';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DiagnosticsExport } from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { recordCrossings } from '../../test/support/crossings.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

// Secrets that only secret:// references name: an account key and a connection string read from
// the environment and a file, a SAS token, and a wrong key whose requests the account refuses.
const connectionString = inject('azuriteConnectionString');
const accountKey = /AccountKey=([^;]+)/.exec(connectionString)![1]!;
const blobEndpoint = /BlobEndpoint=([^;]+)/.exec(connectionString)![1]!;
const wrongKey = randomBytes(64).toString('base64');
let sasToken: string;
let sig: string;

let service: LakeService;
let dataDir: string;
let downloads: string;
let container: string;
const crossings = recordCrossings();

beforeAll(async () => {
  container = uniqueContainerName('redact');
  const blobs = testBlobService();
  await blobs.getContainerClient(container).create();
  await blobs.getContainerClient(container).getBlockBlobClient('raw/a.csv').upload('a\n1\n', 4);
  const sasUrl = blobs.generateAccountSasUrl(
    new Date(Date.now() + 3_600_000),
    AccountSASPermissions.parse('rl'),
    AccountSASResourceTypes.parse('sco').toString(),
  );
  sasToken = new URL(sasUrl).search.slice(1);
  sig = new URLSearchParams(sasToken).get('sig')!;
  dataDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-redact-'));
  downloads = mkdtempSync(path.join(tmpdir(), 'lakeshore-redact-downloads-'));
  writeFileSync(path.join(dataDir, 'connection-string.txt'), `${connectionString}\n`);
  writeFileSync(
    path.join(dataDir, 'connections.toml'),
    `[connections.by-key]
account_url = "${blobEndpoint}"
account_key = "secret://env/LAKE_KEY"

[connections.by-string]
connection_string = "secret://file/connection-string.txt"

[connections.by-sas]
account_url = "${blobEndpoint}"
sas_token = "secret://env/LAKE_SAS"

[connections.wrong-key]
account_url = "${blobEndpoint}"
account_key = "secret://env/WRONG_KEY"
retries.attempts = 1
`,
  );
  service = createService({
    dataDir,
    cipher: plainFileCipher,
    mode: 'browser',
    version: 'test',
    downloadDirectory: downloads,
    env: { LAKE_KEY: accountKey, LAKE_SAS: sasToken, WRONG_KEY: wrongKey },
  });
  service.subscribe((name, payload) => crossings.record({ name, payload }));
});
afterAll(() => service.dispose());

/** Every form a secret could be written in: as it is, URL-encoded, and (for a key) base64url. */
const formsOf = (secret: string) => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(secret, 'base64').toString('base64url'),
];
const secrets = () => [...formsOf(accountKey), ...formsOf(wrongKey), sig, encodeURIComponent(sig)];

/** The names of the secrets `text` holds (none, when redaction works). */
const leaksIn = (text: string) => secrets().filter((s) => text.includes(s));

/** Every file under `dir`, its path and text. */
const filesUnder = (dir: string): { file: string; text: string }[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory()
      ? filesUnder(file)
      : [{ file, text: readFileSync(file).toString('utf8') }];
  });

describe('secrets resolved from secret:// references', () => {
  it('never cross to the renderer, in answers, errors or events', async () => {
    const call = async (name: string, args: unknown) => {
      const r = await service.dispatch(name, args);
      crossings.crossed.push(JSON.stringify(r));
      return r;
    };
    // The most the logs say: every request at debug.
    expect((await call('settings.update', { logLevel: 'debug' })).ok).toBe(true);
    const listed = await call('connections.list', {});
    expect(listed.ok).toBe(true);
    for (const id of ['config-by-key', 'config-by-string', 'config-by-sas']) {
      expect((await call('containers.list', { connectionId: id })).ok).toBe(true);
      const page = await call('paths.list', { connectionId: id, container, directory: 'raw' });
      expect(page.ok).toBe(true);
      expect(
        (await call('paths.preview', { connectionId: id, container, path: 'raw/a.csv' })).ok,
      ).toBe(true);
      const missing = await call('paths.list', {
        connectionId: id,
        container: 'no-such-container-here',
        directory: '',
      });
      expect(missing.ok).toBe(false);
    }
    const refused = await call('containers.list', { connectionId: 'config-wrong-key' });
    // Azurite refuses a wrong key's signature with 403 AuthorizationFailure.
    expect(refused.ok || refused.error.code).toBe('PermissionDenied');
    const sasWrite = await call('containers.create', {
      connectionId: 'config-by-sas',
      container: uniqueContainerName('redact-sas'),
    });
    expect(sasWrite.ok).toBe(false);
    expect((await call('activity.list', {})).ok).toBe(true);
    expect((await call('diagnostics.summary', {})).ok).toBe(true);

    expect(crossings.crossed.length).toBeGreaterThan(15);
    // The search finds a secret where one is written.
    expect(leaksIn(connectionString)).toContain(accountKey);
    expect(leaksIn(sasToken)).toContain(encodeURIComponent(sig));
    // The test can fail: the secrets are what the account accepted (the listings above worked).
    expect(crossings.crossed.join('\n')).toContain(container);
    expect(leaksIn(crossings.crossed.join('\n'))).toEqual([]);
  });

  it('are not in the logs, the data folder or the diagnostics export', async () => {
    const exported = await service.dispatch('diagnostics.export', {});
    if (!exported.ok) throw new Error(exported.error.message);
    const { path: zip, files } = exported.value as DiagnosticsExport;
    expect(files.length).toBeGreaterThan(0);
    const entries = unzipSync(readFileSync(zip));
    const texts = Object.entries(entries).map(([name, bytes]) => ({
      file: `${zip}!${name}`,
      text: Buffer.from(bytes).toString('utf8'),
    }));
    expect(texts.some((t) => t.text.includes('blob.list'))).toBe(true);
    // The user's own files (the configuration and the connection-string file) are left out.
    const written = filesUnder(dataDir).filter(
      (f) => !['connections.toml', 'connection-string.txt'].includes(path.basename(f.file)),
    );
    expect(written.some((f) => f.file.includes(`${path.sep}logs${path.sep}`))).toBe(true);
    const leaks = [...texts, ...written]
      .map((f) => ({ file: f.file, leaks: leaksIn(f.text).length }))
      .filter((f) => f.leaks > 0);
    expect(leaks).toEqual([]);
  });
});
