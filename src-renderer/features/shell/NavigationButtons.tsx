import { ToolbarDivider } from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular, ArrowUpRegular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { commandSpec, shortcutOf } from './commandTable.js';
import { ToolbarAction } from './MainToolbar.js';
import type { Navigation } from './useNavigation.js';

/** The navigation commands of the command table the toolbar shows, in order. */
const navigationCommands = ['back', 'forward', 'up'] as const;
type NavigationCommand = (typeof navigationCommands)[number];

const icons: Record<NavigationCommand, ReactElement> = {
  back: <ArrowLeftRegular aria-hidden />,
  forward: <ArrowRightRegular aria-hidden />,
  up: <ArrowUpRegular aria-hidden />,
};

/** Whether each command can act now, and what it does. */
const actionsOf = (n: Navigation): Record<NavigationCommand, [boolean, () => void]> => ({
  back: [n.canBack, n.back],
  forward: [n.canForward, n.forward],
  up: [n.canUp, n.up],
});

/** The tooltip: the command's title and key; Up also names the file list's Backspace. */
const tooltipOf = (id: NavigationCommand): string =>
  id === 'up'
    ? `Up one level (${shortcutOf('up')}; ${shortcutOf('parent')} in the list)`
    : `${commandSpec(id).title} (${shortcutOf(id)})`;

/**
 * The toolbar's Back, Forward and Up actions (icons), their labels and keys from the command
 * table, and a divider after.
 */
export function NavigationButtons({ navigation }: { navigation: Navigation }) {
  const actions = actionsOf(navigation);
  return (
    <>
      {navigationCommands.map((id) => (
        <ToolbarAction
          key={id}
          id={id}
          groupId="navigation"
          iconOnly
          label={commandSpec(id).title}
          title={tooltipOf(id)}
          icon={icons[id]}
          disabled={!actions[id][0]}
          onClick={actions[id][1]}
        />
      ))}
      <ToolbarDivider />
    </>
  );
}
