import { parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Cell } from '../../shared/contract/preview.js';
import { hexBody, hexBytes, type PreviewBody } from './body.js';
import { typedCell } from './cells.js';
import { parquetColumn } from './parquetSchema.js';
import type { RangeReader } from './rangeReader.js';

/** Top-level columns that rows are read for; wider files show their whole schema but rows for these only. */
export const maxParquetColumnsWithRows = 50;

/** Most compressed column-chunk bytes read for rows; row groups bigger than this show the schema only. */
export const maxParquetRowBytes = 64 * 1024 * 1024;

/** Compressed bytes of the chunks of `columns` in the row groups that hold rows `[0, rowEnd)`. */
export function compressedBytesForRows(
  metadata: FileMetaData,
  columns: Set<string>,
  rowEnd: number,
): number {
  let bytes = 0;
  let rowsSeen = 0;
  for (const group of metadata.row_groups) {
    if (rowsSeen >= rowEnd) break;
    rowsSeen += Number(group.num_rows);
    for (const chunk of group.columns) {
      const top = chunk.meta_data?.path_in_schema[0];
      if (top !== undefined && columns.has(top))
        bytes += Number(chunk.meta_data?.total_compressed_size ?? 0n);
    }
  }
  return bytes;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** An `AsyncBuffer` over ranged reads; `failure()` gives the first read error, so parse errors can be told apart from storage ones. */
export function rangedAsyncBuffer(reader: RangeReader): {
  file: AsyncBuffer;
  failure: () => unknown;
} {
  let readError: unknown;
  const file: AsyncBuffer = {
    byteLength: reader.size,
    async slice(start, end) {
      try {
        const bytes = await reader.read(start, (end ?? reader.size) - start);
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
      } catch (err) {
        readError ??= err;
        throw err;
      }
    },
  };
  return { file, failure: () => readError };
}

/**
 * A Parquet preview read with ranged requests: the footer (schema, row count, row groups,
 * codecs) and the first `maxRows` rows of the first `maxParquetColumnsWithRows` top-level
 * columns, which reads only the row groups those rows sit in. A file whose footer cannot be
 * parsed gives a hex preview with a note; rows that cannot be decoded give the schema with a
 * note. Abort and storage errors propagate.
 */
export async function parquetBody(reader: RangeReader, maxRows: number): Promise<PreviewBody> {
  const { file, failure } = rangedAsyncBuffer(reader);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    if (failure() !== undefined) throw failure();
    const head = await reader.read(0, hexBytes);
    return hexBody({ bytes: head, truncated: reader.size > head.length, totalBytes: reader.size }, [
      `Not a readable Parquet file: ${messageOf(err)}`,
    ]);
  }
  const notes: string[] = [];
  const top = parquetSchema(metadata).children;
  const columns = top.map(parquetColumn);
  const rowColumns = columns.slice(0, maxParquetColumnsWithRows);
  const withRows = rowColumns.map((c) => c.name);
  if (columns.length > withRows.length) {
    notes.push(
      `Rows are shown for the first ${withRows.length} of ${columns.length.toLocaleString('en-US')} columns.`,
    );
  }
  const totalRows = Number(metadata.num_rows);
  const rowEnd = Math.min(maxRows, totalRows);
  const needed = compressedBytesForRows(metadata, new Set(withRows), rowEnd);
  let rows: Cell[][] = [];
  if (needed > maxParquetRowBytes) {
    const mib = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} MiB`;
    notes.push(
      `The first rows sit in ${mib(needed)} of column chunks, over the ${mib(maxParquetRowBytes)} preview limit; rows are not shown.`,
    );
  } else {
    try {
      const objects = await parquetReadObjects({
        file,
        metadata,
        columns: withRows,
        rowStart: 0,
        rowEnd,
        compressors,
      });
      rows = objects.map((o) => rowColumns.map((c) => typedCell(o[c.name], c)));
    } catch (err) {
      if (failure() !== undefined) throw failure();
      notes.push(`Could not read the rows: ${messageOf(err)}`);
    }
  }
  const codecs = new Set(
    metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec ?? 'UNCOMPRESSED')),
  );
  return {
    kind: 'table',
    source: 'parquet',
    columns,
    rows,
    totalRows,
    truncated: totalRows > rows.length,
    parquet: {
      rowGroups: metadata.row_groups.length,
      codecs: [...codecs].sort(),
      ...(metadata.created_by ? { createdBy: metadata.created_by } : {}),
      totalColumns: columns.length,
      columnsWithRows: withRows.length,
    },
    notes,
  };
}
