import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../src-main/emulator/azurite.js';
import { startDfsServer } from '../support/dfsServer/startDfsServer.js';
import { reliabilityOutDir } from './tally.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's account name (not Azurite's well-known one). */
    relAccountName: string;
    /** The run's random account key: a secret the redaction check looks for. */
    relAccountKey: string;
    /** Azurite's Blob endpoint for that account, `http://127.0.0.1:PORT/<account>`. */
    relFlatEndpoint: string;
    /** The DFS (HNS) test server's account URL over the same Azurite. */
    relHnsEndpoint: string;
  }
}

/** A connection string for `endpoint` with the run's account and key. */
export const relConnectionString = (name: string, key: string, endpoint: string): string =>
  `DefaultEndpointsProtocol=http;AccountName=${name};AccountKey=${key};BlobEndpoint=${endpoint};`;

/**
 * Starts one in-memory Azurite serving an account of this run with a random key (through
 * Azurite's AZURITE_ACCOUNTS), and the DFS (HNS) test server in front of it; stops both at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(reliabilityOutDir(), { recursive: true });
  const name = `lakerel${randomBytes(3).toString('hex')}`;
  const key = randomBytes(64).toString('base64');
  process.env.AZURITE_ACCOUNTS = `${name}:${key}`;
  const azurite = await startAzurite({ location: 'memory' });
  delete process.env.AZURITE_ACCOUNTS;
  const flatEndpoint = `http://127.0.0.1:${azurite.port}/${name}`;
  const dfs = await startDfsServer({
    azuriteBlobEndpoint: flatEndpoint,
    accountName: name,
    accountKey: key,
  });
  project.provide('relAccountName', name);
  project.provide('relAccountKey', key);
  project.provide('relFlatEndpoint', flatEndpoint);
  project.provide('relHnsEndpoint', dfs.url);
  return async () => {
    await dfs.stop();
    await azurite.stop();
  };
}
