import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** A client on the run's in-memory Azurite (started by azuriteGlobalSetup). */
export const testBlobService = (): BlobServiceClient =>
  BlobServiceClient.fromConnectionString(inject('azuriteConnectionString'));

/**
 * A container name no other test uses: `prefix` lowercased, reduced to letters, digits and
 * single hyphens (at most 40 chars), then `-` and 12 random hex digits; always a valid
 * container name (3–63 chars, starts with a letter or digit, no `--`).
 */
export const uniqueContainerName = (prefix: string): string => {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const suffix = randomBytes(6).toString('hex');
  return clean ? `${clean}-${suffix}` : suffix;
};
