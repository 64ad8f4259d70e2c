import { describe, expect, it } from 'vitest';
import { subResponseOutcome } from './deletePaths.js';

const headers = (errorCode?: string) => ({
  get: (n: string) =>
    n === 'x-ms-error-code' ? errorCode : n === 'x-ms-request-id' ? 'sub-req-1' : undefined,
});

describe('subResponseOutcome', () => {
  it('counts 202 and 200 as deleted and 404 as already gone', () => {
    expect(subResponseOutcome({ status: 202, headers: headers() })).toBe('deleted');
    expect(subResponseOutcome({ status: 200 })).toBe('deleted');
    expect(subResponseOutcome({ status: 404, errorCode: 'BlobNotFound' })).toBe('gone');
  });

  it.each([
    [403, 'AuthorizationPermissionMismatch', 'PermissionDenied'],
    [403, 'AuthorizationFailure', 'PermissionDenied'],
    [403, 'AuthenticationFailed', 'AuthFailed'],
    [409, 'LeaseIdMissing', 'Conflict'],
    [412, 'ConditionNotMet', 'Conflict'],
    [500, 'InternalError', 'Transient'],
    [503, 'ServerBusy', 'Transient'],
  ])('maps a %i %s sub-response to %s with its status and request id', (status, code, mapped) => {
    expect(
      subResponseOutcome({ status, errorCode: code, statusMessage: 'x', headers: headers(code) }),
    ).toMatchObject({ code: mapped, status, azureCode: code, requestId: 'sub-req-1' });
  });

  it('takes the error code from the sub-response when its headers lack it', () => {
    expect(
      subResponseOutcome({ status: 403, errorCode: 'AuthenticationFailed', headers: headers() }),
    ).toMatchObject({ code: 'AuthFailed', azureCode: 'AuthenticationFailed' });
  });
});
