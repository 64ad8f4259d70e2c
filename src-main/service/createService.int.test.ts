import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConnectionSummary, PathPage, Preview, Result } from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

let service: LakeService;
let connection: ConnectionSummary;
let container: string;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  container = uniqueContainerName('svc');
  const client = testBlobService().getContainerClient(container);
  await client.create();
  await client.getBlockBlobClient('data/people.csv').upload('name,age\nAda,36\nLinus,54\n', 25, {
    blobHTTPHeaders: { blobContentType: 'text/csv' },
  });
  service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-svc-')),
    cipher: plainFileCipher,
    mode: 'browser',
    version: 't',
  });
  connection = value(
    await service.dispatch('connections.add', {
      kind: 'connectionString',
      connectionString: inject('azuriteConnectionString'),
    }),
  );
});
afterAll(() => service.dispose());

describe('the service over a real Azurite', () => {
  it('lists containers and a directory of a saved connection', async () => {
    const containers = value<{ name: string }[]>(
      await service.dispatch('containers.list', { connectionId: connection.id }),
    );
    expect(containers.map((c) => c.name)).toContain(container);
    const page = value<PathPage>(
      await service.dispatch('paths.list', {
        connectionId: connection.id,
        container,
        directory: 'data',
      }),
    );
    expect(page.entries).toEqual([
      expect.objectContaining({
        kind: 'file',
        name: 'people.csv',
        size: 25,
        contentType: 'text/csv',
      }),
    ]);
  });

  it('previews a CSV as a table with typed columns', async () => {
    const preview = value<Preview>(
      await service.dispatch('paths.preview', {
        connectionId: connection.id,
        container,
        path: 'data/people.csv',
      }),
    );
    expect(preview.kind).toBe('table');
    if (preview.kind !== 'table') return;
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['name', 'text'],
      ['age', 'number'],
    ]);
    expect(preview.rows).toEqual([
      ['Ada', '36'],
      ['Linus', '54'],
    ]);
    expect(preview.bytesRead).toBe(25);
  });

  it('answers NotFound for a missing blob and for an unknown connection', async () => {
    const missing = await service.dispatch('paths.preview', {
      connectionId: connection.id,
      container,
      path: 'data/nope.csv',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NotFound', status: 404 } });
    const unknown = await service.dispatch('containers.list', { connectionId: 'doesnotexist' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NotFound' } });
  });

  it('cancels nothing harmlessly when no preview runs', async () => {
    expect(await service.dispatch('paths.cancelPreview', {})).toEqual({ ok: true, value: null });
  });
});

describe('Delta tables through the service', () => {
  it('detects the seeded table and shows each version', async () => {
    const { sampleFiles } = await import('../emulator/seed/sampleFiles.js');
    const client = testBlobService().getContainerClient(container);
    for (const f of sampleFiles().filter((f) => f.path.startsWith('curated/delta/orders/'))) {
      await client.getBlockBlobClient(f.path).uploadData(f.body);
    }
    const detect = (directory: string) =>
      service.dispatch('paths.detectTable', { connectionId: connection.id, container, directory });
    expect(await detect('curated/delta/orders')).toEqual({ ok: true, value: { format: 'delta' } });
    expect(await detect('curated/delta')).toEqual({ ok: true, value: { format: 'none' } });
    const latest = value<{ version: number; latestVersion: number; history: unknown[] }>(
      await service.dispatch('paths.previewDelta', {
        connectionId: connection.id,
        container,
        directory: 'curated/delta/orders',
      }),
    );
    expect([latest.version, latest.latestVersion, latest.history.length]).toEqual([3, 3, 4]);
    const v1 = value<{ version: number }>(
      await service.dispatch('paths.previewDelta', {
        connectionId: connection.id,
        container,
        directory: 'curated/delta/orders',
        version: 1,
      }),
    );
    expect(v1.version).toBe(1);
  });
});
