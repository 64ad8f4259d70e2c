import type { ContainerClient } from '@azure/storage-blob';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dragOutLimits } from '../../shared/contract/index.js';
import type { TransferEngine } from '../transfers/createTransferEngine.js';
import {
  KiB,
  bytes,
  engineFor,
  fileBytes,
  freshContainer,
  tempDir,
  until,
} from '../transfers/transferFixture.js';
import { createDragOut, type DragOutOptions } from './dragOut.js';

/** A drag-out over a fresh engine on `container`, recording every startDrag. */
async function dragOutOn(container: ContainerClient, options: Partial<DragOutOptions> = {}) {
  const folder = path.join(await tempDir('drag-out'), 'drag-out');
  const drags: string[][] = [];
  let engine: Promise<TransferEngine> | undefined;
  const dragOut = createDragOut({
    engine: () => (engine ??= engineFor(container, { onEvent: (e) => dragOut.onProgress(e) })),
    container: async () => container,
    folder,
    startDrag: (files) => drags.push(files),
    ...options,
  });
  return { dragOut, drags, folder, engine: () => engine! };
}

const args = (container: ContainerClient, paths: string[]) => ({
  connectionId: 'test',
  container: container.containerName,
  paths,
});

describe('dragging files out of the window', () => {
  it('downloads the files byte for byte into a fresh folder under its own, then starts the drag with them in order', async () => {
    const container = await freshContainer('drag-out');
    const a = bytes(300 * KiB);
    const b = bytes(5);
    await container.getBlockBlobClient('in/a.csv').uploadData(a);
    await container.getBlockBlobClient('other/a.csv').uploadData(b);
    const { dragOut, drags, folder } = await dragOutOn(container);

    const result = await dragOut.start(args(container, ['in/a.csv', 'other/a.csv']));

    expect(result).toEqual({ files: 2, bytes: a.length + b.length });
    expect(drags).toHaveLength(1);
    const [first, second] = drags[0]!;
    expect(first!.startsWith(folder + path.sep)).toBe(true);
    // Same name from two folders: both keep it, each in a folder of its own.
    expect(path.basename(first!)).toBe('a.csv');
    expect(path.basename(second!)).toBe('a.csv');
    expect(path.dirname(second!)).not.toBe(path.dirname(first!));
    expect(path.dirname(path.dirname(second!))).toBe(path.dirname(path.dirname(first!)));
    expect((await fileBytes(first!)).equals(a)).toBe(true);
    expect((await fileBytes(second!)).equals(b)).toBe(true);
    await dragOut.dispose();
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses folders (markers and virtual ones) and more bytes than the limit, downloading nothing', async () => {
    const container = await freshContainer('drag-refuse');
    await container
      .getBlockBlobClient('marker')
      .upload('', 0, { metadata: { hdi_isfolder: 'true' } });
    await container.getBlockBlobClient('virtual/x.txt').uploadData(bytes(3));
    await container
      .getBlockBlobClient('big.bin')
      .uploadData(Buffer.alloc(dragOutLimits.maxBytes + 1));
    const { dragOut, drags, folder } = await dragOutOn(container);

    await expect(dragOut.start(args(container, ['marker']))).rejects.toMatchObject({
      error: { code: 'InvalidInput', message: 'marker is a folder; use Download to copy folders.' },
    });
    await expect(dragOut.start(args(container, ['virtual']))).rejects.toMatchObject({
      error: {
        code: 'NotFound',
        message: expect.stringContaining('only files can be dragged out'),
      },
    });
    await expect(dragOut.start(args(container, ['big.bin']))).rejects.toMatchObject({
      error: { code: 'InvalidInput', message: expect.stringContaining('too much to drag out') },
    });
    expect(drags).toEqual([]);
    expect(existsSync(folder)).toBe(false);
  });

  it('answers InvalidInput without the desktop host', async () => {
    const container = await freshContainer('drag-web');
    await container.getBlockBlobClient('a.txt').uploadData(bytes(3));
    const { dragOut } = await dragOutOn(container, { startDrag: undefined });
    await expect(dragOut.start(args(container, ['a.txt']))).rejects.toMatchObject({
      error: { code: 'InvalidInput', message: expect.stringContaining('needs the desktop app') },
    });
  });

  it('starts no drag when the download outlasts the deadline', async () => {
    const container = await freshContainer('drag-slow');
    await container.getBlockBlobClient('a.txt').uploadData(bytes(3));
    const { dragOut, drags } = await dragOutOn(container, { deadlineMs: 0 });
    await expect(dragOut.start(args(container, ['a.txt']))).rejects.toMatchObject({
      error: { code: 'Timeout', message: expect.stringContaining('no drag started') },
    });
    expect(drags).toEqual([]);
  });

  it('removes each drag folder after keepMs, and what an earlier run left when created', async () => {
    const container = await freshContainer('drag-keep');
    await container.getBlockBlobClient('a.txt').uploadData(bytes(3));
    const leftover = path.join(await tempDir('drag-left'), 'drag-out');
    await mkdir(path.join(leftover, 'old'), { recursive: true });
    await writeFile(path.join(leftover, 'old', 'x.txt'), 'x');
    const { dragOut, drags } = await dragOutOn(container, { folder: leftover, keepMs: 50 });
    await dragOut.start(args(container, ['a.txt']));
    expect(existsSync(path.join(leftover, 'old'))).toBe(false);
    expect(existsSync(drags[0]![0]!)).toBe(true);
    await until(() => !existsSync(path.dirname(drags[0]![0]!)));
    expect(await readdir(leftover)).toEqual([]);
  });
});
