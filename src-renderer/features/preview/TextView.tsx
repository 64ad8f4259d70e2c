import { makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';

const useStyles = makeStyles({
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
});

/** Text with line numbers (the numbers are not part of a selection or copy). */
export function TextView({ text, label = 'Text' }: { text: string; label?: string }) {
  const styles = useStyles();
  const numbers = useMemo(
    () => Array.from({ length: text.split('\n').length }, (_, i) => i + 1).join('\n'),
    [text],
  );
  return (
    <div className={styles.root} aria-label={label} role="document">
      <pre className={styles.gutter} aria-hidden>
        {numbers}
      </pre>
      <pre className={styles.text}>{text}</pre>
    </div>
  );
}
