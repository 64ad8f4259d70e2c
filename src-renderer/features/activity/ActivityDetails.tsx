import { Button } from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { StorageActivity } from '../../../shared/contract/index.js';
import { DialogShell } from '../shell/DialogShell.js';
import { FactList } from '../shell/FactList.js';
import { detailsText } from './activityText.js';

/**
 * One operation's every field (request ids included; the time in local time, its UTC ISO form in
 * the tooltip), with "Copy details" for a support ticket.
 */
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
          const [term, value] = [line.slice(0, at), line.slice(at + 2)];
          // The copied text keeps the ISO time (UTC) for a ticket; the dialog reads it locally.
          return term === 'Time'
            ? { term, value: <span title={value}>{new Date(value).toLocaleString()}</span> }
            : { term, value, mono: true };
        })}
      />
    </DialogShell>
  );
}
