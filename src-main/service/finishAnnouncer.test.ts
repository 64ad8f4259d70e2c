import { describe, expect, it } from 'vitest';
import type { TransferJobSummary, TransferProgressEvent } from '../../shared/contract/index.js';
import { createFinishAnnouncer } from './finishAnnouncer.js';

const job = (state: TransferJobSummary['state'], id = 'j1'): TransferJobSummary => ({
  id,
  batchId: 'b',
  direction: 'download',
  kind: 'file',
  name: 'orders.csv',
  localPath: '/home/u/Downloads/orders.csv',
  connectionId: 'c',
  container: 'samples',
  remotePath: 'raw/orders.csv',
  bytesDone: 10,
  bytesTotal: 10,
  filesDone: 1,
  filesTotal: 1,
  filesSkipped: 0,
  filesFailed: 0,
  failures: [],
  rateBytesPerSec: 0,
  state,
  rewrites: [],
  createdAt: '2026-01-01T00:00:00.000Z',
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
      ['info', 'Downloaded orders.csv (1 files) to /home/u/Downloads/orders.csv.'],
      ['error', 'Download of orders.csv failed: bad key'],
    ]);
  });
});
