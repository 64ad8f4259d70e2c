import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrefixHasher } from './prefixHasher.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lakeshore-hasher-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('PrefixHasher', () => {
  it('hashes a file as its prefix grows, on the worker thread, for several files at once', async () => {
    const files = await Promise.all(
      [3 * 1024 * 1024 + 5, 10, 0].map(async (size, i) => {
        const data = randomBytes(size);
        const p = path.join(dir, `f${i}`);
        await writeFile(p, data);
        return { p, data };
      }),
    );
    const hashers = files.map((f) => new PrefixHasher(f.p));
    hashers[0]?.advance(1024 * 1024);
    hashers[0]?.advance(512);
    hashers[0]?.advance(2 * 1024 * 1024);
    const digests = await Promise.all(hashers.map((h, i) => h.digest(files[i]?.data.length ?? 0)));
    digests.forEach((d, i) =>
      expect(d.toString('hex')).toBe(
        createHash('md5')
          .update(files[i]?.data ?? Buffer.alloc(0))
          .digest('hex'),
      ),
    );
  });

  it('rejects the digest of a file that is missing or shorter than the length asked', async () => {
    await expect(new PrefixHasher(path.join(dir, 'nope')).digest(10)).rejects.toThrow(/ENOENT/);
    const short = path.join(dir, 'short');
    await writeFile(short, 'abc');
    const h = new PrefixHasher(short);
    h.advance(10);
    await expect(h.digest(10)).rejects.toThrow(/shorter/);
    const closed = new PrefixHasher(short);
    closed.close();
    await expect(closed.digest(3)).rejects.toThrow(/closed/);
  });
});
