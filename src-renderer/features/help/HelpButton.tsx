import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { InfoRegular, KeyboardRegular, QuestionCircleRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
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
  // The dialogs its menu opens give the focus back to the Help button when they close.
  const restoreFocus = useRestoreFocusTarget();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isCommandKey(e, 'shortcuts')) return;
      // F1 is also the browser's help; `?` is text in a field.
      if (e.key !== 'F1' && isTextField(e.target)) return;
      e.preventDefault();
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
            {...restoreFocus}
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
              onClick={() => setShown('shortcuts')}
            >
              Keyboard shortcuts
            </MenuItem>
            <MenuItem icon={<InfoRegular aria-hidden />} onClick={() => setShown('about')}>
              About Lakeshore
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      <ShortcutsDialog open={shown === 'shortcuts'} onClose={() => setShown(undefined)} />
      <AboutDialog open={shown === 'about'} onClose={() => setShown(undefined)} />
    </>
  );
}
