import { describe, expect, it } from 'vitest';
import type { LakeFailure } from '../../storage/toLakeError.js';
import { maxHistoryEntries, planReplay } from './plan.js';

const set = (...v: number[]) => new Set(v);
const failure = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return (err as LakeFailure).error;
  }
  throw new Error('expected a failure');
};

describe('planReplay', () => {
  it('replays all commits from 0 without a checkpoint, history newest first', () => {
    expect(planReplay(set(0, 1, 2), set(), undefined)).toEqual({
      latestVersion: 2,
      version: 2,
      replay: [0, 1, 2],
      history: [2, 1, 0],
      notes: [],
    });
  });

  it('starts from the newest checkpoint at or before the version asked for', () => {
    const commits = set(0, 1, 2, 3, 4, 5);
    expect(planReplay(commits, set(2, 4), 3)).toMatchObject({
      version: 3,
      checkpoint: 2,
      replay: [3],
      notes: [],
    });
    expect(planReplay(commits, set(2, 4), 4)).toMatchObject({ checkpoint: 4, replay: [] });
    expect(planReplay(commits, set(2, 4), 1)).toMatchObject({ replay: [0, 1], notes: [] });
  });

  it('stops before a missing commit with a note', () => {
    expect(planReplay(set(0, 1, 3), set(), undefined)).toMatchObject({
      latestVersion: 3,
      version: 1,
      replay: [0, 1],
      history: [3, 1, 0],
      notes: ['Commit 2 is missing: showing up to version 1.'],
    });
    expect(planReplay(set(3, 5), set(3), 5)).toMatchObject({
      version: 3,
      replay: [],
      checkpoint: 3,
      notes: ['Commit 4 is missing: showing up to version 3.'],
    });
  });

  it('notes a _last_checkpoint naming a checkpoint the log lacks', () => {
    expect(planReplay(set(0), set(), undefined, 7).notes).toEqual([
      '_last_checkpoint names checkpoint 7, which is not in the log.',
    ]);
  });

  it('fails for an empty log, a future version and one nothing can rebuild', () => {
    expect(failure(() => planReplay(set(), set(), undefined)).code).toBe('NotFound');
    expect(failure(() => planReplay(set(0, 1), set(), 2))).toEqual({
      code: 'InvalidInput',
      message: 'Version 2 does not exist: the latest version is 1.',
    });
    expect(failure(() => planReplay(set(3, 4), set(3), 2)).message).toBe(
      'Version 2 cannot be rebuilt: the log starts at commit 3 and has no checkpoint at or before version 2.',
    );
  });

  it(`caps the history at ${maxHistoryEntries} newest commits`, () => {
    const commits = new Set(Array.from({ length: 150 }, (_, i) => i));
    const { history } = planReplay(commits, set(), undefined);
    expect(history).toHaveLength(maxHistoryEntries);
    expect([history[0], history.at(-1)]).toEqual([149, 50]);
  });
});
