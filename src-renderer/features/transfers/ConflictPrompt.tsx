import {
  Button,
  Checkbox,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ConflictAnswer, ConflictInfo } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { formatSize } from '../files/formatSize.js';

const answers: { answer: ConflictAnswer; label: string }[] = [
  { answer: 'overwrite', label: 'Replace' },
  { answer: 'rename', label: 'Keep both' },
  { answer: 'skip', label: 'Skip' },
  { answer: 'ifNewer', label: 'Replace if newer' },
];

/** Asks what to do about an existing target; "Apply to all" answers the rest of the batch too. */
export function ConflictPrompt({ jobId, conflict }: { jobId: string; conflict: ConflictInfo }) {
  const client = useClient();
  const [applyToAll, setApplyToAll] = useState(true);
  const existing =
    conflict.existingSize !== undefined ? ` (${formatSize(conflict.existingSize)})` : '';
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        “{conflict.path}”{existing} already exists.
        <Checkbox
          label="Apply to all in this batch"
          checked={applyToAll}
          onChange={(_, d) => setApplyToAll(d.checked === true)}
        />
      </MessageBarBody>
      <MessageBarActions>
        {answers.map((a) => (
          <Button
            key={a.answer}
            size="small"
            onClick={() =>
              void client.call('transfers.resolveConflict', { jobId, answer: a.answer, applyToAll })
            }
          >
            {a.label}
          </Button>
        ))}
      </MessageBarActions>
    </MessageBar>
  );
}
