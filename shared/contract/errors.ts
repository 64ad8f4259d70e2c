/**
 * Error codes and the result envelope that every call returns across the process boundary.
 *
 * Electron's `ipcMain.handle` keeps only the message of a thrown error, so nothing is thrown
 * across the boundary: a call resolves to `{ ok: true, value }` or `{ ok: false, error }`.
 */

/**
 * What went wrong, independent of transport. Mapped in main from Azure's HTTP status and
 * `x-ms-error-code` (never from message text):
 * - `NotFound`: 404 (BlobNotFound, PathNotFound, ContainerNotFound, FilesystemNotFound)
 * - `AlreadyExists`: 409 `*AlreadyExists`
 * - `AuthFailed`: 401, bad key or signature, expired SAS or token (403 AuthenticationFailed)
 * - `PermissionDenied`: 403 AuthorizationPermissionMismatch, AuthorizationFailure
 * - `Conflict`: 412, other 409 (lease held, being deleted)
 * - `Timeout`: 408 or a client deadline
 * - `Transient`: 429, 500, 503, connection reset (retryable)
 * - `Unreachable`: host not found or connection refused (retrying now will not help)
 * - `InvalidInput`: arguments rejected before any request was sent, or a 400 from the service
 * - `Cancelled`: the caller aborted
 * - `Unknown`: anything else
 */
export const errorCodes = [
  'NotFound',
  'AlreadyExists',
  'AuthFailed',
  'PermissionDenied',
  'Conflict',
  'Timeout',
  'Transient',
  'Unreachable',
  'InvalidInput',
  'Cancelled',
  'Unknown',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** An error as data. `status` is the HTTP status and `requestId` the `x-ms-request-id` when the service sent them; `azureCode` is the service's `x-ms-error-code`. */
export interface LakeError {
  code: ErrorCode;
  message: string;
  status?: number;
  requestId?: string;
  azureCode?: string;
  /** The argument's field the error is about (`url`, `accountKey`…), when one was refused: the window highlights it. */
  field?: string;
  /** When the SAS the error is about expired (ISO 8601 UTC): the window shows it in the user's local date and time. */
  expiredAt?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: LakeError };

/** Wraps a value in a success envelope. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Wraps an error in a failure envelope. */
export const fail = <T = never>(error: LakeError): Result<T> => ({ ok: false, error });

/** The field of a failed validation's first problem (`blobEndpoint`, `items.0.path`), or undefined for the whole argument. */
export function firstIssueField(error: {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>;
}): string | undefined {
  const path = error.issues[0]?.path ?? [];
  return path.length > 0 ? path.map(String).join('.') : undefined;
}

/**
 * The first problem of a failed validation (a zod error's `issues`) as one line, the field
 * first: `container: Container names are 3–63 lowercase letters…`. For `InvalidInput` messages.
 */
export function firstIssue(error: {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}): string {
  const issue = error.issues[0];
  if (!issue) return 'rejected';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}
