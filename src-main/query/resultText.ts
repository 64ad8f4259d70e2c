import type { Cell } from '../../shared/contract/preview.js';
import type { QueryResult } from './workerProtocol.js';

/** A field of RFC 4180 CSV: quoted when it holds a comma, quote, CR or LF; null is empty. */
const csvField = (cell: Cell): string => {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The result as RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180): a header row, then the rows, CRLF-ended. */
export function resultCsv(result: QueryResult): string {
  const lines = [
    result.columns.map((c) => csvField(c.name)),
    ...result.rows.map((r) => r.map(csvField)),
  ];
  return lines.map((l) => `${l.join(',')}\r\n`).join('');
}

const shown = (cell: Cell) => (cell === null ? 'null' : String(cell).replace(/[\r\n\t]/g, ' '));

/**
 * The result as an aligned text table for a terminal: names with DuckDB types under them,
 * numbers right-aligned, cells cut at 40 characters, then `N rows (shown M) in T ms`.
 */
export function resultTable(result: QueryResult): string {
  const cut = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
  const header = result.columns.map((c) => cut(c.name));
  const types = result.columns.map((c) => cut(c.sqlType));
  const body = result.rows.map((r) => r.map((c) => cut(shown(c))));
  const widths = result.columns.map((_, i) =>
    Math.max(header[i]!.length, types[i]!.length, ...body.map((r) => r[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        result.columns[i]!.type === 'number' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const shownNote =
    result.rows.length < result.rowCount ? ` (the first ${result.rows.length} shown)` : '';
  return [
    line(header),
    line(types),
    rule,
    ...body.map(line),
    `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${shownNote} in ${Math.round(result.elapsedMs)} ms`,
  ]
    .map((l) => `${l}\n`)
    .join('');
}
