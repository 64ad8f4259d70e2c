import Papa from 'papaparse';
import type { Cell, TableColumn } from '../../shared/contract/preview.js';
import type { ContentBytes, PreviewBody } from './body.js';
import { inferTextColumnType, isBooleanText, isDateText, isNumberText } from './inferTypes.js';
import { decodeText } from './textDecode.js';
import { dropPartialLine } from './textual.js';

/** Delimiters tried, in order, when sniffing CSV. */
export const guessedDelimiters = [',', '\t', ';', '|'];
const maxErrorNotes = 5;

/**
 * Whether the first row is a header: every field non-empty, no two alike, and none reading as
 * a number, boolean or date (data rows usually have some).
 */
export function looksLikeHeader(first: readonly string[]): boolean {
  const trimmed = first.map((f) => f.trim());
  return (
    trimmed.length > 0 &&
    trimmed.every((f) => f !== '' && !isNumberText(f) && !isBooleanText(f) && !isDateText(f)) &&
    new Set(trimmed).size === trimmed.length
  );
}

/**
 * A table from CSV or TSV bytes: delimiter sniffed (TSV: tab), header sniffed, the last line
 * dropped when the bytes stop at a cap, at most `maxRows` data rows. Cells are the raw field
 * text; missing fields are null. Parser complaints (unclosed quotes, ragged rows) become notes.
 */
export function delimitedBody(
  content: ContentBytes,
  source: 'csv' | 'tsv',
  maxRows: number,
): PreviewBody {
  const notes: string[] = [];
  const decoded = decodeText(content.bytes, content.truncated);
  const { text, dropped } = dropPartialLine(decoded.text, content.truncated);
  if (dropped) notes.push('The preview cap cut the file; its last partial line was dropped.');
  const parsed = Papa.parse<string[]>(text, {
    delimiter: source === 'tsv' ? '\t' : '',
    delimitersToGuess: guessedDelimiters,
    skipEmptyLines: 'greedy',
    preview: maxRows + 2,
  });
  const problems = parsed.errors.filter((e) => e.code !== 'UndetectableDelimiter');
  for (const e of problems.slice(0, maxErrorNotes)) {
    notes.push(e.row === undefined ? e.message : `Row ${e.row + 1}: ${e.message}`);
  }
  if (problems.length > maxErrorNotes) {
    notes.push(`…and ${problems.length - maxErrorNotes} more parse problems.`);
  }
  const all = parsed.data;
  const hasHeader = all.length > 0 && looksLikeHeader(all[0] ?? []);
  const body = all.slice(hasHeader ? 1 : 0);
  const rows = body.slice(0, maxRows);
  const width = Math.max(0, ...all.slice(0, maxRows + 1).map((r) => r.length));
  const headerRow = hasHeader ? (all[0] ?? []) : [];
  const ragged = rows.filter((r) => r.length !== width).length;
  if (ragged > 0) notes.push(`${ragged} rows have fewer fields than the widest row.`);
  const columns: TableColumn[] = Array.from({ length: width }, (_, c) => ({
    name: headerRow[c]?.trim() || `column${c + 1}`,
    type: inferTextColumnType(rows.map((r) => r[c] ?? '')),
  }));
  const cells: Cell[][] = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  return {
    kind: 'table',
    source,
    columns,
    rows: cells,
    truncated: content.truncated || body.length > maxRows,
    delimited: { delimiter: parsed.meta.delimiter, hasHeader },
    notes,
  };
}
