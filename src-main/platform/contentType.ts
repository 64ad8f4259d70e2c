import mime from 'mime-types';

/** Data-lake formats mime-db does not know (yet). */
const extra: Record<string, string> = {
  ndjson: 'application/x-ndjson',
  jsonl: 'application/jsonl',
  parquet: 'application/vnd.apache.parquet',
  avro: 'application/avro',
};

/** The Content-Type for a file name by its extension (mime-types, plus lake formats); `application/octet-stream` when unknown. */
export function contentTypeFor(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return extra[ext] ?? (mime.lookup(name) || 'application/octet-stream');
}
