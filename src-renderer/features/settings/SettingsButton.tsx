import { Button, useRestoreFocusTarget } from '@fluentui/react-components';
import { SettingsRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { SettingsDialog } from './SettingsDialog.js';

/** A small "Settings" button that opens the settings dialog. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  // Closing the dialog gives the focus back to this button.
  const restoreFocus = useRestoreFocusTarget();
  return (
    <>
      <Button
        {...restoreFocus}
        size="small"
        appearance="subtle"
        icon={<SettingsRegular aria-hidden />}
        onClick={() => setOpen(true)}
      >
        Settings
      </Button>
      <SettingsDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
