import { appendFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from './jobRecord.js';
import { createJournal } from './journal.js';

const record = (id: string, createdAt: string): JobRecord => ({
  version: 1,
  id,
  batchId: 'b',
  direction: 'upload',
  kind: 'folder',
  rootKind: 'directory',
  name: 'x',
  connectionId: 'c',
  container: 'k',
  localPath: '/x',
  remotePath: 'x',
  conflict: 'ask',
  createdAt,
  state: { kind: 'running' },
  bytesCompleted: 0,
  filesDone: 0,
  filesSkipped: 0,
  filesFailed: 0,
  failures: [],
  rewrites: [],
  active: [],
});

describe('createJournal', () => {
  it('batches writes, flushes on demand and reads jobs back in creation order', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'journal-'));
    const records = new Map([
      ['j2', record('j2', '2026-01-02T00:00:00Z')],
      ['j1', record('j1', '2026-01-01T00:00:00Z')],
    ]);
    const journal = createJournal(dir, (id) => records.get(id), 60_000);
    journal.touch('j1');
    journal.touch('j2');
    journal.finished('j1', 'a/b.txt');
    journal.finished('j1', 'line\nbreak.txt');
    expect(await readdir(dir)).toEqual([]);
    await journal.flush();
    const loaded = await journal.load();
    expect(loaded.map((e) => e.record.id)).toEqual(['j1', 'j2']);
    expect([...(loaded[0]?.done ?? [])]).toEqual(['a/b.txt', 'line\nbreak.txt']);
    await journal.remove('j2');
    expect((await readdir(dir)).sort()).toEqual(['j1.done', 'j1.json']);
  });

  it('ignores a done line cut by a crash and a snapshot that cannot be read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'journal-'));
    const journal = createJournal(dir, () => record('j1', '2026-01-01T00:00:00Z'));
    journal.finished('j1', 'ok.txt');
    await journal.flush();
    await appendFile(path.join(dir, 'j1.done'), '"cut-in-the-mid');
    await writeFile(path.join(dir, 'broken.json'), '{"version":1,');
    const loaded = await journal.load();
    expect(loaded).toHaveLength(1);
    expect([...(loaded[0]?.done ?? [])]).toEqual(['ok.txt']);
  });
});
