import { Button } from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { StorageActivity } from '../../../shared/contract/index.js';
import { DialogShell } from '../shell/DialogShell.js';
import { FactList } from '../shell/FactList.js';
import { detailsText } from './activityText.js';

/** One operation's every field (request ids included), with "Copy details" for a support ticket. */
export function ActivityDetails({
  entry,
  onClose,
}: {
  entry: StorageActivity;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const text = detailsText(entry);
  return (
    <DialogShell
      open
      onClose={onClose}
      label="Operation details"
      title={`${entry.area}.${entry.operation}`}
      actions={
        <Button
          icon={<CopyRegular aria-hidden />}
          onClick={() => {
            void navigator.clipboard.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy details'}
        </Button>
      }
    >
      <FactList
        facts={text.split('\n').map((line) => {
          const at = line.indexOf(': ');
          return { term: line.slice(0, at), value: line.slice(at + 2), mono: true };
        })}
      />
    </DialogShell>
  );
}
