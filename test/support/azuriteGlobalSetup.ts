import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../src-main/emulator/azurite.js';
import { startDfsServer } from './dfsServer/startDfsServer.js';
import { startSoftDeleteServer } from './softDelete/startSoftDeleteServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    azuriteBlobEndpoint: string;
    /** Connection string of the DFS (HNS) front over the same Azurite. */
    hnsConnectionString: string;
    /** Account URL of the DFS (HNS) front, serving both Blob and DFS calls. */
    hnsBlobEndpoint: string;
    /**
     * Connection string of the flat Blob front adding blob soft delete, over an Azurite of its
     * own: the retention policy is account-wide, so tests toggling it elsewhere cannot race it.
     */
    softDeleteConnectionString: string;
    /** Account URL of the soft-delete Blob front. */
    softDeleteBlobEndpoint: string;
  }
}

/**
 * Starts one in-memory Azurite for the integration run with a DFS (HNS) front over it, and a
 * blob soft-delete front over a second Azurite, and stops them all at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite({ location: 'memory' });
  project.provide('azuriteConnectionString', azurite.connectionString);
  project.provide('azuriteBlobEndpoint', azurite.blobEndpoint);
  const dfs = await startDfsServer({ azuriteBlobEndpoint: azurite.blobEndpoint });
  project.provide('hnsConnectionString', dfs.connectionString);
  project.provide('hnsBlobEndpoint', dfs.url);
  const kept = await startAzurite({ location: 'memory' });
  const softDelete = await startSoftDeleteServer({ azuriteBlobEndpoint: kept.blobEndpoint });
  project.provide('softDeleteConnectionString', softDelete.connectionString);
  project.provide('softDeleteBlobEndpoint', softDelete.url);
  return async () => {
    await softDelete.stop();
    await kept.stop();
    await dfs.stop();
    await azurite.stop();
  };
}
