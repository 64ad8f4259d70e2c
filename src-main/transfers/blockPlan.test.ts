import { describe, expect, it } from 'vitest';
import { LakeFailure } from '../storage/toLakeError.js';
import {
  blockCount,
  blockId,
  blockLength,
  blockSizeFor,
  defaultBlockSizeBytes,
  maxBlocksPerBlob,
  rangeSizeFor,
} from './blockPlan.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('blockSizeFor', () => {
  it('keeps the preferred size while 50,000 blocks suffice', () => {
    expect(blockSizeFor(0)).toBe(defaultBlockSizeBytes);
    expect(blockSizeFor(100 * GiB)).toBe(8 * MiB);
    expect(blockSizeFor(maxBlocksPerBlob * 8 * MiB)).toBe(8 * MiB);
    expect(blockSizeFor(1000, 256 * 1024)).toBe(256 * 1024);
  });

  it('raises the size to whole MiB so no blob needs more than 50,000 blocks', () => {
    const size = maxBlocksPerBlob * 8 * MiB + 1;
    const raised = blockSizeFor(size);
    expect(raised).toBe(9 * MiB);
    expect(blockCount(size, raised)).toBeLessThanOrEqual(maxBlocksPerBlob);
    for (const s of [1024 * GiB, 5000 * GiB, 190 * 1024 * GiB]) {
      const b = blockSizeFor(s);
      expect(b % MiB).toBe(0);
      expect(blockCount(s, b)).toBeLessThanOrEqual(maxBlocksPerBlob);
    }
  });

  it('refuses a file no block blob can hold', () => {
    expect(() => blockSizeFor(maxBlocksPerBlob * 4000 * MiB + 1)).toThrow(LakeFailure);
  });
});

describe('rangeSizeFor', () => {
  it('cuts a large blob in about 16 ranges of 8 to 32 MiB when no size was asked for', () => {
    expect(rangeSizeFor(9 * MiB)).toBe(8 * MiB);
    expect(rangeSizeFor(128 * MiB)).toBe(8 * MiB);
    expect(rangeSizeFor(129 * MiB)).toBe(9 * MiB);
    expect(rangeSizeFor(256 * MiB)).toBe(16 * MiB);
    expect(rangeSizeFor(GiB)).toBe(32 * MiB);
    expect(rangeSizeFor(100 * GiB)).toBe(32 * MiB);
  });

  it('keeps a block size that was asked for', () => {
    expect(rangeSizeFor(GiB, 4 * MiB)).toBe(4 * MiB);
    expect(rangeSizeFor(GiB, 8 * MiB)).toBe(8 * MiB);
    expect(rangeSizeFor(MiB, 100 * MiB)).toBe(100 * MiB);
  });
});

describe('blocks', () => {
  it('counts and sizes the blocks of a file', () => {
    expect(blockCount(0, 4)).toBe(1);
    expect(blockCount(8, 4)).toBe(2);
    expect(blockCount(9, 4)).toBe(3);
    expect([0, 1, 2].map((i) => blockLength(i, 9, 4))).toEqual([4, 4, 1]);
  });

  it('derives fixed-length ids from the index', () => {
    const ids = [0, 1, 49_999].map(blockId);
    expect(new Set(ids.map((id) => id.length))).toEqual(new Set([24]));
    expect(Buffer.from(ids[2] ?? '', 'base64').toString()).toBe('lakeshore-049999');
    expect(new Set(ids).size).toBe(3);
  });
});
