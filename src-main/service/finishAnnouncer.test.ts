import { describe, expect, it } from 'vitest';
import type { TransferJobSummary, TransferProgressEvent } from '../../shared/contract/index.js';
import { createFinishAnnouncer } from './finishAnnouncer.js';

const job = (
  state: TransferJobSummary['state'],
  id = 'j1',
  more: Partial<TransferJobSummary> = {},
): TransferJobSummary => ({
  id,
  batchId: id,
  direction: 'download',
  kind: 'file',
  name: 'orders.csv',
  localPath: '/home/u/Downloads/orders.csv',
  connectionId: 'c',
  container: 'samples',
  remotePath: 'raw/orders.csv',
  bytesDone: 10,
  bytesSkipped: 0,
  bytesResumed: 0,
  bytesTotal: 10,
  filesDone: 1,
  filesTotal: 1,
  filesSkipped: 0,
  filesFailed: 0,
  failures: [],
  warnings: [],
  rateBytesPerSec: 0,
  state,
  rewrites: [],
  skippedEntries: [],
  entriesSkipped: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...more,
});
const event = (...jobs: TransferJobSummary[]): TransferProgressEvent => ({
  jobs,
  removed: [],
  aggregate: {
    bytesDone: 0,
    bytesTotal: 0,
    rateBytesPerSec: 0,
    active: 0,
    concurrency: 1,
    limitedBy: 'none',
  },
});

describe('the finish announcer', () => {
  it('announces a completed job once and a failed one with its error', () => {
    const said: [string, string][] = [];
    const announce = createFinishAnnouncer((level, message) => said.push([level, message]));
    announce(event(job({ kind: 'running' })));
    announce(event(job({ kind: 'completed' })));
    announce(event(job({ kind: 'completed' })));
    announce(
      event(job({ kind: 'failed', error: { code: 'AuthFailed', message: 'bad key' } }, 'j2')),
    );
    expect(said).toEqual([
      ['info', 'Downloaded orders.csv (1 file) to /home/u/Downloads/orders.csv.'],
      ['error', 'Download of orders.csv failed: bad key'],
    ]);
  });

  it('announces a batch once, when its last job ends, with its files and the folder they went to', () => {
    const said: [string, string][] = [];
    const announce = createFinishAnnouncer((level, message) => said.push([level, message]));
    const upload = (
      id: string,
      name: string,
      state: TransferJobSummary['state'],
      filesDone: number,
    ) =>
      job(state, id, {
        batchId: 'up',
        direction: 'upload',
        kind: name.includes('.') ? 'file' : 'folder',
        name,
        remotePath: `raw/${name}`,
        filesDone,
        filesSkipped: name === 'logs' ? 2 : 0,
      });
    announce(
      event(
        upload('a', 'one.csv', { kind: 'queued' }, 0),
        upload('b', 'logs', { kind: 'queued' }, 0),
      ),
    );
    announce(event(upload('a', 'one.csv', { kind: 'completed' }, 1)));
    expect(said).toEqual([]);
    announce(event(upload('b', 'logs', { kind: 'completed' }, 1200)));
    announce(event(upload('b', 'logs', { kind: 'completed' }, 1200)));
    expect(said).toEqual([['info', 'Uploaded 2 items (1,201 files, 2 skipped) to samples/raw.']]);
  });

  it('says a batch failed with the first error, and nothing for a batch that was only cancelled', () => {
    const said: [string, string][] = [];
    const announce = createFinishAnnouncer((level, message) => said.push([level, message]));
    const error = { code: 'NotFound' as const, message: 'gone' };
    announce(
      event(
        job({ kind: 'completed' }, 'a', { batchId: 'mixed' }),
        job({ kind: 'failed', error }, 'b', { batchId: 'mixed', name: 'b.csv' }),
        job({ kind: 'cancelled' }, 'c', { batchId: 'stopped' }),
      ),
    );
    expect(said).toEqual([
      ['error', 'Download of 2 items failed (1 of 2 failed; first b.csv): gone'],
    ]);
  });

  it('names what a batch wrote: a file kept under a new name, and renamed files of a folder', () => {
    const said: [string, string][] = [];
    const announce = createFinishAnnouncer((level, message) => said.push([level, message]));
    const kept = { from: '/d/x.txt', to: '/d/x (1).txt', reason: 'a file of that name existed' };
    announce(
      event(job({ kind: 'completed' }, 'a', { localPath: '/home/u/Downloads/orders (1).csv' })),
    );
    announce(
      event(
        job({ kind: 'completed' }, 'b', {
          kind: 'folder',
          name: 'one',
          localPath: '/home/u/Downloads/one',
          filesDone: 3,
          rewrites: [kept, { from: 'a:b', to: 'a_b', reason: 'a character Windows refuses' }],
        }),
      ),
    );
    expect(said).toEqual([
      [
        'info',
        'Downloaded orders.csv as orders (1).csv (1 file) to /home/u/Downloads/orders (1).csv.',
      ],
      ['info', 'Downloaded one (3 files, 1 kept under a new name) to /home/u/Downloads/one.'],
    ]);
  });
});
