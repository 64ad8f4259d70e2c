import { makeStyles, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

const useStyles = makeStyles({
  splitter: {
    width: '6px',
    cursor: 'col-resize',
    touchAction: 'none',
    backgroundColor: 'transparent',
    outline: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralStroke1Hover },
    ':focus-visible': { backgroundColor: tokens.colorStrokeFocus2 },
    ':active': { backgroundColor: tokens.colorBrandStroke1 },
  },
});

/** Arrow keys move a splitter this far (px); with Shift, `largeStep`. */
export const splitterStep = 16;
const largeStep = 64;

/** Clamps `value` to `min`…`max`, rounded to whole pixels. */
export const clampWidth = (value: number, min: number, max: number): number =>
  Math.round(Math.min(max, Math.max(min, value)));

/**
 * A vertical splitter that sets the width of the pane beside it: a focusable
 * `role="separator"` named "Resize <pane>" with `aria-valuenow` (the width in px), dragged with
 * the mouse or moved with the arrow keys (Shift: further; Home and End: the limits). `side`
 * says where the pane is: `before` (left of the splitter: dragging right widens it) or `after`.
 * `onChange` follows every move; `onCommit` gets the width once a drag or key press ends.
 */
export function Splitter({
  pane,
  controls,
  side,
  value,
  min,
  max,
  onChange,
  onCommit,
}: {
  /** The pane's name, as the separator's accessible name says it ("Storage tree"). */
  pane: string;
  /** The id of the pane's element (the splitter's neighbour on `side`). */
  controls?: string;
  side: 'before' | 'after';
  value: number;
  min: number;
  max: number;
  onChange: (width: number) => void;
  onCommit: (width: number) => void;
}) {
  const styles = useStyles();
  const drag = useRef<{ x: number; width: number; last: number }>(undefined);
  const sign = side === 'before' ? 1 : -1;
  const widthAt = (x: number) => {
    const d = drag.current!;
    return clampWidth(d.width + sign * (x - d.x), min, max);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    // Start from the width on screen: a narrow window may show less than the saved width.
    const pane =
      side === 'before'
        ? e.currentTarget.previousElementSibling
        : e.currentTarget.nextElementSibling;
    const shown = pane?.getBoundingClientRect().width;
    const width = clampWidth(shown || value, min, max);
    drag.current = { x: e.clientX, width, last: width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const width = widthAt(e.clientX);
    if (width === drag.current.last) return;
    drag.current.last = width;
    onChange(width);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const width = widthAt(e.clientX);
    drag.current = undefined;
    onChange(width);
    onCommit(width);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? largeStep : splitterStep;
    const next =
      e.key === 'ArrowRight'
        ? value + sign * step
        : e.key === 'ArrowLeft'
          ? value - sign * step
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const width = clampWidth(next, min, max);
    onChange(width);
    onCommit(width);
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${pane}`}
      aria-controls={controls}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={styles.splitter}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
