import { describe, expect, it } from 'vitest';
import { LakeCallError } from '../../api/lakeCallError.js';
import { hintFor } from './ErrorNotice.js';

describe('the hint under an error', () => {
  it('is not repeated where the message already says it: a wrong key or SAS', () => {
    expect(hintFor(new LakeCallError({ code: 'AuthFailed', message: 'x' }))).toBeUndefined();
    expect(
      hintFor(
        new LakeCallError({
          code: 'PermissionDenied',
          message: 'x',
          azureCode: 'AuthorizationFailure',
        }),
      ),
    ).toBeUndefined();
    expect(
      hintFor(
        new LakeCallError({
          code: 'PermissionDenied',
          message:
            'You are signed in, but your identity may not change access control in container "sales" of account a: ask for the Storage Blob Data Owner role on the container.',
          azureCode: 'AuthorizationPermissionMismatch',
        }),
      ),
    ).toBeUndefined();
  });

  it('is given otherwise, and never points at a highlight that is not there', () => {
    expect(hintFor(new LakeCallError({ code: 'PermissionDenied', message: 'x' }))).toMatch(
      /^Ask for a role or SAS/,
    );
    expect(hintFor(new LakeCallError({ code: 'InvalidInput', message: 'x' }))).toBe(
      'Correct the value it names and try again.',
    );
  });
});
