import { describe, expect, it } from 'vitest';
import type { StorageActivity } from '../../../shared/contract/index.js';
import { detailsText, durationText, outcomeText, targetOf } from './activityText.js';

const entry: StorageActivity = {
  id: 'c-1',
  at: '2026-12-02T01:00:00.000Z',
  connection: 'lake',
  area: 'blob',
  operation: 'read',
  account: 'acct',
  container: 'raw',
  path: 'sales/2025.csv',
  method: 'GET',
  url: 'https://acct.blob.core.windows.net/raw/sales/2025.csv?sig=REDACTED',
  outcome: 'failed',
  durationMs: 1234,
  attempts: 3,
  status: 503,
  errorCode: 'Transient',
  azureCode: 'ServerBusy',
  requestId: 'r-9',
  clientRequestId: 'c-1',
};

describe('activity text', () => {
  it('names the target, the duration and the outcome', () => {
    expect(targetOf(entry)).toBe('raw/sales/2025.csv');
    expect(targetOf({ ...entry, container: '', path: '' })).toBe('acct');
    expect(durationText(850)).toBe('850 ms');
    expect(durationText(1234)).toBe('1.2 s');
    expect(durationText(75_400)).toBe('75 s');
    expect(outcomeText(entry)).toBe('Failed · Transient');
    expect(outcomeText({ ...entry, outcome: 'ok' })).toBe('OK');
  });

  it('copies every field a support ticket needs, request ids included', () => {
    expect(detailsText(entry)).toBe(
      [
        'Time: 2026-12-02T01:00:00.000Z',
        'Connection: lake',
        'Operation: blob.read',
        'Account: acct',
        'Target: raw/sales/2025.csv',
        'Outcome: Failed · Transient',
        'HTTP status: 503',
        'Service error code: ServerBusy',
        'Duration: 1234 ms',
        'Attempts: 3',
        'x-ms-request-id: r-9',
        'x-ms-client-request-id: c-1',
        'Request: GET https://acct.blob.core.windows.net/raw/sales/2025.csv?sig=REDACTED',
      ].join('\n'),
    );
  });
});
