import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from '@fluentui/react-components';
import { InfoRegular, KeyboardRegular, QuestionCircleRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { isCommandKey, shortcutOf } from '../shell/commandTable.js';
import { AboutDialog } from './AboutDialog.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';

/** Whether keys typed at `target` are text (an input, a text area, an editable element). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    )
  );
}

/**
 * Help: a "Help" menu button (Keyboard shortcuts, About Lakeshore), and the window's F1 and `?`
 * keys (outside text fields) that open the shortcut list.
 */
export function HelpButton() {
  const [shown, setShown] = useState<'shortcuts' | 'about'>();
  const button = useRef<HTMLButtonElement>(null);
  // Where the focus goes when its dialog closes: the Help button for the menu's choices, the
  // element the key was pressed in for F1 and `?`. Not a restore target
  // (useRestoreFocusTarget): that took the focus back whenever any dialog closed, also one
  // open over another, and the focus leaving the open one closed it (see SettingsButton).
  const opener = useRef<HTMLElement | null>(null);
  const open = (dialog: 'shortcuts' | 'about', from: HTMLElement | null) => {
    opener.current = from;
    setShown(dialog);
  };
  const close = () => {
    setShown(undefined);
    const back = opener.current?.isConnected ? opener.current : button.current;
    back?.focus();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isCommandKey(e, 'shortcuts')) return;
      // F1 is also the browser's help; `?` is text in a field.
      if (e.key !== 'F1' && isTextField(e.target)) return;
      e.preventDefault();
      const at = document.activeElement;
      opener.current = at instanceof HTMLElement && at !== document.body ? at : null;
      setShown('shortcuts');
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button
            ref={button}
            size="small"
            appearance="subtle"
            icon={<QuestionCircleRegular aria-hidden />}
          >
            Help
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem
              icon={<KeyboardRegular aria-hidden />}
              secondaryContent={shortcutOf('shortcuts')}
              onClick={() => open('shortcuts', button.current)}
            >
              Keyboard shortcuts
            </MenuItem>
            <MenuItem
              icon={<InfoRegular aria-hidden />}
              onClick={() => open('about', button.current)}
            >
              About Lakeshore
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      <ShortcutsDialog open={shown === 'shortcuts'} onClose={close} />
      <AboutDialog open={shown === 'about'} onClose={close} />
    </>
  );
}
