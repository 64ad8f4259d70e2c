import { Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { OperationProgressEvent } from '../../../shared/contract/index.js';
import { operationFraction, operationText } from './formatOperation.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/**
 * One operation's progress: a bar (indeterminate until the total is known, or before the first
 * event) and a line of state, counts and bytes, announced politely.
 */
export function OperationStatus({
  progress,
  label,
}: {
  progress: OperationProgressEvent | undefined;
  /** The progress bar's accessible name. */
  label: string;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <ProgressBar
        thickness="large"
        value={progress ? operationFraction(progress) : undefined}
        aria-label={label}
      />
      <Caption1 aria-live="polite">{progress ? operationText(progress) : 'Starting…'}</Caption1>
    </div>
  );
}
