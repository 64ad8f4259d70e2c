import {
  callTimeoutMs,
  type EventName,
  type EventPayloads,
  type LakeClient,
  type Result,
  type ServerMessage,
} from '../../shared/contract/index.js';
import { withTimeout } from './withTimeout.js';

/** The subset of the WebSocket API the transport uses (the DOM's, or `ws` in tests). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

const open = 1;
const closedError = {
  code: 'Transient' as const,
  message: 'The connection to Lakeshore was lost; the call was not completed. Try again.',
};

/**
 * Browser-mode transport over the host's WebSocket at `url` (`ws://127.0.0.1:PORT/lake?token=…`).
 * Calls made while the socket is (re)connecting wait for it; a drop fails the calls in flight
 * with `Transient` and reconnects with backoff (0.5 s doubling to 10 s). Every call resolves
 * within its contract deadline.
 */
export function createWsClient(
  url: string,
  connect: SocketFactory,
): LakeClient & { close(): void } {
  let socket: SocketLike | undefined;
  let nextId = 1;
  let backoffMs = 500;
  let stopped = false;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const waiting: (() => void)[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const dial = () => {
    const s = connect(url);
    socket = s;
    s.onopen = () => {
      backoffMs = 500;
      waiting.splice(0).forEach((go) => go());
    };
    s.onmessage = (ev) => {
      const message = JSON.parse(String(ev.data)) as ServerMessage;
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else {
        listeners.get(message.name)?.forEach((l) => l(message.payload));
      }
    };
    s.onclose = () => {
      for (const resolve of pending.values()) resolve({ ok: false, error: closedError });
      pending.clear();
      if (stopped) return;
      setTimeout(dial, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 10_000);
    };
  };
  dial();

  const whenOpen = () =>
    socket?.readyState === open
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiting.push(resolve));

  return {
    call(name, args) {
      const sent = whenOpen().then(
        () =>
          new Promise<Result<unknown>>((resolve) => {
            const id = nextId++;
            pending.set(id, resolve);
            socket!.send(JSON.stringify({ type: 'call', id, name, args }));
          }),
      );
      return withTimeout(sent, callTimeoutMs[name], name) as never;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    close() {
      stopped = true;
      socket?.close();
    },
  };
}
