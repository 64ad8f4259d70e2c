import type { QueryRunResult, TablePreview } from '../../../shared/contract/index.js';

/** What `query.run` names: a file or folder (a Delta table is a folder) of a connection's container. */
export interface QueryTarget {
  connectionId: string;
  container: string;
  path: string;
  kind: 'file' | 'directory';
}

/** The SQL the editor opens with. */
export const initialSql = 'SELECT * FROM t LIMIT 100';

/**
 * A query result as the table view's input: each column's DuckDB type shown under its name, the
 * rows as they came; `truncated` when more rows were counted than returned.
 */
export function resultAsTable(target: QueryTarget, result: QueryRunResult): TablePreview {
  return {
    kind: 'table',
    source: result.source.kind === 'delta' ? 'parquet' : sourceOf(result.source.format),
    name: target.path.slice(target.path.lastIndexOf('/') + 1),
    size: 0,
    bytesRead: result.cache.fetchedBytes,
    notes: [],
    columns: result.columns.map((c) => ({ name: c.name, type: c.type, logicalType: c.sqlType })),
    rows: result.rows,
    totalRows: result.rowCount,
    truncated: result.rowCount > result.rows.length,
  };
}

const sourceOf = (format: 'csv' | 'tsv' | 'json' | 'parquet') =>
  format === 'json' ? 'ndjson' : format;

/** The status line under the editor: rows (and how many shown), time, where the files came from. */
export function resultSummary(result: QueryRunResult): string {
  const rows = `${result.rowCount.toLocaleString('en-US')} row${result.rowCount === 1 ? '' : 's'}`;
  const shown =
    result.rows.length < result.rowCount
      ? ` (first ${result.rows.length.toLocaleString('en-US')} shown)`
      : '';
  const time = `${Math.round(result.elapsedMs).toLocaleString('en-US')} ms`;
  const files = result.source.files;
  const cache =
    result.cache.fetched > 0
      ? `${result.cache.fetched} of ${files} file${files === 1 ? '' : 's'} fetched`
      : `${files} file${files === 1 ? '' : 's'} from the cache`;
  const delta =
    result.source.kind === 'delta'
      ? ` · Delta version ${result.source.version} of ${result.source.latestVersion}`
      : '';
  return `${rows}${shown} · ${time} · ${cache}${delta}`;
}
