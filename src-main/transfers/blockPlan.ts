import { failWith } from '../storage/toLakeError.js';

const MiB = 1024 * 1024;

/** A block blob holds at most 50,000 committed blocks (Put Block List, https://learn.microsoft.com/rest/api/storageservices/put-block-list). */
export const maxBlocksPerBlob = 50_000;

/** The largest block Put Block accepts, 4,000 MiB (https://learn.microsoft.com/rest/api/storageservices/put-block). */
export const maxBlockSizeBytes = 4000 * MiB;

/** The default block (and download range) size: 8 MiB. */
export const defaultBlockSizeBytes = 8 * MiB;

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
