import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preallocate, preallocateMinBytes } from './preallocate.js';

describe('preallocate', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'preallocate-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.runIf(process.platform === 'linux')(
    'reserves the blocks of a large file and keeps its size',
    async () => {
      const file = path.join(dir, 'part');
      await writeFile(file, 'abc');
      await expect(preallocate(file, 64 * 1024 * 1024)).resolves.toBe(true);
      const after = await stat(file);
      expect(after.size).toBe(3);
      expect(after.blocks * 512).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    },
  );

  it('reserves nothing for a file under the threshold', async () => {
    const file = path.join(dir, 'part');
    await writeFile(file, '');
    await expect(preallocate(file, preallocateMinBytes - 1)).resolves.toBe(false);
    expect((await stat(file)).blocks).toBe(0);
  });

  it('resolves false instead of failing when the file cannot be reserved', async () => {
    await expect(preallocate(path.join(dir, 'no-such-folder', 'part'), 1 << 30)).resolves.toBe(
      false,
    );
  });
});
