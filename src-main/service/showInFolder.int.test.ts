import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ConnectionSummary, Result, TransferJobSummary } from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from './createService.js';
import type { LakeService } from './types.js';

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

/** Downloads `hello.txt` of a fresh container through `service` and waits until the job completed. */
async function downloadHello(service: LakeService): Promise<TransferJobSummary> {
  const container = uniqueContainerName('show-in-folder');
  const client = testBlobService().getContainerClient(container);
  await client.create();
  await client.getBlockBlobClient('hello.txt').upload('hello', 5);
  const connection = value<ConnectionSummary>(
    await service.dispatch('connections.add', {
      kind: 'connectionString',
      connectionString: inject('azuriteConnectionString'),
    }),
  );
  const { jobIds } = value<{ jobIds: string[] }>(
    await service.dispatch('transfers.enqueueDownload', {
      connectionId: connection.id,
      container,
      remotePaths: [{ path: 'hello.txt', kind: 'file' }],
      localDirectory: mkdtempSync(path.join(os.tmpdir(), 'lake-dl-')),
      conflict: 'overwrite',
    }),
  );
  for (;;) {
    const jobs = value<TransferJobSummary[]>(await service.dispatch('transfers.list', {}));
    const job = jobs.find((j) => j.id === jobIds[0])!;
    if (job.state.kind === 'completed') return job;
    expect(['queued', 'running']).toContain(job.state.kind);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Show in folder', () => {
  it('hands the desktop host the path the download wrote, and refuses other jobs', async () => {
    const shown: string[] = [];
    const service = createService({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-show-')),
      cipher: plainFileCipher,
      mode: 'electron',
      version: 't',
      showItemInFolder: (file) => shown.push(file),
    });
    expect(
      value<{ canShowInFolder: boolean }>(await service.dispatch('app.info', {})),
    ).toMatchObject({ canShowInFolder: true });
    const job = await downloadHello(service);
    expect(value(await service.dispatch('transfers.showInFolder', { jobId: job.id }))).toBeNull();
    expect(shown).toEqual([job.localPath]);
    expect(await readFile(shown[0]!, 'utf8')).toBe('hello');

    expect(await service.dispatch('transfers.showInFolder', { jobId: 'j-none' })).toMatchObject({
      ok: false,
      error: { code: 'NotFound' },
    });
    expect(shown).toHaveLength(1);
    await service.dispose();
  });

  it('in browser mode says where the download is instead', async () => {
    const service = createService({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'lake-show-')),
      cipher: plainFileCipher,
      mode: 'browser',
      version: 't',
    });
    expect(
      value<{ canShowInFolder: boolean }>(await service.dispatch('app.info', {})),
    ).toMatchObject({ canShowInFolder: false });
    const job = await downloadHello(service);
    const refused = await service.dispatch('transfers.showInFolder', { jobId: job.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    if (!refused.ok) expect(refused.error.message).toContain(`saved to ${job.localPath}`);
    await service.dispose();
  });
});
