import type { ErrorCode, LakeError, Result } from '../../shared/contract/index.js';

/** A failed call as an Error, so react-query can hold it; carries the contract error. */
export class LakeCallError extends Error implements LakeError {
  readonly code: ErrorCode;
  readonly status?: number;
  readonly requestId?: string;
  readonly azureCode?: string;
  constructor(error: LakeError) {
    super(error.message);
    this.name = 'LakeCallError';
    this.code = error.code;
    if (error.status !== undefined) this.status = error.status;
    if (error.requestId !== undefined) this.requestId = error.requestId;
    if (error.azureCode !== undefined) this.azureCode = error.azureCode;
  }
}

/** The value of `result`, or throws its error as a `LakeCallError`. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new LakeCallError(result.error);
  return result.value;
}

/** Errors not worth retrying automatically: retrying cannot change the answer. */
export const isFinalError = (error: unknown): boolean =>
  error instanceof LakeCallError &&
  [
    'AuthFailed',
    'PermissionDenied',
    'NotFound',
    'InvalidInput',
    'AlreadyExists',
    'Conflict',
  ].includes(error.code);
