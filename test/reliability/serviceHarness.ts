// A real Lakeshore service (src-main/service) in a fresh data folder, driven call by call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  hasEnded,
  type ConnectionSummary,
  type LakeError,
  type NetworkSettings,
  type Result,
  type TransferJobSummary,
} from '../../shared/contract/index.js';
import { createService } from '../../src-main/service/createService.js';
import type { LakeService } from '../../src-main/service/types.js';
import { createTestCipher } from '../support/entra/testCipher.js';

/** A service with its data and downloads folders. */
export interface ServiceHarness {
  service: LakeService;
  dataDir: string;
  downloads: string;
  /** Adds a connection-string connection, throwing when refused. */
  addConnection(connectionString: string): Promise<ConnectionSummary>;
  /** Waits until every job in `jobIds` has ended (or `timeoutMs` passed: `undefined`). */
  waitForJobs(jobIds: string[], timeoutMs?: number): Promise<TransferJobSummary[] | undefined>;
}

/** A new temp folder named after `label`. */
export const tempFolder = (label: string): string =>
  mkdtempSync(path.join(os.tmpdir(), `lakeshore-rel-${label}-`));

/** The value of a successful result; throws with the error's code otherwise. */
export const valueOf = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

/** A job's error when it failed. */
export const jobError = (job: TransferJobSummary): LakeError | undefined =>
  job.state.kind === 'failed' ? job.state.error : job.failures[0]?.error;

/**
 * Starts a service (browser mode, a really encrypting cipher) in fresh folders, with `network`
 * settings (timeouts and retries, `NetworkSettings`) in its settings file when given.
 */
export function startServiceHarness(
  label: string,
  network?: Partial<NetworkSettings>,
): ServiceHarness {
  const dataDir = tempFolder(`${label}-data`);
  if (network) writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ network }));
  const downloads = tempFolder(`${label}-downloads`);
  const service = createService({
    dataDir,
    cipher: createTestCipher(),
    mode: 'browser',
    version: 'reliability',
    downloadDirectory: downloads,
  });
  return {
    service,
    dataDir,
    downloads,
    addConnection: async (connectionString) =>
      valueOf<ConnectionSummary>(
        await service.dispatch('connections.add', { kind: 'connectionString', connectionString }),
      ),
    async waitForJobs(jobIds, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const jobs = valueOf<TransferJobSummary[]>(await service.dispatch('transfers.list', {}));
        const mine = jobs.filter((j) => jobIds.includes(j.id));
        if (mine.length === jobIds.length && mine.every((j) => hasEnded(j.state.kind))) return mine;
        await new Promise((r) => setTimeout(r, 50));
      }
      return undefined;
    },
  };
}
