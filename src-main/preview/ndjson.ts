import type { Cell, TableColumn } from '../../shared/contract/preview.js';
import type { ContentBytes, PreviewBody } from './body.js';
import { toCell } from './cells.js';
import { inferJsonColumnType } from './inferTypes.js';
import { decodeText } from './textDecode.js';
import { dropPartialLine } from './textual.js';

/** Lines `looksLikeNdjson` parses to decide. */
const sniffLines = 20;

/**
 * Whether JSON-looking text is newline-delimited JSON objects (as Delta's `_delta_log/*.json`
 * commits are) rather than one document: at least two non-blank lines, and each of the first
 * ones (up to 20, a last line without its newline excepted when `cut`) a whole JSON object.
 * A pretty-printed document fails at its first line (`{` alone does not parse).
 */
export function looksLikeNdjson(text: string, cut = false): boolean {
  const lines = text.split('\n');
  if (cut) lines.pop();
  const filled = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (filled.length < 2) return false;
  return filled.slice(0, sniffLines).every((line) => {
    if (!line.startsWith('{') || !line.endsWith('}')) return false;
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  });
}

/** Column name for lines that hold a JSON value other than an object. */
export const scalarColumn = 'value';

/**
 * A table from NDJSON / JSON Lines bytes: the first `maxRows` non-blank lines, columns the
 * union of the objects' keys in order of appearance (a non-object line fills column
 * `value`), nested values as JSON text, missing keys null. An invalid line adds a note and
 * ends the table there; a line the cap cut is dropped.
 */
export function ndjsonBody(content: ContentBytes, maxRows: number): PreviewBody {
  const notes: string[] = [];
  const decoded = decodeText(content.bytes, content.truncated);
  const { text, dropped } = dropPartialLine(decoded.text, content.truncated);
  if (dropped) notes.push('The preview cap cut the file; its last partial line was dropped.');
  const records: Record<string, unknown>[] = [];
  const keys = new Map<string, number>();
  let more = content.truncated;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (records.length === maxRows) {
      more = true;
      break;
    }
    let value: unknown;
    try {
      value = JSON.parse(line) as unknown;
    } catch (err) {
      notes.push(
        `Line ${i + 1} is not valid JSON (${err instanceof Error ? err.message : String(err)}); the table stops there.`,
      );
      more = true;
      break;
    }
    const record =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : { [scalarColumn]: value };
    for (const key of Object.keys(record)) if (!keys.has(key)) keys.set(key, keys.size);
    records.push(record);
  }
  const names = [...keys.keys()];
  const columns: TableColumn[] = names.map((name) => ({
    name,
    type: inferJsonColumnType(records.map((r) => r[name])),
  }));
  const rows: Cell[][] = records.map((r) => names.map((name) => toCell(r[name])));
  return { kind: 'table', source: 'ndjson', columns, rows, truncated: more, notes };
}
