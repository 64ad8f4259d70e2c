import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * The frame of a pane beside the file list (Preview, Properties): a column with a border on
 * its left, and a header row whose title takes the room its buttons leave.
 */
export const useSidePaneStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
    gap: tokens.spacingVerticalS,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // The buttons keep their labels whole (bolder high-contrast text cut "Download"); the title wraps.
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    '& > button': { flexShrink: 0 },
  },
  title: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
});
