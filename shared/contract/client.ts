import type { CallArgs, CallResult } from './calls.js';
import type { Result } from './errors.js';
import type { EventPayloads } from './events.js';
import type { CallName, EventName } from './names.js';

/**
 * The one interface the renderer talks through, whatever the transport (Electron IPC exposed
 * as `window.lake`, or the loopback WebSocket). Calls never reject: failures, including the
 * transport's own and timeouts, resolve to `{ ok: false, error }`.
 */
export interface LakeClient {
  call<N extends CallName>(name: N, args: CallArgs<N>): Promise<Result<CallResult<N>>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
