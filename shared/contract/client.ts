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
  /** The link to main, where it can break (the loopback WebSocket); absent over Electron IPC. */
  link?: LinkMonitor;
}

/**
 * The state of the transport's link to main: `connecting` until it first opens, `open`, or
 * `disconnected` after it dropped or a connect failed (it keeps redialling with backoff).
 */
export type LinkState = 'connecting' | 'open' | 'disconnected';

/** Watches and nudges the link to main. */
export interface LinkMonitor {
  state(): LinkState;
  /** Calls `listener` on every change of state; returns the unsubscribe function. */
  onChange(listener: (state: LinkState) => void): () => void;
  /** Dials now instead of waiting for the next backoff step (does nothing while open). */
  retry(): void;
}
