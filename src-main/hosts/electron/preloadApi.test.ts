import { describe, expect, it, vi } from 'vitest';
import { callNames, ipcEventChannel } from '../../../shared/contract/index.js';
import { createPreloadApi, type IpcRendererLike } from './preloadApi.js';

type Listener = (e: unknown, m: unknown) => void;

const fakeIpc = () => {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (..._a: unknown[]) => ({ ok: true, value: 1 })),
    on: vi.fn((c: string, l: Listener) => {
      listeners.set(c, (listeners.get(c) ?? new Set()).add(l));
    }),
    removeListener: vi.fn((c: string, l: Listener) => listeners.get(c)?.delete(l)),
    /** Sends `m` as main would, with an IPC event object the page must never see. */
    emit: (m: unknown) =>
      listeners.get(ipcEventChannel)?.forEach((l) => l({ sender: 'ipc-event' }, m)),
    count: () => listeners.get(ipcEventChannel)?.size ?? 0,
  } satisfies IpcRendererLike & Record<string, unknown>;
  return ipc;
};

describe('the preload API', () => {
  it('exposes exactly call and on', () => {
    expect(Object.keys(createPreloadApi(fakeIpc())).sort()).toEqual(['call', 'on']);
  });

  it('invokes every contract call on the channel of its name', async () => {
    const ipc = fakeIpc();
    const api = createPreloadApi(ipc);
    expect(await api.call('containers.list', { connectionId: 'x' })).toEqual({
      ok: true,
      value: 1,
    });
    expect(ipc.invoke).toHaveBeenCalledWith('containers.list', { connectionId: 'x' });
    for (const name of callNames) await api.call(name, {} as never);
    expect(ipc.invoke.mock.calls.slice(1).map((c) => c[0])).toEqual(callNames);
  });

  it.each(['fs.read', 'lake:event', 'toString', '__proto__', 42])(
    'refuses the call name %s without touching IPC',
    async (name) => {
      const ipc = fakeIpc();
      const result = await createPreloadApi(ipc).call(name as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('delivers only the subscribed event, payload only, and unsubscribes', () => {
    const ipc = fakeIpc();
    const api = createPreloadApi(ipc);
    const got: unknown[] = [];
    const off = api.on('activity', (...a) => got.push(a));
    ipc.emit({ name: 'connections.changed', payload: [] });
    ipc.emit({ name: 'activity', payload: { message: 'hi' } });
    ipc.emit(null);
    ipc.emit('activity');
    off();
    ipc.emit({ name: 'activity', payload: { message: 'late' } });
    expect(got).toEqual([[{ message: 'hi' }]]);
    expect(ipc.on).toHaveBeenCalledWith(ipcEventChannel, expect.any(Function));
  });

  it('holds one IPC listener for any number of subscribers, and none after the last leaves', () => {
    const ipc = fakeIpc();
    const api = createPreloadApi(ipc);
    const seen: string[] = [];
    const offs = Array.from({ length: 20 }, (_, i) =>
      api.on('connections.changed', () => seen.push(`c${i}`)),
    );
    const offActivity = api.on('activity', () => seen.push('a'));
    expect(ipc.count()).toBe(1);
    ipc.emit({ name: 'connections.changed', payload: [] });
    expect(seen).toHaveLength(20);
    offs.forEach((off) => (off(), off()));
    expect(ipc.count()).toBe(1);
    offActivity();
    expect(ipc.count()).toBe(0);
    expect(ipc.on).toHaveBeenCalledTimes(1);
  });

  it('ignores subscriptions to unknown events and non-function listeners', () => {
    const ipc = fakeIpc();
    const api = createPreloadApi(ipc);
    api.on('secrets' as never, () => undefined)();
    api.on('activity', 'alert(1)' as never)();
    expect(ipc.on).not.toHaveBeenCalled();
  });
});
