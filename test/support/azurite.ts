import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** A client on the run's Azurite (started by azuriteGlobalSetup). */
export const testBlobService = (): BlobServiceClient =>
  BlobServiceClient.fromConnectionString(inject('azuriteConnectionString'));

/** A container name no other test uses: `prefix` (lowercase letters and digits) plus random hex, within 3–63 chars. */
export const uniqueContainerName = (prefix: string): string =>
  `${prefix.slice(0, 40)}-${randomBytes(6).toString('hex')}`;
