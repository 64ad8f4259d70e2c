import {
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowDivider,
  OverflowItem,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
  makeStyles,
  tokens,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from '@fluentui/react-components';
import { MoreHorizontalRegular } from '@fluentui/react-icons';
import {
  createContext,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactElement,
  type ReactNode,
} from 'react';

/** A choice under a toolbar action that opens a menu (Copy link → Copy URL, Copy abfss path). */
export interface ToolbarSubAction {
  label: string;
  icon: ReactElement;
  onClick: () => void;
}

/**
 * One toolbar action, declared once: the toolbar shows it as a button, and "More actions" as
 * a menu item while the window is too narrow for it.
 */
export interface ToolbarActionProps {
  /** Unique in the toolbar; the overflow manager's key. */
  id: string;
  /** The button's text, or its accessible name when `iconOnly`; the menu item's text. */
  label: string;
  icon: ReactElement;
  /** Tooltip, naming the action's key where it has one. */
  title?: string;
  disabled?: boolean;
  /** Shown as an icon with `label` as its name (Cut, Copy, Paste…). */
  iconOnly?: boolean;
  /** Actions of a group overflow together with the divider before them. */
  groupId?: string;
  onClick?: () => void;
  /** Opens a menu of these instead of acting (a sub-menu under "More actions"). */
  items?: ToolbarSubAction[];
}

/** What "More actions" needs of an action; choosing it clicks the hidden button (`element`). */
interface RegisteredAction {
  id: string;
  label: string;
  icon: ReactElement;
  title?: string;
  disabled?: boolean;
  items?: ToolbarSubAction[];
  element: () => HTMLElement | null;
}

/** The toolbar's actions as "More actions" lists them, kept in a store its menu subscribes to. */
function createActionStore() {
  let actions: RegisteredAction[] = [];
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => actions,
    set(action: RegisteredAction) {
      const old = actions.find((a) => a.id === action.id);
      const same =
        old &&
        old.label === action.label &&
        old.title === action.title &&
        old.disabled === action.disabled &&
        (old.items?.map((i) => i.label).join('\n') ?? '') ===
          (action.items?.map((i) => i.label).join('\n') ?? '');
      // Unchanged for the menu: keep the newest handlers without re-rendering it.
      if (same) return void Object.assign(old, action);
      actions = [...actions.filter((a) => a.id !== action.id), action];
      changed();
    },
    remove(id: string) {
      actions = actions.filter((a) => a.id !== id);
      changed();
    },
  };
}

const ActionStoreContext = createContext<ReturnType<typeof createActionStore> | undefined>(
  undefined,
);

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'center',
    flexShrink: 0,
    minWidth: 0,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  toolbar: {
    flexGrow: 1,
    minWidth: 0,
    flexWrap: 'nowrap',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    // Buttons keep their width: what does not fit goes to "More actions" instead of being cut.
    '& > *': { flexShrink: 0 },
  },
  aside: {
    flexShrink: 0,
    paddingRight: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
  },
});

/**
 * The window's toolbar ("Main"): its `ToolbarAction`s on one line, and those the window is too
 * narrow for in a "More actions" menu at its end, so every action stays reachable by mouse and
 * keyboard (Fluent's Overflow). `aside` (a short notice) is shown after it, outside the overflow.
 */
export function MainToolbar({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  const styles = useStyles();
  const store = useMemo(() => createActionStore(), []);
  return (
    <div className={styles.row}>
      <ActionStoreContext.Provider value={store}>
        <Overflow padding={24}>
          <Toolbar aria-label="Main" className={styles.toolbar}>
            {children}
            <MoreActions />
          </Toolbar>
        </Overflow>
      </ActionStoreContext.Provider>
      {aside && <div className={styles.aside}>{aside}</div>}
    </div>
  );
}

/**
 * A toolbar action (see `ToolbarActionProps`): a button, or a menu button when it has `items`;
 * listed under "More actions" while it does not fit.
 */
export function ToolbarAction(props: ToolbarActionProps) {
  const { id, label, icon, title, disabled, iconOnly, groupId, items } = props;
  const store = useContext(ActionStoreContext);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    store?.set({ id, label, icon, title, disabled, items, element: () => buttonRef.current });
  });
  useLayoutEffect(() => () => store?.remove(id), [store, id]);
  const button = (
    <OverflowItem id={id} groupId={groupId}>
      <ToolbarButton
        ref={buttonRef}
        icon={icon}
        title={title}
        disabled={disabled}
        aria-label={iconOnly ? label : undefined}
        onClick={items ? undefined : props.onClick}
      >
        {iconOnly ? undefined : label}
      </ToolbarButton>
    </OverflowItem>
  );
  if (!items) return button;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>{button}</MenuTrigger>
      <MenuPopover>
        <MenuList>
          {items.map((item) => (
            <MenuItem key={item.label} icon={item.icon} onClick={item.onClick}>
              {item.label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/** A divider before a group of actions, hidden with the group when all of it overflows. */
export function ToolbarGroupDivider({ groupId }: { groupId: string }) {
  return (
    <OverflowDivider groupId={groupId}>
      <ToolbarDivider />
    </OverflowDivider>
  );
}

/** "More actions": a menu of the actions that do not fit, in toolbar order; absent when all fit. */
function MoreActions() {
  const { ref, isOverflowing } = useOverflowMenu<HTMLButtonElement>();
  const store = useContext(ActionStoreContext)!;
  const actions = useSyncExternalStore(store.subscribe, store.snapshot);
  const inOrder = [...actions].sort((a, b) => {
    const ea = a.element();
    const eb = b.element();
    if (!ea || !eb) return 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <ToolbarButton
          ref={ref}
          icon={<MoreHorizontalRegular aria-hidden />}
          aria-label="More actions"
          title="More actions"
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {inOrder.map((action) => (
            <MoreItem key={action.id} action={action} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/** One hidden action as a menu item (a sub-menu when it has items); nothing while it is shown. */
function MoreItem({ action }: { action: RegisteredAction }) {
  const visible = useIsOverflowItemVisible(action.id);
  if (visible) return null;
  if (action.items)
    return (
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuItem icon={action.icon} disabled={action.disabled} title={action.title}>
            {action.label}
          </MenuItem>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {action.items.map((item, i) => (
              <MenuItem
                key={item.label}
                icon={item.icon}
                onClick={() => action.items?.[i]?.onClick()}
              >
                {item.label}
              </MenuItem>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
    );
  return (
    <MenuItem
      icon={action.icon}
      disabled={action.disabled}
      title={action.title}
      onClick={() => action.element()?.click()}
    >
      {action.label}
    </MenuItem>
  );
}
