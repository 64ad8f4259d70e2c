import { makeStyles, tokens } from '@fluentui/react-components';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { hexDump } from '../../../shared/format/hexDump.js';
import { base64Bytes } from './base64Bytes.js';
import { PlainText } from './TextView.js';

const useStyles = makeStyles({
  frame: { display: 'flex', flexDirection: 'column', minHeight: 0, flexGrow: 1, minWidth: 0 },
  probe: {
    position: 'absolute',
    visibility: 'hidden',
    whiteSpace: 'pre',
    margin: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

/** Characters of a hex dump line with `n` bytes: offset, hex, ASCII column, separators. */
const lineChars = (n: number) => 8 + 2 + 3 * n - 1 + 2 + n + 2;

/** The most bytes per line (16, 8 or 4) whose whole line, ASCII column included, fits `columns` characters. */
export const bytesPerLineFor = (columns: number): number =>
  columns >= lineChars(16) ? 16 : columns >= lineChars(8) ? 8 : 4;

/**
 * A hex dump sized to the pane: 16 bytes a line when it fits, else 8 or 4, so the ASCII column
 * stays in view at the pane's usual widths. The offsets are the line labels (no line numbers).
 */
export function HexView({ dataBase64, offset }: { dataBase64: string; offset: number }) {
  const styles = useStyles();
  const frame = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const [perLine, setPerLine] = useState(16);
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const fit = () => {
      const charWidth = (probe.current?.getBoundingClientRect().width ?? 72) / 10;
      // Room for the scroller's padding and a vertical scrollbar.
      setPerLine(bytesPerLineFor(Math.floor((el.clientWidth - 32) / charWidth)));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const bytes = useMemo(() => base64Bytes(dataBase64), [dataBase64]);
  const text = useMemo(() => hexDump(bytes, offset, perLine).join('\n'), [bytes, offset, perLine]);
  return (
    <div ref={frame} className={styles.frame}>
      <PlainText text={text} label="Hex dump" />
      <pre aria-hidden className={styles.probe}>
        <span ref={probe}>0000000000</span>
      </pre>
    </div>
  );
}
