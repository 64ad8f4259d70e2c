// Setup for the transfer integration tests only: a fresh container, temp folders, an engine.
import type { ContainerClient } from '@azure/storage-blob';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import {
  createTransferEngine,
  type TransferEngine,
  type TransferEngineOptions,
} from './createTransferEngine.js';
import { openAccount } from '../storage/accountAccess.js';
import { createBlobTransport } from '../storage/blobTransport.js';
import { hookedContainer, hookedTransport, type BlobHook } from './testSupport.js';

/** 1,024 bytes. */
export const KiB = 1024;

/** A new container on the test Azurite. */
export async function freshContainer(prefix: string): Promise<ContainerClient> {
  const container = testBlobService().getContainerClient(uniqueContainerName(prefix));
  await container.create();
  return container;
}

/** A new empty temp folder. */
export const tempDir = (label: string): Promise<string> =>
  mkdtemp(path.join(tmpdir(), `lakeshore-${label}-`));

/** `n` random bytes. */
export const bytes = (n: number): Buffer => randomBytes(n);

/** Base64 MD5 of `b`, as Content-MD5 is written. */
export const md5 = (b: Buffer | Uint8Array): string => createHash('md5').update(b).digest('base64');

/** The bytes of a blob. */
export const blobBytes = async (container: ContainerClient, name: string): Promise<Buffer> =>
  container.getBlockBlobClient(name).downloadToBuffer();

/** The bytes of a local file. */
export const fileBytes = (p: string): Promise<Buffer> => readFile(p);

/** An engine on `container` (through `hook` when given), fast retries, its own journal folder unless given. */
export async function engineFor(
  container: ContainerClient,
  options: Partial<Omit<TransferEngineOptions, 'convert' | 'delta'>> & { hook?: BlobHook } = {},
): Promise<TransferEngine> {
  const { hook, ...rest } = options;
  const client = hook ? hookedContainer(container, hook) : container;
  return createTransferEngine({
    journalDir: await tempDir('journal'),
    resolveContainer: async () => client,
    ...(hook
      ? { blobTransport: (c: ContainerClient) => hookedTransport(createBlobTransport(c), hook) }
      : {}),
    resumeOnStart: true,
    retry: { maxTries: 4, baseDelayMs: 5, maxDelayMs: 50 },
    ...rest,
  });
}

/** The upload arguments for `localPaths` into `remoteDirectory`. */
export const uploadArgs = (
  container: ContainerClient,
  localPaths: string[],
  conflict: 'ask' | 'overwrite' | 'skip' | 'rename' | 'ifNewer' = 'overwrite',
  remoteDirectory = '',
) => ({
  connectionId: 'test',
  container: container.containerName,
  remoteDirectory,
  localPaths,
  conflict,
});

/** The download arguments for `remotePaths` into `localDirectory`. */
export const downloadArgs = (
  container: ContainerClient,
  remotePaths: Array<{ path: string; kind: 'file' | 'directory' }>,
  localDirectory: string,
  conflict: 'ask' | 'overwrite' | 'skip' | 'rename' | 'ifNewer' = 'overwrite',
) => ({
  connectionId: 'test',
  container: container.containerName,
  remotePaths,
  localDirectory,
  conflict,
});

/** Resolves once `predicate` holds, polling every 10 ms (rejects after `timeoutMs`). */
export async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * `container` of the test Azurite's account opened through the proxy at `proxyUrl` as the
 * service opens a transfer connection, so its pipelines carry the storage layer's lost-answer
 * rules (Shared Key from the test connection string).
 */
export function containerThroughProxy(proxyUrl: string, container: string): ContainerClient {
  const endpoint = new URL(inject('azuriteBlobEndpoint'));
  const cs = inject('azuriteConnectionString');
  const part = (k: string) => new RegExp(`${k}=([^;]+)`).exec(cs)?.[1] ?? '';
  return openAccount(
    {
      kind: 'accountKey',
      accountName: part('AccountName'),
      accountKey: part('AccountKey'),
      blobEndpoint: `${proxyUrl}${endpoint.pathname.replace(/\/$/, '')}`,
    },
    'transfer',
  ).container(container);
}
