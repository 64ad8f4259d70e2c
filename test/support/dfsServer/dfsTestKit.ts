import { BlobServiceClient, StorageSharedKeyCredential as BlobKey } from '@azure/storage-blob';
import type { DataLakeFileSystemClient } from '@azure/storage-file-datalake';
import { DataLakeServiceClient, StorageSharedKeyCredential } from '@azure/storage-file-datalake';
import { afterAll, beforeAll, inject } from 'vitest';
import { uniqueContainerName } from '../azurite.js';
import { sharedKeyStringToSign, signSharedKey } from './sharedKey.js';
import type { DfsServer } from './startDfsServer.js';
import { DEV_ACCOUNT_KEY, DEV_ACCOUNT_NAME, startDfsServer } from './startDfsServer.js';

/** Clients on a DfsServer of the calling test file, plus small helpers for its tests. */
export interface DfsTestKit {
  server: DfsServer;
  lake: DataLakeServiceClient;
  blobs: BlobServiceClient;
}

/**
 * Starts a DfsServer (deletePageSize 3) over the run's Azurite in beforeAll and stops it in
 * afterAll; the returned object is filled in once beforeAll has run.
 */
export const useDfsServer = (): DfsTestKit => {
  const kit = {} as DfsTestKit;
  beforeAll(async () => {
    kit.server = await startDfsServer({
      azuriteBlobEndpoint: inject('azuriteBlobEndpoint'),
      deletePageSize: 3,
    });
    kit.lake = new DataLakeServiceClient(
      kit.server.url,
      new StorageSharedKeyCredential(DEV_ACCOUNT_NAME, DEV_ACCOUNT_KEY),
    );
    kit.blobs = new BlobServiceClient(
      kit.server.url,
      new BlobKey(DEV_ACCOUNT_NAME, DEV_ACCOUNT_KEY),
    );
  });
  afterAll(async () => {
    await kit.server?.stop();
  });
  return kit;
};

/** A new filesystem with a unique name. */
export const newFileSystem = async (
  kit: DfsTestKit,
  prefix: string,
): Promise<DataLakeFileSystemClient> => {
  const fs = kit.lake.getFileSystemClient(uniqueContainerName(prefix));
  await fs.create();
  return fs;
};

/** Uploads `text` as a file through the DataLake SDK (create + append + flush). */
export const write = async (fs: DataLakeFileSystemClient, path: string, text: string) => {
  await fs.getFileClient(path).upload(Buffer.from(text));
};

/** Reads a file's bytes through the Blob API. */
export const read = async (
  kit: DfsTestKit,
  fs: DataLakeFileSystemClient,
  path: string,
): Promise<string> =>
  (await kit.blobs.getContainerClient(fs.name).getBlobClient(path).downloadToBuffer()).toString();

/** Listed names, directories with a trailing `/`. */
export const names = async (
  fs: DataLakeFileSystemClient,
  options: { recursive?: boolean; path?: string } = {},
) => {
  const out: string[] = [];
  for await (const p of fs.listPaths(options)) out.push(`${p.name}${p.isDirectory ? '/' : ''}`);
  return out;
};

/** The service error code `work` fails with (undefined when it succeeds). */
export const errorCode = async (work: Promise<unknown>): Promise<string | undefined> => {
  try {
    await work;
  } catch (e) {
    const err = e as { code?: string; details?: { errorCode?: string }; statusCode?: number };
    return err.details?.errorCode ?? err.code ?? String(err.statusCode);
  }
  return undefined;
};

/** A hand-made request on the server signed with the account key (bypasses SDK validation). */
export const signedFetch = async (
  kit: DfsTestKit,
  method: string,
  pathAndQuery: string,
  extra: Record<string, string> = {},
): Promise<Response> => {
  const url = new URL(`${kit.server.url}/${pathAndQuery}`);
  const headers: Record<string, string> = {
    'x-ms-date': new Date().toUTCString(),
    'x-ms-version': '2025-01-05',
    ...extra,
  };
  const toSign = sharedKeyStringToSign(
    DEV_ACCOUNT_NAME,
    method,
    url.pathname + url.search,
    headers,
  );
  headers.authorization = `SharedKey ${DEV_ACCOUNT_NAME}:${signSharedKey(DEV_ACCOUNT_KEY, toSign)}`;
  return fetch(url, { method, headers });
};
