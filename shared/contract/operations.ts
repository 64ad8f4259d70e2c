import { z } from 'zod';

/**
 * Long-running path operations (delete a folder, rename on a flat account, copy, folder
 * statistics, recursive ACL changes). The renderer picks the operation id, so it can follow
 * `operations.progress` events and cancel with `operations.cancel` before the call returns.
 */
export const operationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'An operation id is 8–64 letters, digits, "-" or "_"');

/** What a long-running operation does. */
export type OperationKind = 'delete' | 'rename' | 'copy' | 'count' | 'acl';

/**
 * Progress of one operation, throttled to at most 10 events a second per operation, plus a
 * final event in state `completed`, `failed` or `cancelled`.
 * - `done`: paths handled so far (deleted, moved, copied, counted, ACL-updated).
 * - `total`: paths expected when known (absent while still counting).
 * - `bytes`: bytes of the files handled so far.
 * - `failures`: paths that could not be handled (the operation may go on, e.g. recursive ACLs).
 */
export interface OperationProgressEvent {
  operationId: string;
  kind: OperationKind;
  /** What the user sees, e.g. `Deleting raw/2025`. */
  title: string;
  state: 'running' | 'completed' | 'failed' | 'cancelled';
  done: number;
  total?: number;
  bytes: number;
  failures: number;
  /** The error's message when `state` is `failed`. */
  message?: string;
}
