import type { EventName, EventPayloads, Result } from '../../shared/contract/index.js';

/** Receives every event the service emits; hosts forward them to their windows or sockets. */
export type EventListener = <E extends EventName>(name: E, payload: EventPayloads[E]) => void;

/**
 * The service a host binds: it validates and runs calls by name and emits events. It knows
 * nothing of Electron or WebSockets.
 */
export interface LakeService {
  /**
   * Runs the call `name` with untrusted `args` (validated here with the call's zod schema).
   * Never rejects: an unknown name or invalid args resolve to `InvalidInput`, any failure to
   * its mapped error code.
   */
  dispatch(name: string, args: unknown): Promise<Result<unknown>>;
  /** Subscribes to all events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Number of calls in flight, so a host can wait for them before quitting. */
  inFlight(): number;
  /** Stops what the service started (the embedded emulator) after calls in flight settle. */
  dispose(): Promise<void>;
}
