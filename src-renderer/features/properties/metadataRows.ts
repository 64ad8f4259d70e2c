/** One editable row of the metadata table. */
export interface MetadataRow {
  /** Stable React key; not sent. */
  key: string;
  name: string;
  value: string;
}

/** The rule metadata names follow, shown next to the table. */
export const metadataNameRule =
  'Names start with a letter or _, then letters, digits or _ (no spaces, hyphens or dots); at most 255 characters; each name once, ignoring case.';

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** Whether `name` is a valid metadata name (a C# identifier, as the service requires). */
export const isMetadataName = (name: string): boolean => identifier.test(name);

/** Rows for a metadata record, in name order. */
export function metadataToRows(metadata: Record<string, string>): MetadataRow[] {
  return Object.entries(metadata)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value], i) => ({ key: `m${i}`, name, value }));
}

/**
 * The problem with each row by its key (absent when the row is fine): an invalid name, or a
 * name used by an earlier row (metadata names are case-insensitive).
 */
export function metadataProblems(rows: readonly MetadataRow[]): Map<string, string> {
  const problems = new Map<string, string>();
  const seen = new Set<string>();
  for (const row of rows) {
    if (!isMetadataName(row.name))
      problems.set(row.key, row.name === '' ? 'Enter a name' : `“${row.name}” is not a valid name`);
    else if (seen.has(row.name.toLowerCase()))
      problems.set(row.key, `“${row.name}” is already used`);
    seen.add(row.name.toLowerCase());
  }
  return problems;
}

/** The rows as the metadata record `paths.setProperties` takes. */
export const rowsToMetadata = (rows: readonly MetadataRow[]): Record<string, string> =>
  Object.fromEntries(rows.map((r) => [r.name, r.value]));
