import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  message: { whiteSpace: 'pre-wrap', margin: 0, fontFamily: tokens.fontFamilyMonospace },
});

/** How a query, a save or a conversion ended when it did not succeed: its title and DuckDB's or the service's message as written (positions kept in a monospace block). */
export interface FailureBarProps {
  /** The user cancelled it: a warning, not an error. */
  cancelled: boolean;
  /** The title when cancelled, e.g. "The query was cancelled". */
  cancelledTitle: string;
  /** The title when it failed, e.g. "The query failed". */
  failedTitle: string;
  message: string;
}

/** The alert the query dialogs show under their form when a run fails or is cancelled. */
export function FailureBar({ cancelled, cancelledTitle, failedTitle, message }: FailureBarProps) {
  const styles = useStyles();
  return (
    <MessageBar intent={cancelled ? 'warning' : 'error'} role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{cancelled ? cancelledTitle : failedTitle}</MessageBarTitle>
        <pre className={styles.message}>{message}</pre>
      </MessageBarBody>
    </MessageBar>
  );
}

/** A failed call's message and whether it was a cancellation (its code `Cancelled`). */
export const failureOf = (e: unknown): Pick<FailureBarProps, 'message' | 'cancelled'> => ({
  message: e instanceof Error ? e.message : String(e),
  cancelled: (e as { code?: string }).code === 'Cancelled',
});
