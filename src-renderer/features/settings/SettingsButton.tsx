import { Button } from '@fluentui/react-components';
import { SettingsRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { SettingsDialog } from './SettingsDialog.js';

/** A small "Settings" button that opens the settings dialog. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={button}
        size="small"
        appearance="subtle"
        icon={<SettingsRegular aria-hidden />}
        onClick={() => setOpen(true)}
      >
        Settings
      </Button>
      <SettingsDialog
        open={open}
        onClose={() => {
          setOpen(false);
          // The focus goes back to this button, once the dialog itself closes: a restore target
          // (useRestoreFocusTarget) also took it back when the folder picker nested in the
          // dialog closed, which closed Settings as a focus leaving it.
          button.current?.focus();
        }}
      />
    </>
  );
}
