import { describe, expect, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../../test/support/azurite.js';
import { manyBlobBody, manyBlobPath, sampleFiles } from './sampleFiles.js';
import { seedSampleLake } from './seedSampleLake.js';

describe('seedSampleLake', () => {
  it('uploads every sample file with its bytes and Content-Type, and many/ as asked', async () => {
    const container = testBlobService().getContainerClient(uniqueContainerName('seed'));
    const manifest = await seedSampleLake(container, { manyCount: 30 });

    const listed = [];
    for await (const blob of container.listBlobsFlat()) {
      listed.push({
        path: blob.name,
        size: blob.properties.contentLength,
        contentType: blob.properties.contentType,
      });
    }
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(listed.sort(byPath)).toEqual([...manifest].sort(byPath));
    expect(listed.filter((b) => b.path.startsWith('many/'))).toHaveLength(30);
    expect(listed.map((b) => b.path)).toContain(manyBlobPath(30));

    for (const file of sampleFiles()) {
      const downloaded = await container.getBlobClient(file.path).downloadToBuffer();
      expect(downloaded.equals(file.body), file.path).toBe(true);
    }
    for (const i of [1, 30]) {
      const downloaded = await container.getBlobClient(manyBlobPath(i)).downloadToBuffer();
      expect(downloaded.toString('utf8')).toBe(manyBlobBody(i));
    }
  });
});
