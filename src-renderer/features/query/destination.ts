/** A blob a query dialog writes to, as its fields hold it (names untrimmed, as typed). */
export interface BlobFields {
  connectionId: string;
  container: string;
  /** The blob's path in the container, e.g. `curated/orders.parquet`. */
  path: string;
}

/** A file on this computer a query dialog writes to, as its fields hold it. */
export interface LocalFields {
  /** Where it goes: this computer (`folder`/`fileName`) or a blob (`BlobFields`). */
  where: 'local' | 'remote';
  /** An absolute folder. */
  folder: string;
  /** A name without a folder. */
  fileName: string;
}

/**
 * What is wrong with a blob destination (the first problem, naming its field), or undefined.
 * `example` is the blob name the Path message suggests, e.g. `curated/x.parquet`.
 */
export function blobFieldsProblem(blob: BlobFields, example: string): string | undefined {
  if (!blob.connectionId) return 'Connection: choose one';
  if (!blob.container.trim()) return 'Container: a container name';
  if (!blob.path.trim() || blob.path.endsWith('/')) return `Path: a blob name, e.g. ${example}`;
  return undefined;
}

/** The blob the fields name: container trimmed, path trimmed and without leading slashes. */
export const blobOf = (blob: BlobFields): BlobFields => ({
  connectionId: blob.connectionId,
  container: blob.container.trim(),
  path: blob.path.trim().replace(/^\/+/, ''),
});
