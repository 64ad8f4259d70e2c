import { Switch, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useRememberedFlag } from './rememberedFlag.js';

const useStyles = makeStyles({
  frame: { display: 'flex', flexDirection: 'column', minHeight: 0, flexGrow: 1 },
  root: {
    display: 'flex',
    overflow: 'auto',
    flexGrow: 1,
    minHeight: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: '1.5',
  },
  gutter: {
    textAlign: 'right',
    padding: `0 ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground4,
    userSelect: 'none',
    margin: 0,
  },
  text: { margin: 0, whiteSpace: 'pre', paddingRight: tokens.spacingHorizontalM },
  wrapped: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    minWidth: 0,
    flexGrow: 1,
    paddingLeft: tokens.spacingHorizontalS,
  },
});

/**
 * Text with line numbers (not part of a selection or copy) and a "Wrap long lines" switch,
 * remembered. Wrapped, the text fits the pane's width and the line numbers are left out (a
 * wrapped line no longer matches its number's height).
 */
export function TextView({ text, label = 'Text' }: { text: string; label?: string }) {
  const styles = useStyles();
  const [wrap, setWrap] = useRememberedFlag('wrapText');
  const numbers = useMemo(
    () => Array.from({ length: text.split('\n').length }, (_, i) => i + 1).join('\n'),
    [text],
  );
  return (
    <div className={styles.frame}>
      <Switch label="Wrap long lines" checked={wrap} onChange={(_, d) => setWrap(d.checked)} />
      <PlainText text={text} label={label} numbers={wrap ? undefined : numbers} wrap={wrap} />
    </div>
  );
}

/** Monospace text in a scroller, with an optional line-number gutter. */
export function PlainText({
  text,
  label,
  numbers,
  wrap = false,
}: {
  text: string;
  label: string;
  numbers?: string | undefined;
  wrap?: boolean;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root} aria-label={label} role="document" tabIndex={0}>
      {numbers !== undefined && (
        <pre className={styles.gutter} aria-hidden>
          {numbers}
        </pre>
      )}
      <pre className={mergeClasses(styles.text, wrap && styles.wrapped)}>{text}</pre>
    </div>
  );
}
