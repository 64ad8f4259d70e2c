import { describe, expect, it } from 'vitest';
import { expiredSasError } from './expiredSas.js';

const now = new Date('2026-06-01T12:00:00Z');

describe('expiredSasError', () => {
  it('refuses a SAS whose expiry is in the past, naming the time', () => {
    expect(expiredSasError('sv=2024-08-04&se=2026-05-31T08%3A30%3A00Z&sp=rl&sig=x', now)).toEqual({
      code: 'AuthFailed',
      message: 'The SAS expired at 2026-05-31T08:30:00.000Z; get a new one.',
      expiredAt: '2026-05-31T08:30:00.000Z',
    });
  });

  it('reads a query with a leading "?" and a whole SAS URL', () => {
    expect(expiredSasError('?se=2026-06-01T11:59:59Z&sig=x', now)?.code).toBe('AuthFailed');
    expect(
      expiredSasError('https://acct.blob.core.windows.net/c0?se=2020-01-01T00:00:00Z&sig=x', now)
        ?.message,
    ).toBe('The SAS expired at 2020-01-01T00:00:00.000Z; get a new one.');
  });

  it('lets through a SAS that has not expired, has no expiry or an unreadable one', () => {
    expect(expiredSasError('se=2026-06-01T12:00:01Z&sig=x', now)).toBeUndefined();
    expect(expiredSasError('sv=2024-08-04&sig=x', now)).toBeUndefined();
    expect(expiredSasError('se=tomorrow&sig=x', now)).toBeUndefined();
    expect(expiredSasError('', now)).toBeUndefined();
  });
});
