import type { Cell, DeltaPreview, Preview } from '../../shared/contract/index.js';
import { hexDump } from '../../shared/format/hexDump.js';

const cellText = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : String(c).replace(/[\t\n\r]/g, ' ');

/** The summary line of a Delta table preview: version, files, bytes, partitions, checkpoint, bytes read. */
function deltaSummary(p: DeltaPreview): string {
  const partitions =
    p.partitionColumns.length > 0 ? `, partitioned by ${p.partitionColumns.join(', ')}` : '';
  const checkpoint = p.checkpoint !== undefined ? `, read from checkpoint ${p.checkpoint}` : '';
  return `${p.name}  Delta table version ${p.version} of ${p.latestVersion}, ${p.fileCount} files, ${p.totalBytes} bytes${partitions}${checkpoint}, ${p.rows.length} rows shown  (read ${p.bytesRead} bytes)`;
}

const tableLines = (columns: { name: string }[], rows: Cell[][]): string[] => [
  columns.map((c) => c.name).join('\t'),
  ...rows.map((r) => r.map(cellText).join('\t')),
];

/** The summary line of a preview: name, size, content type, kind details, bytes read. */
export function previewSummary(p: Preview): string {
  const base = `${p.name}  ${p.size} bytes  ${p.contentType ?? 'unknown type'}`;
  const detail =
    p.kind === 'table'
      ? `${p.source} table, ${p.columns.length} columns, ${p.rows.length} rows shown${p.totalRows !== undefined ? ` of ${p.totalRows}` : ''}`
      : p.kind === 'image'
        ? `image ${p.mimeType}${p.width && p.height ? ` ${p.width}x${p.height}` : ''}`
        : p.kind === 'text'
          ? `text (${p.encoding})${p.truncated ? `, truncated at ${p.textBytes} bytes` : ''}`
          : p.kind;
  return `${base}  ${detail}  (read ${p.bytesRead} bytes)`;
}

/**
 * The preview as the terminal shows it: the summary, notes (prefixed `note:`), then the content
 * — tables as tab-separated lines with a header, text as is, JSON pretty-printed, binary as a
 * hex dump, images as their summary only.
 */
export function formatPreview(p: Preview | DeltaPreview): string {
  if (p.kind === 'delta') {
    const history = p.history.map(
      (h) =>
        `version ${h.version}  ${h.timestamp}  ${h.operation}  +${h.filesAdded}/-${h.filesRemoved} files`,
    );
    return `${[deltaSummary(p), ...p.notes.map((n) => `note: ${n}`), ...history, '', ...tableLines(p.columns, p.rows)].join('\n')}\n`;
  }
  const lines = [previewSummary(p), ...p.notes.map((n) => `note: ${n}`), ''];
  switch (p.kind) {
    case 'table':
      lines.push(...tableLines(p.columns, p.rows));
      break;
    case 'text':
      lines.push(p.text);
      break;
    case 'json':
      lines.push(JSON.stringify(p.value, null, 2));
      break;
    case 'hex':
      lines.push(...hexDump(Buffer.from(p.dataBase64, 'base64'), p.offset));
      break;
    case 'image':
      break;
  }
  return `${lines.join('\n')}\n`;
}
