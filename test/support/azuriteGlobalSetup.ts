import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../src-main/emulator/azurite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    azuriteBlobEndpoint: string;
  }
}

/** Starts one in-memory Azurite for the integration run and stops it at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite({ location: 'memory' });
  project.provide('azuriteConnectionString', azurite.connectionString);
  project.provide('azuriteBlobEndpoint', azurite.blobEndpoint);
  return () => azurite.stop();
}
