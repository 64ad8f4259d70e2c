import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowForwardRegular,
  CopyRegular,
  DeleteRegular,
  KeyMultipleRegular,
  NumberSymbolRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { OperationKind, OperationProgressEvent } from '../../../shared/contract/index.js';
import { shownTitle } from '../pathOps/formatOperation.js';
import { OperationStatus } from '../pathOps/OperationStatus.js';
import { useOperations } from '../pathOps/useOperations.js';
import { useJobRowStyles } from './jobGrid.js';

const useStyles = makeStyles({
  error: { color: tokens.colorPaletteRedForeground1 },
});

const icons: Record<OperationKind, ReactElement> = {
  delete: <DeleteRegular aria-hidden />,
  rename: <ArrowForwardRegular aria-hidden />,
  copy: <CopyRegular aria-hidden />,
  count: <NumberSymbolRegular aria-hidden />,
  acl: <KeyMultipleRegular aria-hidden />,
};

function OperationRow({ operation }: { operation: OperationProgressEvent }) {
  const styles = useStyles();
  const rows = useJobRowStyles();
  const { cancel } = useOperations();
  return (
    <li aria-label={operation.title}>
      <div className={rows.row}>
        {icons[operation.kind]}
        <span>{shownTitle(operation)}</span>
        <div>
          <OperationStatus progress={operation} label={`Progress of ${operation.title}`} />
          {operation.state === 'failed' && operation.message && (
            <Caption1 className={styles.error}>{operation.message}</Caption1>
          )}
        </div>
        {operation.state === 'running' ? (
          <Button
            size="small"
            aria-label={`Cancel ${operation.title}`}
            onClick={() => cancel(operation.operationId)}
          >
            Cancel
          </Button>
        ) : (
          <span />
        )}
      </div>
    </li>
  );
}

/**
 * Path operations (deletes, moves, copies, recursive ACL changes) as `operations.progress`
 * reports them, newest first: title, progress, state, Cancel while running, the error when
 * one failed. Nothing when there are none.
 */
export function OperationsList() {
  const rows = useJobRowStyles();
  const { operations } = useOperations();
  if (operations.length === 0) return null;
  return (
    <ul className={rows.list} aria-label="Operations">
      {operations.map((o) => (
        <OperationRow key={o.operationId} operation={o} />
      ))}
    </ul>
  );
}
