import { ToolbarDivider } from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular, ArrowUpRegular } from '@fluentui/react-icons';
import { shortcutOf } from './commandTable.js';
import { ToolbarAction } from './MainToolbar.js';
import type { Navigation } from './useNavigation.js';

/** The toolbar's Back, Forward and Up actions (icons), each naming its key, and a divider after. */
export function NavigationButtons({ navigation }: { navigation: Navigation }) {
  return (
    <>
      <ToolbarAction
        id="back"
        groupId="navigation"
        iconOnly
        label="Back"
        title={`Back (${shortcutOf('back')})`}
        icon={<ArrowLeftRegular aria-hidden />}
        disabled={!navigation.canBack}
        onClick={navigation.back}
      />
      <ToolbarAction
        id="forward"
        groupId="navigation"
        iconOnly
        label="Forward"
        title={`Forward (${shortcutOf('forward')})`}
        icon={<ArrowRightRegular aria-hidden />}
        disabled={!navigation.canForward}
        onClick={navigation.forward}
      />
      <ToolbarAction
        id="up"
        groupId="navigation"
        iconOnly
        label="Up"
        title={`Up one level (${shortcutOf('up')}; ${shortcutOf('parent')} in the list)`}
        icon={<ArrowUpRegular aria-hidden />}
        disabled={!navigation.canUp}
        onClick={navigation.up}
      />
      <ToolbarDivider />
    </>
  );
}
