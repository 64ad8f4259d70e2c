import type { LakeError } from '../../shared/contract/index.js';
import { sasExpiry } from '../connections/sasExpiry.js';

/**
 * An `AuthFailed` error when the SAS in `query` (a query string, with or without `?`, or a
 * whole SAS URL) expired at or before `now`; `undefined` when it has not, or has no readable
 * `se`. Lets a caller refuse before any request: Azure answers an expired SAS with 403
 * AuthenticationFailed and Azurite with AuthorizationFailure, neither naming the expiry.
 */
export function expiredSasError(query: string, now: Date): LakeError | undefined {
  const expiry = sasExpiry(query);
  if (!expiry || expiry.getTime() > now.getTime()) return undefined;
  return {
    code: 'AuthFailed',
    message: `The SAS expired at ${expiry.toISOString()}; get a new one.`,
    expiredAt: expiry.toISOString(),
  };
}
