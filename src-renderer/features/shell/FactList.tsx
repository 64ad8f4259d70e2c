import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** One labelled fact of a facts list: `mono` sets the value in the monospace font (paths, ids). */
export interface Fact {
  term: string;
  value: ReactNode;
  mono?: boolean;
}

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere', userSelect: 'text' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/**
 * A definition list of facts, terms in one column and values in the other (About, the
 * properties and details dialogs). Values wrap anywhere and can be selected for copying.
 */
export function FactList({ facts, className }: { facts: readonly Fact[]; className?: string }) {
  const styles = useStyles();
  return (
    <dl className={mergeClasses(styles.list, className)}>
      {facts.map(({ term, value, mono }) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={styles.term}>{term}</dt>
          <dd className={mergeClasses(styles.value, mono && styles.mono)}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
