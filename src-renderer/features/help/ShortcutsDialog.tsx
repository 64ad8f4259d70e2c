import {
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Fragment } from 'react';
import { chordLabel, commandTable, type CommandScope } from '../shell/commandTable.js';
import { DialogShell } from '../shell/DialogShell.js';

const scopes: CommandScope[] = ['Window', 'File list', 'Preview'];

const useStyles = makeStyles({
  surface: { maxWidth: '640px' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  keys: { width: '40%' },
  kbd: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
});

/**
 * The keyboard shortcut list (F1 or `?`, or Help → Keyboard shortcuts): every command of the
 * command table with its keys, grouped by where they act. Generated from the table, so it
 * lists the keys that work.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  return (
    <DialogShell
      open={open}
      onClose={onClose}
      label="Keyboard shortcuts"
      title="Keyboard shortcuts"
      surfaceClassName={styles.surface}
      // The list scrolls in a short window: focusable, so the keyboard can scroll it.
      contentProps={{ className: styles.content, tabIndex: 0, 'aria-label': 'Shortcut list' }}
    >
      {scopes.map((scope) => {
        const commands = commandTable.filter((c) => c.scope === scope);
        if (commands.length === 0) return null;
        return (
          <Fragment key={scope}>
            <Subtitle2 as="h3">{scope}</Subtitle2>
            <Table size="small" aria-label={`${scope} shortcuts`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Command</TableHeaderCell>
                  <TableHeaderCell className={styles.keys}>Keys</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {commands.map((command) => (
                  <TableRow key={command.id}>
                    <TableCell>{command.title}</TableCell>
                    <TableCell>
                      {command.keys.map((chord, i) => (
                        <Fragment key={chordLabel(chord)}>
                          {i > 0 && ' or '}
                          <kbd className={styles.kbd}>{chordLabel(chord)}</kbd>
                        </Fragment>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Fragment>
        );
      })}
    </DialogShell>
  );
}
