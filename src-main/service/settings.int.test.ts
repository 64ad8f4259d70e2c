import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type {
  ConnectionSummary,
  LocalFolderListing,
  Result,
  Settings,
  TransferProgressEvent,
} from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from './createService.js';

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

const serviceIn = (dataDir: string) =>
  createService({ dataDir, cipher: plainFileCipher, mode: 'browser', version: 't' });

describe('settings and the local folder picker', () => {
  it('keeps settings across restarts and refuses a relative download folder', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-settings-'));
    const downloads = mkdtempSync(path.join(os.tmpdir(), 'lake-dl-'));
    const a = serviceIn(dataDir);
    const defaults = value<Settings>(await a.dispatch('settings.get', {}));
    expect(defaults.resumeTransfersOnStart).toBe(false);
    const bad = await a.dispatch('settings.update', { downloadDirectory: 'relative/dir' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    await a.dispatch('settings.update', { downloadDirectory: downloads });
    await a.dispose();

    const b = serviceIn(dataDir);
    expect(value<Settings>(await b.dispatch('settings.get', {}))).toEqual({
      resumeTransfersOnStart: false,
      downloadDirectory: downloads,
    });
    await b.dispose();
  });

  it('lists sub-folders for the in-app picker and has no OS dialog in browser mode', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lake-folders-'));
    for (const name of ['beta', 'Alpha', '.hidden']) mkdirSync(path.join(root, name));
    const service = serviceIn(mkdtempSync(path.join(os.tmpdir(), 'lake-settings-')));
    const listing = value<LocalFolderListing>(
      await service.dispatch('local.listFolders', { path: root }),
    );
    expect(listing).toEqual({ path: root, parent: path.dirname(root), folders: ['Alpha', 'beta'] });
    expect(
      await service.dispatch('local.listFolders', { path: path.join(root, 'nope') }),
    ).toMatchObject({ ok: false, error: { code: 'NotFound' } });
    expect(await service.dispatch('local.pickFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'InvalidInput' },
    });
    await service.dispose();
  });

  it('with "resume on start" set, an unfinished download finishes after a restart without any call', async () => {
    const container = uniqueContainerName('resume-setting');
    const client = testBlobService().getContainerClient(container);
    await client.create();
    const data = Buffer.alloc(24 * 1024 * 1024, 3);
    await client.getBlockBlobClient('big.bin').uploadData(data, { blockSize: 4 * 1024 * 1024 });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-settings-'));
    const target = mkdtempSync(path.join(os.tmpdir(), 'lake-dl-'));

    const a = serviceIn(dataDir);
    await a.dispatch('settings.update', { resumeTransfersOnStart: true });
    const connection = value<ConnectionSummary>(
      await a.dispatch('connections.add', {
        kind: 'connectionString',
        connectionString: inject('azuriteConnectionString'),
      }),
    );
    const { jobIds } = value<{ jobIds: string[] }>(
      await a.dispatch('transfers.enqueueDownload', {
        connectionId: connection.id,
        container,
        remotePaths: [{ path: 'big.bin', kind: 'file' }],
        localDirectory: target,
        conflict: 'overwrite',
      }),
    );
    await a.dispose();
    // Closing stopped the job part-way: nothing is at the target yet.
    expect(existsSync(path.join(target, 'big.bin'))).toBe(false);

    const b = serviceIn(dataDir);
    const finished = new Promise<void>((resolve) =>
      b.subscribe((name, payload) => {
        if (name !== 'transfers.progress') return;
        const job = (payload as TransferProgressEvent).jobs.find((j) => j.id === jobIds[0]);
        if (job?.state.kind === 'completed') resolve();
      }),
    );
    await finished;
    expect((await readFile(path.join(target, 'big.bin'))).equals(data)).toBe(true);
    await b.dispose();
  });
});
