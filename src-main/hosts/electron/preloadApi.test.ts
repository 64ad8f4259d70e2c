import { describe, expect, it, vi } from 'vitest';
import { ipcEventChannel } from '../../../shared/contract/index.js';
import { createPreloadApi, type IpcRendererLike } from './preloadApi.js';

const fakeIpc = () => {
  const listeners = new Set<(e: unknown, m: unknown) => void>();
  const ipc: IpcRendererLike & { emit(m: unknown): void } = {
    invoke: vi.fn(async () => ({ ok: true, value: 1 })),
    on: vi.fn((_c: string, l: (e: unknown, m: unknown) => void) => listeners.add(l)),
    removeListener: vi.fn((_c: string, l: (e: unknown, m: unknown) => void) => listeners.delete(l)),
    emit: (m) => listeners.forEach((l) => l({}, m)),
  };
  return ipc;
};

describe('the preload API', () => {
  it('invokes contract calls on the channel of their name', async () => {
    const ipc = fakeIpc();
    const api = createPreloadApi(ipc);
    expect(await api.call('containers.list', { connectionId: 'x' })).toEqual({
      ok: true,
      value: 1,
    });
    expect(ipc.invoke).toHaveBeenCalledWith('containers.list', { connectionId: 'x' });
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const ipc = fakeIpc();
    const api = createPreloadApi(ipc);
    const result = await api.call('fs.read' as never, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const ipc = fakeIpc();
    const api = createPreloadApi(ipc);
    const got: unknown[] = [];
    const off = api.on('activity', (p) => got.push(p));
    ipc.emit({ name: 'connections.changed', payload: [] });
    ipc.emit({ name: 'activity', payload: { message: 'hi' } });
    off();
    ipc.emit({ name: 'activity', payload: { message: 'late' } });
    expect(got).toEqual([{ message: 'hi' }]);
    expect(ipc.on).toHaveBeenCalledWith(ipcEventChannel, expect.any(Function));
  });

  it('ignores subscriptions to unknown events', () => {
    const ipc = fakeIpc();
    createPreloadApi(ipc).on('secrets' as never, () => undefined);
    expect(ipc.on).not.toHaveBeenCalled();
  });
});
