import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../src-main/emulator/azurite.js';
import { startDfsServer } from './dfsServer/startDfsServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    azuriteBlobEndpoint: string;
    /** Connection string of the DFS (HNS) front over the same Azurite. */
    hnsConnectionString: string;
    /** Account URL of the DFS (HNS) front, serving both Blob and DFS calls. */
    hnsBlobEndpoint: string;
  }
}

/**
 * Starts one in-memory Azurite for the integration run, plus a DFS (HNS) front over it, and
 * stops both at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite({ location: 'memory' });
  project.provide('azuriteConnectionString', azurite.connectionString);
  project.provide('azuriteBlobEndpoint', azurite.blobEndpoint);
  const dfs = await startDfsServer({ azuriteBlobEndpoint: azurite.blobEndpoint });
  project.provide('hnsConnectionString', dfs.connectionString);
  project.provide('hnsBlobEndpoint', dfs.url);
  return async () => {
    await dfs.stop();
    await azurite.stop();
  };
}
