import { RestError } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { LakeFailure, toLakeError } from './toLakeError.js';

const restError = (statusCode: number, azureCode?: string, requestId = 'req-1') =>
  new RestError('boom', {
    statusCode,
    response: {
      status: statusCode,
      headers: {
        get: (n: string) =>
          n === 'x-ms-error-code' ? azureCode : n === 'x-ms-request-id' ? requestId : undefined,
      },
    } as never,
  });

describe('toLakeError', () => {
  it.each([
    [404, 'BlobNotFound', 'NotFound'],
    [404, 'ContainerNotFound', 'NotFound'],
    [403, 'AuthenticationFailed', 'AuthFailed'],
    [403, 'AuthorizationPermissionMismatch', 'PermissionDenied'],
    [403, 'AuthorizationFailure', 'PermissionDenied'],
    [401, undefined, 'AuthFailed'],
    [409, 'ContainerAlreadyExists', 'AlreadyExists'],
    [409, 'LeaseAlreadyPresent', 'Conflict'],
    [412, 'ConditionNotMet', 'Conflict'],
    [408, undefined, 'Timeout'],
    [429, undefined, 'Transient'],
    [500, 'InternalError', 'Transient'],
    [503, 'ServerBusy', 'Transient'],
    [400, 'InvalidQueryParameterValue', 'InvalidInput'],
  ])('maps HTTP %i %s to %s with status and request id', (status, azureCode, code) => {
    const e = toLakeError(restError(status, azureCode));
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
    expect(e.requestId).toBe('req-1');
    expect(e.azureCode).toBe(azureCode);
  });

  it('maps network failures by errno code', () => {
    expect(toLakeError(new RestError('x', { code: 'ENOTFOUND' })).code).toBe('Unreachable');
    expect(toLakeError(new RestError('x', { code: 'ECONNREFUSED' })).code).toBe('Unreachable');
    expect(toLakeError(new RestError('x', { code: 'ECONNRESET' })).code).toBe('Transient');
  });

  it('keeps errors already in contract form and maps aborts to Cancelled', () => {
    expect(toLakeError(new LakeFailure({ code: 'InvalidInput', message: 'no' }))).toEqual({
      code: 'InvalidInput',
      message: 'no',
    });
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(toLakeError(abort).code).toBe('Cancelled');
    expect(toLakeError(new DOMException('timed out', 'TimeoutError')).code).toBe('Timeout');
  });

  it('does not read the message to decide the code', () => {
    expect(toLakeError(new Error('404 BlobNotFound AuthenticationFailed')).code).toBe('Unknown');
  });

  it('words AuthorizationFailure without claiming the credentials are valid', () => {
    const e = toLakeError(restError(403, 'AuthorizationFailure'));
    expect(e.code).toBe('PermissionDenied');
    expect(e.message).toBe(
      'The service refused the request: the key or SAS may be wrong or expired, or lack permission for this operation. (AuthorizationFailure: HTTP 403)',
    );
    expect(e.message).not.toMatch(/valid/);
  });

  it('keeps the missing-permission wording for AuthorizationPermissionMismatch', () => {
    expect(toLakeError(restError(403, 'AuthorizationPermissionMismatch')).message).toBe(
      'The credentials are valid but lack permission for this operation. (AuthorizationPermissionMismatch: HTTP 403)',
    );
  });

  it('does not take an explanation from an error code named like an object property', () => {
    expect(toLakeError(restError(403, 'constructor')).message).toMatch(
      /^The credentials are valid but lack permission/,
    );
  });
});

describe('toLakeError on @azure/identity errors', () => {
  it("says AuthFailed, with each of DefaultAzureCredential's reasons, for its chain finding no token", async () => {
    const { AggregateAuthenticationError, CredentialUnavailableError, AuthenticationError } =
      await import('@azure/identity');
    const chain = new AggregateAuthenticationError(
      [new CredentialUnavailableError('EnvironmentCredential is unavailable.')],
      'ChainedTokenCredential authentication failed.',
    );
    const error = toLakeError(chain);
    expect(error.code).toBe('AuthFailed');
    expect(error.message).toMatch(
      /^No credential of DefaultAzureCredential's chain could sign in here: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET .*, run az login or azd auth login, or use lakeshore login\.\nCredentialUnavailableError: EnvironmentCredential is unavailable\.$/,
    );
    expect(toLakeError(new CredentialUnavailableError('Azure CLI could not be found.'))).toEqual({
      code: 'AuthFailed',
      message: 'No credential is available here: Azure CLI could not be found.',
    });
    const refused = toLakeError(
      new AuthenticationError(401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret.',
      }),
    );
    expect(refused.code).toBe('AuthFailed');
  });
});
