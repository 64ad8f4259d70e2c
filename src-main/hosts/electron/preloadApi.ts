// Imported module by module, not from the contract's index, so the preload bundle stays free of zod.
import type { LakeClient } from '../../../shared/contract/client.js';
import { fail } from '../../../shared/contract/errors.js';
import { isCallName, isEventName, type EventName } from '../../../shared/contract/names.js';
import { ipcEventChannel } from '../../../shared/contract/wire.js';

/** The part of Electron's `ipcRenderer` the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

/**
 * The object the preload exposes as `window.lake`: exactly a `LakeClient`. Only the contract's
 * call names reach `ipcRenderer.invoke` and only its event names can be subscribed; channel
 * names come from the contract, never written twice. One listener on `ipcEventChannel`, held
 * while anything is subscribed, fans events out, so many subscribers add no IPC listeners and
 * the IPC event object never reaches the page.
 */
export function createPreloadApi(ipc: IpcRendererLike): LakeClient {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let subscribers = 0;
  const onMessage = (_event: unknown, message: unknown) => {
    const m = message as { name?: unknown; payload?: unknown } | null;
    if (!isEventName(m?.name)) return;
    for (const listener of [...(listeners.get(m.name) ?? [])]) listener(m.payload);
  };

  const call = (name: unknown, args: unknown) =>
    isCallName(name)
      ? ipc.invoke(name, args)
      : Promise.resolve(
          fail({ code: 'InvalidInput', message: `Unknown call "${String(name).slice(0, 100)}".` }),
        );

  const on = (event: unknown, listener: unknown) => {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    // A copy, so the same function subscribed twice is two subscriptions.
    const entry = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set.add(entry));
    if (subscribers++ === 0) ipc.on(ipcEventChannel, onMessage);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      set.delete(entry);
      if (--subscribers === 0) ipc.removeListener(ipcEventChannel, onMessage);
    };
  };

  return { call: call as LakeClient['call'], on: on as LakeClient['on'] };
}
