import type { ContainerClient } from '@azure/storage-blob';
import { runPool } from '../../platform/runPool.js';
import { manyBlobBody, manyBlobPath, sampleFiles, type SampleFile } from './sampleFiles.js';

export interface SeedOptions {
  /** Blobs in `many/`; default 10,000. */
  manyCount?: number;
  /** Uploads in flight; default 32. */
  concurrency?: number;
  /** Called after each upload with the files uploaded so far and the files in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Every blob seeded: path, size in bytes and Content-Type, in upload order. */
export type SeedManifest = { path: string; size: number; contentType: string }[];

function* allFiles(samples: SampleFile[], manyCount: number): Generator<SampleFile> {
  yield* samples;
  for (let i = 1; i <= manyCount; i += 1) {
    yield {
      path: manyBlobPath(i),
      body: Buffer.from(manyBlobBody(i)),
      contentType: 'text/plain; charset=utf-8',
    };
  }
}

/**
 * Creates `container` if missing and uploads the sample lake (Put Blob per file, `concurrency`
 * in flight), telling `onProgress` the count after each file. Overwrites blobs of the same
 * names. Rejects with the SDK's error on the first failed upload.
 */
export async function seedSampleLake(
  container: ContainerClient,
  options: SeedOptions = {},
): Promise<SeedManifest> {
  await container.createIfNotExists();
  const manifest: SeedManifest = [];
  const samples = sampleFiles();
  const manyCount = options.manyCount ?? 10_000;
  const total = samples.length + manyCount;
  await runPool(allFiles(samples, manyCount), options.concurrency ?? 32, async (f) => {
    await container
      .getBlockBlobClient(f.path)
      .uploadData(f.body, { blobHTTPHeaders: { blobContentType: f.contentType } });
    manifest.push({ path: f.path, size: f.body.length, contentType: f.contentType });
    options.onProgress?.(manifest.length, total);
  });
  return manifest;
}
