import { appendFile, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../platform/atomicFile.js';
import type { JobRecord } from './jobRecord.js';

/** A job as found in the journal: its last snapshot and the keys of its files already finished. */
export interface JournalEntry {
  record: JobRecord;
  done: Set<string>;
}

/**
 * The transfer journal in `dir`: per job `<id>.json` (a snapshot, replaced atomically) and
 * `<id>.done` (keys of finished files, one JSON string a line, appended). Writes are batched:
 * `touch` and `finished` only mark work, and at most one flush runs every `intervalMs` (500 ms,
 * so ≤ 2 writes a second per job); the first change after a quiet interval is written at once. Finished keys are appended before the snapshot that drops
 * them from the active files, so a crash between the two repeats no file and loses none.
 */
export interface Journal {
  /** Marks `id` for the next flush; the snapshot is taken then. */
  touch(id: string): void;
  /** Records that the file `key` of job `id` is done (completed or skipped). */
  finished(id: string, key: string): void;
  /** Deletes a job's files. */
  remove(id: string): Promise<void>;
  /** Every job in the journal (malformed snapshots are skipped). */
  load(): Promise<JournalEntry[]>;
  /** Writes everything pending now. */
  flush(): Promise<void>;
}

/** Creates the journal; `snapshot(id)` returns the job's record at flush time, undefined once it is gone. */
export function createJournal(
  dir: string,
  snapshot: (id: string) => JobRecord | undefined,
  intervalMs = 500,
): Journal {
  const dirty = new Set<string>();
  const lines = new Map<string, string[]>();
  let timer: NodeJS.Timeout | undefined;
  let lastFlush = -Infinity;
  let running: Promise<void> = Promise.resolve();

  const writeAll = async () => {
    await mkdir(dir, { recursive: true });
    const pendingLines = [...lines];
    lines.clear();
    for (const [id, keys] of pendingLines) {
      await appendFile(
        path.join(dir, `${id}.done`),
        keys.map((k) => `${JSON.stringify(k)}\n`).join(''),
      );
    }
    const ids = [...dirty];
    dirty.clear();
    for (const id of ids) {
      const record = snapshot(id);
      if (record) await writeFileAtomic(path.join(dir, `${id}.json`), JSON.stringify(record));
    }
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastFlush = Date.now();
    running = running.then(writeAll, writeAll);
    return running;
  };

  const schedule = () => {
    if (timer) return;
    // The first change after a quiet spell is written at once (after the current tick's other
    // changes), so a process killed early still finds its job; later ones wait out the interval.
    const wait = Math.max(0, lastFlush + intervalMs - Date.now());
    timer = setTimeout(() => void flush().catch(() => undefined), wait);
    timer.unref();
  };

  return {
    touch(id) {
      dirty.add(id);
      schedule();
    },
    finished(id, key) {
      const list = lines.get(id) ?? [];
      list.push(key);
      lines.set(id, list);
      dirty.add(id);
      schedule();
    },
    async remove(id) {
      dirty.delete(id);
      lines.delete(id);
      await running.catch(() => undefined);
      await rm(path.join(dir, `${id}.json`), { force: true });
      await rm(path.join(dir, `${id}.done`), { force: true });
    },
    async load() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const out: JournalEntry[] = [];
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        const id = name.slice(0, -'.json'.length);
        try {
          const record = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as JobRecord;
          const doneText = await readFile(path.join(dir, `${id}.done`), 'utf8').catch(() => '');
          const done = new Set<string>();
          for (const line of doneText.split('\n')) {
            try {
              if (line) done.add(JSON.parse(line) as string);
            } catch {
              // A line cut by a crash names no finished file.
            }
          }
          out.push({ record, done });
        } catch {
          // A snapshot that cannot be read is not a job to resume.
        }
      }
      return out.sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
    },
    flush,
  };
}
