import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ContainerSASPermissions,
  generateBlobSASQueryParameters,
  type StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConnectionSummary, DiagnosticsExport, Result } from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from '../service/createService.js';
import type { LakeService } from '../service/types.js';

const accountName = 'devstoreaccount1';
const accountKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** A well-formed key the service refuses: it must not show up anywhere either. */
const wrongKey = Buffer.alloc(64, 9).toString('base64');

let service: LakeService;
let dataDir: string;
let downloads: string;
let container: string;
let sasSignature: string;
/** Everything that crossed to the "renderer": every answer and every pushed event, as JSON. */
const crossed: string[] = [];

const call = async (name: string, args: unknown): Promise<Result<unknown>> => {
  const answer = await service.dispatch(name as never, args as never);
  crossed.push(`${name} → ${JSON.stringify(answer)}`);
  return answer;
};
const valueOf = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  container = uniqueContainerName('secrets');
  const blobs = testBlobService();
  await blobs.getContainerClient(container).create();
  await blobs.getContainerClient(container).getBlockBlobClient('raw/a.csv').upload('a,b\n1,2\n', 8);
  const sas = generateBlobSASQueryParameters(
    {
      containerName: container,
      permissions: ContainerSASPermissions.parse('rl'),
      expiresOn: new Date(Date.now() + 3_600_000),
    },
    blobs.credential as StorageSharedKeyCredential,
  ).toString();
  sasSignature = new URLSearchParams(sas).get('sig')!;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-secrets-'));
  downloads = mkdtempSync(path.join(os.tmpdir(), 'lake-secrets-out-'));
  service = createService({
    dataDir,
    cipher: plainFileCipher,
    mode: 'browser',
    version: 'secrets-test',
    downloadDirectory: downloads,
  });
  service.subscribe((name, payload) => crossed.push(`event ${name} ${JSON.stringify(payload)}`));
  const endpoint = inject('azuriteBlobEndpoint');
  await call('settings.update', { logLevel: 'debug' });
  const byKey = valueOf<ConnectionSummary>(
    await call('connections.add', {
      kind: 'accountKey',
      name: 'by key',
      accountName,
      accountKey,
      blobEndpoint: endpoint,
    }),
  );
  const byString = valueOf<ConnectionSummary>(
    await call('connections.add', {
      kind: 'connectionString',
      name: 'by string',
      connectionString: inject('azuriteConnectionString'),
    }),
  );
  const bySas = valueOf<ConnectionSummary>(
    await call('connections.add', {
      kind: 'sas',
      name: 'by sas',
      url: `${endpoint}/${container}?${sas}`,
    }),
  );
  // Refused credentials: their errors cross too.
  await call('connections.add', {
    kind: 'accountKey',
    name: 'wrong key',
    accountName,
    accountKey: wrongKey,
    blobEndpoint: endpoint,
  });
  await call('connections.add', {
    kind: 'connectionString',
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${accountName};AccountKey=${wrongKey};BlobEndpoint=${endpoint};`,
  });
  for (const c of [byKey, byString, bySas]) {
    await call('containers.list', { connectionId: c.id });
    await call('paths.list', { connectionId: c.id, container, directory: 'raw' });
    await call('paths.properties', { connectionId: c.id, container, path: 'raw/a.csv' });
    await call('paths.properties', { connectionId: c.id, container, path: 'raw/missing.csv' });
    await call('paths.preview', { connectionId: c.id, container, path: 'raw/a.csv' });
  }
  await call('transfers.enqueueDownload', {
    connectionId: bySas.id,
    container,
    remotePaths: [{ path: 'raw/a.csv', kind: 'file' }],
    localDirectory: downloads,
    conflict: 'overwrite',
  });
  for (let i = 0; i < 100; i++) {
    const jobs = valueOf<Array<{ state: { kind: string } }>>(await call('transfers.list', {}));
    if (jobs.length > 0 && jobs.every((j) => j.state.kind === 'completed')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await call('connections.list', {});
  await call('activity.list', {});
  await call('diagnostics.summary', {});
  await call('settings.get', {});
  await call('app.info', {});
});
afterAll(() => service.dispose());

/** Every file under `dir`, by path relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(path.join(dir, f)).isFile(),
  );

describe('secrets stay in main', () => {
  const secrets = () => ({
    'account key': accountKey,
    'refused key': wrongKey,
    'SAS signature': sasSignature,
    'SAS signature (URL-encoded)': encodeURIComponent(sasSignature),
  });

  it('no answer and no event the window receives holds a key or a SAS signature', () => {
    expect(crossed.length).toBeGreaterThan(25);
    // The calls did happen: the connections answered and the download ran.
    expect(crossed.some((c) => c.startsWith('connections.list') && c.includes('by sas'))).toBe(
      true,
    );
    expect(crossed.some((c) => c.startsWith('event transfers.progress'))).toBe(true);
    expect(crossed.filter((c) => c.startsWith('paths.preview → {"ok":true'))).toHaveLength(3);
    expect(crossed.some((c) => c.includes('AuthFailed') || c.includes('Authorization'))).toBe(true);
    for (const [what, secret] of Object.entries(secrets())) {
      const leaks = crossed.filter((c) => c.includes(secret)).map((c) => c.slice(0, 120));
      expect(leaks, what).toEqual([]);
    }
  });

  it('no file under the data folder but the sealed secrets, and nothing in the diagnostics zip, holds one', async () => {
    const exported = valueOf<DiagnosticsExport>(await call('diagnostics.export', {}));
    const zip = unzipSync(readFileSync(exported.path));
    const files = filesUnder(dataDir).filter((f) => f !== 'secrets.json');
    expect(files.some((f) => f.startsWith(`logs${path.sep}`))).toBe(true);
    for (const [what, secret] of Object.entries(secrets())) {
      for (const f of files) {
        expect(readFileSync(path.join(dataDir, f), 'utf8'), `${what} in ${f}`).not.toContain(
          secret,
        );
      }
      for (const [name, bytes] of Object.entries(zip)) {
        expect(strFromU8(bytes), `${what} in the zip's ${name}`).not.toContain(secret);
      }
    }
    // The log did record the requests, at debug, with the SAS URL scrubbed.
    const log = files
      .filter((f) => f.startsWith(`logs${path.sep}`))
      .map((f) => readFileSync(path.join(dataDir, f), 'utf8'))
      .join('');
    expect(log).toContain('sig=REDACTED');
  });
});
