import { describe, expect, it } from 'vitest';
import type { OperationProgressEvent } from '../../../shared/contract/index.js';
import {
  filesText,
  itemsText,
  operationFraction,
  operationText,
  shownTitle,
} from './formatOperation.js';

const event = (patch: Partial<OperationProgressEvent>): OperationProgressEvent => ({
  operationId: 'op-12345678',
  kind: 'delete',
  title: 'Deleting raw',
  state: 'running',
  done: 0,
  bytes: 0,
  failures: 0,
  ...patch,
});

describe('operationText', () => {
  it('gives done of total and bytes while running', () => {
    expect(operationText(event({ done: 120, total: 2000, bytes: 3 * 1024 * 1024 }))).toBe(
      'Running · 120 of 2,000 · 3.0 MiB',
    );
  });
  it('gives the count alone while the total is unknown, and failures', () => {
    expect(operationText(event({ state: 'failed', done: 12_345, failures: 2 }))).toBe(
      'Failed · 12,345 · 2 failures',
    );
  });
});

describe('operationFraction', () => {
  it('is indeterminate without a total, a fraction with one, full when completed', () => {
    expect(operationFraction(event({ done: 5 }))).toBeUndefined();
    expect(operationFraction(event({ done: 5, total: 20 }))).toBe(0.25);
    expect(operationFraction(event({ state: 'completed', done: 0 }))).toBe(1);
    // Ended without a total: a still bar, not an animation that says it still runs.
    expect(operationFraction(event({ state: 'failed', done: 0 }))).toBe(0);
    expect(operationFraction(event({ state: 'cancelled', done: 3 }))).toBe(0);
  });
});

describe('filesText and itemsText', () => {
  it('say one or many', () => {
    expect(filesText(1)).toBe('1 file');
    expect(filesText(12_345)).toBe('12,345 files');
    expect(itemsText(3)).toBe('3 items');
  });
});

describe('shownTitle', () => {
  it('says what was done once completed, what is being done until then', () => {
    expect(shownTitle({ title: 'Moving raw/a to raw/b', state: 'running' })).toBe(
      'Moving raw/a to raw/b',
    );
    expect(shownTitle({ title: 'Moving raw/a to raw/b', state: 'completed' })).toBe(
      'Moved raw/a to raw/b',
    );
    expect(shownTitle({ title: 'Copying a.csv to x/', state: 'failed' })).toBe(
      'Copying a.csv to x/',
    );
  });
});
