import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blobBytes,
  bytes,
  engineFor,
  freshContainer,
  tempDir,
  uploadArgs,
} from './transferFixture.js';

const notFollowed = 'symbolic link, not followed';

/**
 * `<dir>/lake` with a file, a link to a file outside it, a link to a folder outside it (holding
 * one file), a broken link and, in `sub/`, a link back to `lake` (a cycle).
 */
async function linkedFolder(dir: string) {
  const root = path.join(dir, 'lake');
  const outside = path.join(dir, 'outside');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await mkdir(path.join(outside, 'folder'), { recursive: true });
  const data = { real: bytes(100), target: bytes(200), inFolder: bytes(300) };
  await writeFile(path.join(root, 'real.bin'), data.real);
  await writeFile(path.join(outside, 'target.bin'), data.target);
  await writeFile(path.join(outside, 'folder', 'in.bin'), data.inFolder);
  await symlink(path.join(outside, 'target.bin'), path.join(root, 'file-link.bin'));
  await symlink(path.join(outside, 'folder'), path.join(root, 'dir-link'));
  await symlink(root, path.join(root, 'sub', 'cycle'));
  return { root, outside, data };
}

const blobNames = async (container: Awaited<ReturnType<typeof freshContainer>>) => {
  const names: string[] = [];
  for await (const b of container.listBlobsFlat()) names.push(b.name);
  return names.sort();
};

describe('symbolic links in an upload', () => {
  it('by default skips every link, each reported on the job, and counts only real files', async () => {
    const container = await freshContainer('ln-skip');
    const dir = await tempDir('ln-skip');
    const { root, data } = await linkedFolder(dir);
    await symlink(path.join(dir, 'nowhere'), path.join(root, 'broken.bin'));
    const engine = await engineFor(container);
    const [id] = await engine.enqueueUpload(uploadArgs(container, [root]));
    await engine.whenIdle();
    expect(await blobNames(container)).toEqual(['lake/real.bin']);
    expect((await blobBytes(container, 'lake/real.bin')).equals(data.real)).toBe(true);
    const job = engine.list().find((j) => j.id === id);
    expect(job).toMatchObject({
      state: { kind: 'completed' },
      filesDone: 1,
      filesTotal: 1,
      bytesTotal: 100,
      entriesSkipped: 4,
    });
    expect([...(job?.skippedEntries ?? [])].sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      ['broken.bin', 'dir-link', 'file-link.bin', 'sub/cycle'].map((n) => ({
        path: path.join(root, n),
        reason: notFollowed,
      })),
    );
    await engine.close();
  });

  it('with followSymlinks follows links to files and folders, not a link back to a parent', async () => {
    const container = await freshContainer('ln-follow');
    const dir = await tempDir('ln-follow');
    const { root, data } = await linkedFolder(dir);
    const engine = await engineFor(container);
    const [id] = await engine.enqueueUpload({
      ...uploadArgs(container, [root]),
      followSymlinks: true,
    });
    await engine.whenIdle();
    expect(await blobNames(container)).toEqual([
      'lake/dir-link/in.bin',
      'lake/file-link.bin',
      'lake/real.bin',
    ]);
    expect((await blobBytes(container, 'lake/file-link.bin')).equals(data.target)).toBe(true);
    expect((await blobBytes(container, 'lake/dir-link/in.bin')).equals(data.inFolder)).toBe(true);
    expect(engine.list().find((j) => j.id === id)).toMatchObject({
      state: { kind: 'completed' },
      filesDone: 3,
      filesTotal: 3,
      entriesSkipped: 1,
      skippedEntries: [
        {
          path: path.join(root, 'sub', 'cycle'),
          reason: 'symbolic link to a folder it is inside of, not followed (a cycle)',
        },
      ],
    });
    await engine.close();
  });

  it('a single file that is a link is skipped and reported, or followed with followSymlinks', async () => {
    const container = await freshContainer('ln-single');
    const dir = await tempDir('ln-single');
    const { root, data } = await linkedFolder(dir);
    const link = path.join(root, 'file-link.bin');
    const engine = await engineFor(container);
    const [skipped] = await engine.enqueueUpload(uploadArgs(container, [link]));
    await engine.whenIdle();
    expect(engine.list().find((j) => j.id === skipped)).toMatchObject({
      state: { kind: 'skipped', reason: `${link}: ${notFollowed}` },
      filesDone: 0,
      entriesSkipped: 1,
      skippedEntries: [{ path: link, reason: notFollowed }],
    });
    expect(await blobNames(container)).toEqual([]);
    const [followed] = await engine.enqueueUpload({
      ...uploadArgs(container, [link]),
      followSymlinks: true,
    });
    await engine.whenIdle();
    expect(engine.list().find((j) => j.id === followed)).toMatchObject({
      state: { kind: 'completed' },
      filesDone: 1,
      entriesSkipped: 0,
    });
    expect((await blobBytes(container, 'file-link.bin')).equals(data.target)).toBe(true);
    await engine.close();
  });
});
