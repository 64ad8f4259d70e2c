/**
 * A classic hex dump of `bytes`: one line per `bytesPerLine` bytes (16 by default; the preview
 * pane uses fewer when narrow), `offset  hex bytes  |ascii|`, with non-printable bytes shown as
 * `.` in the ASCII column. Offsets start at `base`. Used by the preview pane and the CLI's
 * `preview`.
 */
export function hexDump(bytes: Uint8Array, base = 0, bytesPerLine = 16): string[] {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += bytesPerLine) {
    const chunk = bytes.subarray(i, i + bytesPerLine);
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(chunk, (b) =>
      b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.',
    ).join('');
    lines.push(
      `${(base + i).toString(16).padStart(8, '0')}  ${hex.padEnd(3 * bytesPerLine - 1)}  |${ascii}|`,
    );
  }
  return lines;
}
