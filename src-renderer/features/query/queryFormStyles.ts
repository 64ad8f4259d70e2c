import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Layout the query dialogs' forms share: `content` a column of fields, `scrolling` it kept
 * within 70 % of the window's height (Convert, Delta maintenance), `row` fields side by side
 * wrapping, `grow` a field that takes the row's free width (at least 12em).
 */
export const useQueryFormStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  scrolling: { maxHeight: '70vh', overflowY: 'auto' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '12em' },
});
