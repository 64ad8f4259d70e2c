import type { ErrorCode, LakeError, Result } from '../../shared/contract/index.js';

/**
 * The message of `error` for this window: the ISO time of an expired SAS (`expiredAt`) written
 * as a local date and time in the user's format (`toLocaleString`), the rest as main wrote it.
 */
export function localMessage(error: LakeError): string {
  if (!error.expiredAt) return error.message;
  const at = new Date(error.expiredAt);
  if (Number.isNaN(at.getTime())) return error.message;
  return error.message.replaceAll(error.expiredAt, at.toLocaleString());
}

/** A failed call as an Error, so react-query can hold it; carries the contract error. */
export class LakeCallError extends Error implements LakeError {
  readonly code: ErrorCode;
  readonly status?: number;
  readonly requestId?: string;
  readonly azureCode?: string;
  readonly field?: string;
  readonly expiredAt?: string;
  constructor(error: LakeError) {
    super(localMessage(error));
    this.name = 'LakeCallError';
    this.code = error.code;
    if (error.status !== undefined) this.status = error.status;
    if (error.requestId !== undefined) this.requestId = error.requestId;
    if (error.azureCode !== undefined) this.azureCode = error.azureCode;
    if (error.field !== undefined) this.field = error.field;
    if (error.expiredAt !== undefined) this.expiredAt = error.expiredAt;
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
