import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KiB,
  blobBytes,
  bytes,
  downloadArgs,
  engineFor,
  fileBytes,
  freshContainer,
  tempDir,
  uploadArgs,
} from './transferFixture.js';

const MiB = 1024 * KiB;

describe('capBytesPerSecond', () => {
  it('4 MiB at 2 MiB/s, across two jobs, takes at least 1.5 s each way', async () => {
    const container = await freshContainer('cap');
    const dir = await tempDir('cap');
    const data = { a: bytes(2 * MiB), b: bytes(2 * MiB) };
    for (const [n, b] of Object.entries(data)) await writeFile(path.join(dir, `${n}.bin`), b);
    const engine = await engineFor(container, {
      blockSizeBytes: 256 * KiB,
      capBytesPerSecond: 2 * MiB,
    });
    let t0 = performance.now();
    await engine.enqueueUpload(uploadArgs(container, [path.join(dir, 'a.bin')]));
    await engine.enqueueUpload(uploadArgs(container, [path.join(dir, 'b.bin')]));
    await engine.whenIdle();
    const upMs = performance.now() - t0;
    expect(engine.list().map((j) => j.state.kind)).toEqual(['completed', 'completed']);
    expect((await blobBytes(container, 'a.bin')).equals(data.a)).toBe(true);
    expect(upMs).toBeGreaterThanOrEqual(1500);

    const out = await tempDir('cap-out');
    t0 = performance.now();
    await engine.enqueueDownload(
      downloadArgs(
        container,
        [
          { path: 'a.bin', kind: 'file' },
          { path: 'b.bin', kind: 'file' },
        ],
        out,
      ),
    );
    await engine.whenIdle();
    const downMs = performance.now() - t0;
    expect((await fileBytes(path.join(out, 'b.bin'))).equals(data.b)).toBe(true);
    expect(downMs).toBeGreaterThanOrEqual(1500);
    await engine.close();
  });
});
