import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { isCommandKey } from './commandTable.js';
import {
  canStep,
  childToward,
  currentPlace,
  emptyHistory,
  forget,
  parentPlace,
  step,
  visit,
  type History,
  type Place,
} from './location.js';

/** The folder a connection is attached to (its scope's directory), `''` for none. */
export type RootOf = (connectionId: string) => string;

interface State {
  history: History;
  /** What to select in the place shown (a new object each time), e.g. the folder one came from. */
  reveal?: { path: string };
}

type Action =
  | { type: 'go'; to: Place | undefined }
  | { type: 'step'; by: -1 | 1 }
  | { type: 'up'; rootOf: RootOf }
  | { type: 'forget'; gone: (place: Place) => boolean }
  | { type: 'reveal'; path: string };

/** Moves through the history; arriving above the place left selects the folder leading back. */
function reduce(state: State, action: Action): State {
  const from = currentPlace(state.history);
  let history: History;
  if (action.type === 'reveal') return { ...state, reveal: { path: action.path } };
  if (action.type === 'forget') history = forget(state.history, action.gone);
  else if (action.type === 'step') history = step(state.history, action.by);
  else if (action.type === 'up')
    history = from
      ? visit(state.history, parentPlace(from, action.rootOf(from.connectionId)) ?? from)
      : state.history;
  else history = visit(state.history, action.to);
  if (history === state.history) return state;
  const to = currentPlace(history);
  const path = to && childToward(from, to);
  return { history, reveal: path === undefined ? undefined : { path } };
}

/** Whether a key press happens in a text field, where Alt+arrows and Backspace edit text. */
const inTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Where the window is and where it has been: `go` shows a place (recorded in the history),
 * `back`/`forward` step through it, `up` goes one level up (a folder's parent, a container's
 * account, and from the folder a connection is attached to, `rootOf`, its connection). Alt+Left, Alt+Right and Alt+Up anywhere in the window, and the mouse's back and
 * forward side buttons (buttons 3 and 4), do the same. Arriving at a place above the one left
 * (up, back, Backspace, a breadcrumb) sets `reveal` to the folder leading back to it, so the
 * list can select where one came from; `revealPath` asks the list to select another path.
 */
export function useNavigation(rootOf: RootOf = () => '') {
  const [state, dispatch] = useReducer(reduce, { history: emptyHistory });
  const go = useCallback((to: Place | undefined) => dispatch({ type: 'go', to }), []);
  const back = useCallback(() => dispatch({ type: 'step', by: -1 }), []);
  const forward = useCallback(() => dispatch({ type: 'step', by: 1 }), []);
  const up = useCallback(() => dispatch({ type: 'up', rootOf }), [rootOf]);
  const forgetPlaces = useCallback(
    (gone: (place: Place) => boolean) => dispatch({ type: 'forget', gone }),
    [],
  );
  const revealPath = useCallback((path: string) => dispatch({ type: 'reveal', path }), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || inTextField(e.target)) return;
      // The keys are the command table's (Alt+Left, Alt+Right, Alt+Up).
      const act = isCommandKey(e, 'back')
        ? back
        : isCommandKey(e, 'forward')
          ? forward
          : isCommandKey(e, 'up')
            ? up
            : undefined;
      if (!act) return;
      // Taken before the focused list or tree sees it (they would move their cursor).
      e.preventDefault();
      e.stopPropagation();
      act();
    };
    // Buttons 3 and 4 are the side buttons; the browser's own back/forward is cancelled.
    const onMouseUp = (e: MouseEvent) => {
      if (e.button !== 3 && e.button !== 4) return;
      e.preventDefault();
      if (e.button === 3) back();
      else forward();
    };
    const cancelSide = (e: MouseEvent) => {
      if (e.button === 3 || e.button === 4) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('mouseup', onMouseUp);
    window.addEventListener('mousedown', cancelSide);
    window.addEventListener('auxclick', cancelSide);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('mouseup', onMouseUp);
      window.removeEventListener('mousedown', cancelSide);
      window.removeEventListener('auxclick', cancelSide);
    };
  }, [back, forward, up]);

  const place = currentPlace(state.history);
  return useMemo(
    () => ({
      place,
      reveal: state.reveal,
      canBack: canStep(state.history, -1),
      canForward: canStep(state.history, 1),
      canUp: place !== undefined && parentPlace(place) !== undefined,
      go,
      back,
      forward,
      up,
      forget: forgetPlaces,
      revealPath,
    }),
    [place, state, go, back, forward, up, forgetPlaces, revealPath],
  );
}

/** The window's navigation (see `useNavigation`). */
export type Navigation = ReturnType<typeof useNavigation>;
