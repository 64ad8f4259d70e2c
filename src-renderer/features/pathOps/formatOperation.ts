import type { OperationProgressEvent } from '../../../shared/contract/index.js';
import { formatSize } from '../files/formatSize.js';

const count = (n: number) => n.toLocaleString('en-US');

/** `1 file` / `12,345 files`. */
export const filesText = (n: number): string => `${count(n)} ${n === 1 ? 'file' : 'files'}`;

/** `1 item` / `3 items`. */
export const itemsText = (n: number): string => `${count(n)} ${n === 1 ? 'item' : 'items'}`;

const stateWords: Record<OperationProgressEvent['state'], string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** State and progress in one line: `Running · 120 of 2,000 · 3.2 MiB`, `Failed · 3 of 10 · 2 failures`. */
export function operationText(o: OperationProgressEvent): string {
  const done = o.total !== undefined ? `${count(o.done)} of ${count(o.total)}` : `${count(o.done)}`;
  const parts = [stateWords[o.state], done];
  if (o.bytes > 0) parts.push(formatSize(o.bytes));
  if (o.failures > 0)
    parts.push(`${count(o.failures)} ${o.failures === 1 ? 'failure' : 'failures'}`);
  return parts.join(' · ');
}

/**
 * Progress as a fraction for a progress bar: undefined (indeterminate, animated) only while it
 * runs with the total unknown; an operation that failed or was cancelled stops where it was.
 */
export const operationFraction = (o: OperationProgressEvent): number | undefined =>
  o.state === 'completed'
    ? 1
    : o.total
      ? Math.min(1, o.done / o.total)
      : o.state === 'running'
        ? undefined
        : 0;

const pastTense: [RegExp, string][] = [
  [/^Moving /, 'Moved '],
  [/^Copying /, 'Copied '],
  [/^Deleting /, 'Deleted '],
  [/^Counting /, 'Counted '],
  [/^Setting /, 'Set '],
  [/^Changing /, 'Changed '],
];

/** The title an operation shows: "Moving a to b" while it runs, "Moved a to b" once completed. */
export function shownTitle(o: Pick<OperationProgressEvent, 'title' | 'state'>): string {
  if (o.state !== 'completed') return o.title;
  const rule = pastTense.find(([from]) => from.test(o.title));
  return rule ? o.title.replace(rule[0], rule[1]) : o.title;
}
