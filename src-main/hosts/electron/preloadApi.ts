import {
  eventNames,
  fail,
  ipcEventChannel,
  isCallName,
  type EventName,
  type LakeClient,
} from '../../../shared/contract/index.js';

/** The part of Electron's `ipcRenderer` the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

const isEventName = (name: unknown): name is EventName => eventNames.includes(name as EventName);

/**
 * The object the preload exposes as `window.lake`: exactly a `LakeClient`. Only the contract's
 * call names reach `ipcRenderer.invoke` and only its event names can be subscribed; channel
 * names come from the contract, never written twice.
 */
export function createPreloadApi(ipc: IpcRendererLike): LakeClient {
  return {
    call: ((name: unknown, args: unknown) =>
      isCallName(name)
        ? ipc.invoke(name, args)
        : Promise.resolve(
            fail({
              code: 'InvalidInput',
              message: `Unknown call "${String(name).slice(0, 100)}".`,
            }),
          )) as LakeClient['call'],
    on: ((event: unknown, listener: (payload: unknown) => void) => {
      if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
      const onMessage = (_e: unknown, message: unknown) => {
        const m = message as { name?: unknown; payload?: unknown } | null;
        if (m?.name === event) listener(m.payload);
      };
      ipc.on(ipcEventChannel, onMessage);
      return () => void ipc.removeListener(ipcEventChannel, onMessage);
    }) as LakeClient['on'],
  };
}
