import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PathPage, Result } from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

let service: LakeService;
let container: string;
const readOnlyId = 'config-lake-ro';
const writableId = 'config-lake';

beforeAll(async () => {
  container = uniqueContainerName('readonly');
  const client = testBlobService().getContainerClient(container);
  await client.create();
  await client.getBlockBlobClient('raw/a.csv').upload('a\n1\n', 4);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-readonly-'));
  writeFileSync(
    path.join(dataDir, 'connections.toml'),
    `[connections.lake]
connection_string = "secret://env/LAKE_CS"

[connections.lake-ro]
connection_string = "secret://env/LAKE_CS"
read_only = true
`,
  );
  service = createService({
    dataDir,
    cipher: plainFileCipher,
    mode: 'browser',
    version: 'test',
    env: { LAKE_CS: inject('azuriteConnectionString') },
  });
});
afterAll(() => service.dispose());

const names = async () => {
  const page = (await service.dispatch('paths.list', {
    connectionId: writableId,
    container,
    directory: 'raw',
  })) as Result<PathPage>;
  if (!page.ok) throw new Error(page.error.message);
  return page.value.entries.map((e) => e.name).sort();
};

describe('a read-only provisioned connection in the app', () => {
  it('is refused every change before any request, whatever the window offers', async () => {
    const changes: Array<[string, unknown]> = [
      [
        'paths.delete',
        {
          connectionId: readOnlyId,
          container,
          paths: [{ path: 'raw/a.csv', kind: 'file' }],
          operationId: 'op-readonly-1',
        },
      ],
      ['paths.createDirectory', { connectionId: readOnlyId, container, path: 'raw/new' }],
      [
        'paths.rename',
        {
          connectionId: readOnlyId,
          container,
          source: { path: 'raw/a.csv', kind: 'file' },
          destination: 'raw/b.csv',
          operationId: 'op-readonly-2',
        },
      ],
      ['containers.delete', { connectionId: readOnlyId, container, confirmName: container }],
      [
        'paths.copy',
        {
          source: {
            connectionId: writableId,
            container,
            paths: [{ path: 'raw/a.csv', kind: 'file' }],
          },
          destination: { connectionId: readOnlyId, container, directory: 'copied' },
          operationId: 'op-readonly-3',
        },
      ],
    ];
    for (const [call, args] of changes) {
      const r = await service.dispatch(call, args);
      expect(r.ok, call).toBe(false);
      if (!r.ok) {
        expect(r.error.code, `${call}: ${r.error.message}`).toBe('PermissionDenied');
        expect(r.error.message).toContain('"lake-ro" is read-only');
      }
    }
    expect(await names()).toEqual(['a.csv']);
    const exists = await testBlobService().getContainerClient(container).exists();
    expect(exists).toBe(true);
  });

  it('still reads, and the same account through a writable connection still changes', async () => {
    const listed = await service.dispatch('paths.list', {
      connectionId: readOnlyId,
      container,
      directory: 'raw',
    });
    expect(listed.ok).toBe(true);
    const made = await service.dispatch('paths.createDirectory', {
      connectionId: writableId,
      container,
      path: 'raw/new',
    });
    expect(made.ok).toBe(true);
    expect(await names()).toEqual(['a.csv', 'new']);
  });
});
