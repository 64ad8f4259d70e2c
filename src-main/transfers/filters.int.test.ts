import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from './jobRecord.js';
import {
  blobBytes,
  bytes,
  downloadArgs,
  engineFor,
  freshContainer,
  tempDir,
  until,
  uploadArgs,
} from './transferFixture.js';

/** A folder "lake" with csv, tmp and dot files at two levels and an empty folder; returns its files. */
async function lakeFolder(dir: string): Promise<Record<string, Buffer>> {
  const root = path.join(dir, 'lake');
  const files: Record<string, Buffer> = {
    'a.csv': bytes(100),
    'a.csv.tmp': bytes(7),
    '.hidden.csv': bytes(30),
    'notes.txt': bytes(50),
    'sub/b.csv': bytes(200),
    'sub/~b.csv': bytes(9),
  };
  for (const [rel, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), data);
  }
  await mkdir(path.join(root, 'empty'));
  return files;
}

const blobNames = async (container: Awaited<ReturnType<typeof freshContainer>>) => {
  const names: string[] = [];
  for await (const b of container.listBlobsFlat()) names.push(b.name);
  return names.sort();
};

const localFiles = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();

describe('name filters (include / exclude patterns on the file name)', () => {
  it('an upload takes only included, not excluded files, and counts only them', async () => {
    const container = await freshContainer('flt-up');
    const dir = await tempDir('flt-up');
    const files = await lakeFolder(dir);
    const engine = await engineFor(container);
    const [id] = await engine.enqueueUpload({
      ...uploadArgs(container, [path.join(dir, 'lake')]),
      include: ['*.csv', '*.txt'],
      exclude: ['~*', 'notes.*'],
    });
    await engine.whenIdle();
    const taken = ['.hidden.csv', 'a.csv', 'sub/b.csv'];
    expect(await blobNames(container)).toEqual(taken.map((n) => `lake/${n}`).sort());
    for (const n of taken)
      expect((await blobBytes(container, `lake/${n}`)).equals(files[n] ?? Buffer.alloc(1))).toBe(
        true,
      );
    expect(engine.list().find((j) => j.id === id)).toMatchObject({
      state: { kind: 'completed' },
      filesDone: 3,
      filesTotal: 3,
      bytesTotal: 330,
      bytesDone: 330,
    });
    await engine.close();
  });

  it('an upload with only exclude keeps empty folders; include drops them', async () => {
    const container = await freshContainer('flt-up-ex');
    const dir = await tempDir('flt-up-ex');
    await lakeFolder(dir);
    const engine = await engineFor(container);
    await engine.enqueueUpload({
      ...uploadArgs(container, [path.join(dir, 'lake')], 'overwrite', 'ex'),
      exclude: ['*.tmp'],
    });
    await engine.enqueueUpload({
      ...uploadArgs(container, [path.join(dir, 'lake')], 'overwrite', 'in'),
      include: ['b.csv'],
    });
    await engine.whenIdle();
    expect(await blobNames(container)).toEqual([
      'ex/lake/.hidden.csv',
      'ex/lake/a.csv',
      'ex/lake/empty',
      'ex/lake/notes.txt',
      'ex/lake/sub/b.csv',
      'ex/lake/sub/~b.csv',
      'in/lake/sub/b.csv',
    ]);
    await engine.close();
  });

  it('a download takes only the listed blobs whose names pass, and counts only them', async () => {
    const container = await freshContainer('flt-down');
    const src = await tempDir('flt-down-src');
    const files = await lakeFolder(src);
    const up = await engineFor(container);
    await up.enqueueUpload(uploadArgs(container, [path.join(src, 'lake')]));
    await up.whenIdle();
    await up.close();
    const out = await tempDir('flt-down-out');
    const engine = await engineFor(container);
    const [id] = await engine.enqueueDownload({
      ...downloadArgs(container, [{ path: 'lake', kind: 'directory' }], out),
      include: ['*.csv'],
      exclude: ['.*'],
    });
    await engine.whenIdle();
    expect(await localFiles(out)).toEqual(['lake/a.csv', 'lake/sub/b.csv', 'lake/sub/~b.csv']);
    expect(
      (await readFile(path.join(out, 'lake/sub/b.csv'))).equals(
        files['sub/b.csv'] ?? Buffer.alloc(1),
      ),
    ).toBe(true);
    expect(await readdir(path.join(out, 'lake'))).not.toContain('empty');
    expect(engine.list().find((j) => j.id === id)).toMatchObject({
      state: { kind: 'completed' },
      filesDone: 3,
      filesTotal: 3,
      bytesTotal: 309,
    });
    await engine.close();
  });

  it('the filters are kept in the journal and apply when another engine resumes the job', async () => {
    const container = await freshContainer('flt-resume');
    const dir = await tempDir('flt-resume');
    await lakeFolder(dir);
    const journalDir = await tempDir('flt-resume-journal');
    let frozen = false;
    const engineA = await engineFor(container, {
      journalDir,
      hook: () => {
        frozen = true;
        return new Promise<never>(() => undefined);
      },
    });
    await engineA.enqueueUpload({
      ...uploadArgs(container, [path.join(dir, 'lake')]),
      include: ['*.csv'],
      exclude: ['~*'],
    });
    await until(() => frozen);
    let record: JobRecord | undefined;
    const read = async () => {
      const name = (await readdir(journalDir)).find((n) => n.endsWith('.json'));
      return name
        ? (JSON.parse(await readFile(path.join(journalDir, name), 'utf8')) as JobRecord)
        : undefined;
    };
    while (!record) record = await read();
    expect(record).toMatchObject({ include: ['*.csv'], exclude: ['~*'] });
    const engineB = await engineFor(container, { journalDir });
    await engineB.whenIdle();
    expect(await blobNames(container)).toEqual([
      'lake/.hidden.csv',
      'lake/a.csv',
      'lake/sub/b.csv',
    ]);
    expect(engineB.list()[0]).toMatchObject({ state: { kind: 'completed' }, filesTotal: 3 });
    await engineB.close();
  });
});
