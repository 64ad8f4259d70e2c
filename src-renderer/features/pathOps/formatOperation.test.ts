import { describe, expect, it } from 'vitest';
import type { OperationProgressEvent } from '../../../shared/contract/index.js';
import { filesText, itemsText, operationFraction, operationText } from './formatOperation.js';

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
  });
});

describe('filesText and itemsText', () => {
  it('say one or many', () => {
    expect(filesText(1)).toBe('1 file');
    expect(filesText(12_345)).toBe('12,345 files');
    expect(itemsText(3)).toBe('3 items');
  });
});
