import { failWith } from '../storage/toLakeError.js';

const MiB = 1024 * 1024;

/** A block blob holds at most 50,000 committed blocks (Put Block List, https://learn.microsoft.com/rest/api/storageservices/put-block-list). */
export const maxBlocksPerBlob = 50_000;

/** The largest block Put Block accepts, 4,000 MiB (https://learn.microsoft.com/rest/api/storageservices/put-block). */
export const maxBlockSizeBytes = 4000 * MiB;

/** The default block (and download range) size: 8 MiB. */
export const defaultBlockSizeBytes = 8 * MiB;

/** The largest range a download cuts a blob in when no block size was asked for: 32 MiB. */
const largestDefaultRangeBytes = 32 * MiB;

/** About how many ranges a download cuts a large blob in when no block size was asked for. */
const defaultRangesPerBlob = 16;

/**
 * The range size (bytes) of a download of a `blobSize`-byte blob: `chosen` when a block size was
 * asked for (`--block-size`); otherwise 8 MiB (`defaultBlockSizeBytes`), grown in whole MiB up to
 * 32 MiB so that a large blob is cut in about 16 ranges (256 MiB: 16 MiB, 1 GiB and up: 32 MiB).
 * Each range is one Get Blob with `x-ms-range` and its own per-request cost on both ends:
 * measured on the 2-core VM against Azurite, 1 GiB in 8 MiB ranges took Azurite 3.6–4.1 s of
 * CPU and in 32 MiB ranges 2.7–3.1 s (rclone cuts 1 GiB in 4 ranges of 256 MiB). Memory does
 * not grow with it: a range is written in 1 MiB batches (`RangeSink`).
 */
export function rangeSizeFor(blobSize: number, chosen?: number): number {
  if (chosen) return chosen;
  const even = Math.ceil(blobSize / defaultRangesPerBlob / MiB) * MiB;
  return Math.min(largestDefaultRangeBytes, Math.max(defaultBlockSizeBytes, even));
}

/**
 * The block size for a file of `fileSize` bytes: `preferred`, raised to a whole number of MiB
 * when the file would otherwise need more than 50,000 blocks. Throws `InvalidInput` when even
 * 4,000 MiB blocks are too small (a file above ~190.7 TiB, the block blob limit).
 */
export function blockSizeFor(fileSize: number, preferred: number = defaultBlockSizeBytes): number {
  const needed = Math.ceil(fileSize / maxBlocksPerBlob);
  if (needed <= preferred) return preferred;
  const raised = Math.ceil(needed / MiB) * MiB;
  if (raised > maxBlockSizeBytes) {
    return failWith(
      'InvalidInput',
      `A file of ${fileSize} bytes is larger than a block blob can hold (50,000 blocks of 4,000 MiB).`,
    );
  }
  return raised;
}

/** How many blocks (or ranges) of `blockSize` bytes cover `size` bytes; at least 1. */
export const blockCount = (size: number, blockSize: number): number =>
  Math.max(1, Math.ceil(size / blockSize));

/** Bytes in block `index` of a `size`-byte file cut in `blockSize` blocks. */
export const blockLength = (index: number, size: number, blockSize: number): number =>
  Math.max(0, Math.min(blockSize, size - index * blockSize));

/**
 * The block id of block `index`: base64 of `lakeshore-` and the index on 6 digits, so every id
 * of a blob has the same length (Put Block requires equal-length ids, at most 64 bytes before
 * encoding) and an id names its position, which is how a resumed upload recognises its blocks.
 */
export const blockId = (index: number): string =>
  Buffer.from(`lakeshore-${index.toString().padStart(6, '0')}`).toString('base64');
