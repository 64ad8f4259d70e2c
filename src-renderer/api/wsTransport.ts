import {
  callTimeoutMs,
  type CallName,
  type ClientMessage,
  type EventName,
  type EventPayloads,
  type LakeClient,
  type LakeError,
  type LinkState,
  type Result,
  type ServerMessage,
} from '../../shared/contract/index.js';

/**
 * The subset of the WebSocket API the transport uses (the DOM's, or `ws` in tests). Handlers
 * take `never` so both libraries' event types fit; the transport reads only `data` of a message.
 */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: never) => void) | null;
  onclose: ((ev: never) => void) | null;
  onerror: ((ev: never) => void) | null;
  onmessage: ((ev: never) => void) | null;
}

/** A WebSocket constructor: the browser's `WebSocket`, or `ws`'s in Node tests. */
export type SocketConstructor = new (url: string) => SocketLike;

/** Tuning for tests; the defaults are the contract's deadlines and a 0.5 s → 10 s backoff. */
export interface WsClientOptions {
  timeoutMs?: (name: CallName) => number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
}

/** The WebSocket client: a `LakeClient` that can also be shut down (it then stops reconnecting). */
export type WsClient = LakeClient & { close(): void };

type Settle = (result: Result<unknown>) => void;

const openState = 1;
const lostError: LakeError = {
  code: 'Transient',
  message:
    "The connection to Lakeshore's background process was lost before this call answered; it may not have completed. Try again once reconnected.",
};
/** For calls made, or still queued, while the link is down: they fail at once instead of waiting for their deadline. */
const downError: LakeError = {
  code: 'Unreachable',
  message:
    "Disconnected from Lakeshore's background process, so this was not done. It reconnects by itself; Retry tries now.",
};
const closedError: LakeError = { code: 'Transient', message: 'The client was closed.' };

/** Reads a server message, or undefined when the frame is not one (ignored, never thrown). */
function parseServerMessage(data: unknown): ServerMessage | undefined {
  try {
    const message = JSON.parse(String(data)) as Partial<ServerMessage> | null;
    if (message?.type === 'result' && typeof message.id === 'number')
      return message as ServerMessage;
    if (message?.type === 'event' && typeof message.name === 'string')
      return message as ServerMessage;
  } catch {
    // Not JSON: nothing the protocol sends.
  }
  return undefined;
}

/**
 * Browser-mode transport over the host's WebSocket at `url` (`ws://127.0.0.1:PORT/lake?token=…`).
 * Calls made while the socket first connects wait in a queue; a drop fails the calls in
 * flight with `Transient` and the queued ones with `Unreachable`, and reconnects with backoff
 * (`link` reports the state; `link.retry()` dials at once). While disconnected, calls fail at
 * once with `Unreachable`. Every call resolves within its deadline (`Timeout` past it) and
 * never rejects.
 */
export function createWsClient(
  url: string,
  Socket: SocketConstructor,
  options: WsClientOptions = {},
): WsClient {
  const timeoutMs = options.timeoutMs ?? ((name: CallName) => callTimeoutMs[name]);
  const firstBackoffMs = options.firstBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  let socket: SocketLike | undefined;
  let nextId = 1;
  let backoffMs = firstBackoffMs;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let linkState: LinkState = 'connecting';
  const linkListeners = new Set<(state: LinkState) => void>();
  const setLink = (state: LinkState) => {
    if (state === linkState) return;
    linkState = state;
    linkListeners.forEach((l) => l(state));
  };
  /** Unanswered calls by id, in the order they were made; `sent` once on the current socket. */
  const calls = new Map<number, { sent: boolean; message: string; settle: Settle }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const sendQueued = () => {
    for (const c of calls.values()) {
      if (c.sent || socket?.readyState !== openState) continue;
      c.sent = true;
      socket.send(c.message);
    }
  };

  const dial = () => {
    const s = new Socket(url);
    socket = s;
    s.onopen = () => {
      backoffMs = firstBackoffMs;
      setLink('open');
      sendQueued();
    };
    s.onmessage = (ev: { data: unknown }) => {
      const message = parseServerMessage(ev.data);
      if (message?.type === 'result') {
        const c = calls.get(message.id);
        if (c?.sent) c.settle(message.result);
      } else if (message?.type === 'event') {
        listeners.get(message.name)?.forEach((listener) => listener(message.payload));
      }
    };
    // A failed connect is followed by `close`, which reconnects; `ws` throws if nobody listens.
    s.onerror = () => undefined;
    s.onclose = () => {
      if (socket !== s) return;
      for (const c of [...calls.values()])
        c.settle({ ok: false, error: c.sent ? lostError : downError });
      if (stopped) return;
      setLink('disconnected');
      reconnectTimer = setTimeout(dial, backoffMs);
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    };
  };
  dial();

  const call = (name: CallName, args: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      if (stopped) return resolve({ ok: false, error: closedError });
      if (linkState === 'disconnected') return resolve({ ok: false, error: downError });
      const id = nextId++;
      const ms = timeoutMs(name);
      const timer = setTimeout(
        () =>
          settle({
            ok: false,
            error: {
              code: 'Timeout',
              message: `${name} did not answer within ${Math.max(1, Math.round(ms / 1000))} s.`,
            },
          }),
        ms,
      );
      const settle: Settle = (result) => {
        clearTimeout(timer);
        calls.delete(id);
        resolve(result);
      };
      const message = JSON.stringify({ type: 'call', id, name, args } satisfies ClientMessage);
      calls.set(id, { sent: false, message, settle });
      sendQueued();
    });

  return {
    call: (name, args) => call(name, args) as never,
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    link: {
      state: () => linkState,
      onChange(listener) {
        linkListeners.add(listener);
        return () => linkListeners.delete(listener);
      },
      retry() {
        if (stopped || linkState === 'open' || socket?.readyState === 0) return;
        clearTimeout(reconnectTimer);
        backoffMs = firstBackoffMs;
        dial();
      },
    },
    close() {
      stopped = true;
      clearTimeout(reconnectTimer);
      for (const c of [...calls.values()]) c.settle({ ok: false, error: closedError });
      socket?.close();
    },
  };
}
