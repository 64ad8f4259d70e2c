import { DuckDBInstance } from '@duckdb/node-api';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `bytes` (a Parquet file the app wrote) to `dataDir/name` and opens an in-memory DuckDB
 * over it: `rows(sql)` runs `sql`, in which `file` is the copy's path to quote
 * (`read_parquet('${file}')`), and resolves to its rows as JSON values; rejects with DuckDB's
 * error.
 */
export async function parquetCopy(dataDir: string, name: string, bytes: Buffer) {
  const file = path.join(dataDir, name);
  await writeFile(file, bytes);
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  return {
    file,
    rows: async (sql: string) => (await duck.runAndReadAll(sql)).getRowsJson(),
  };
}
