import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * The columns every row of the Transfers panel shares (icon, name, progress, controls), so the
 * bars of transfers and operations line up: the controls column has one width whatever
 * buttons a row shows.
 */
export const jobGridColumns = '20px minmax(120px, 1fr) minmax(200px, 2fr) 11rem';

/** The Transfers panel's lists (`list`, a bare `<ul>`) and their rows (`row`, on `jobGridColumns`), for transfers, operations and uploads being sent alike. */
export const useJobRowStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: jobGridColumns,
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXXS} 0`,
  },
});
