import { describe, expect, it, vi } from 'vitest';
import { StagingStore, type StagingItem } from './stagingUploads.js';

const item = (name: string, batchId = 'batch0001'): StagingItem => ({
  id: `${batchId}/${name}`,
  batchId,
  name,
  bytesTotal: 100,
  bytesSent: 0,
  state: { kind: 'sending' },
});

describe('StagingStore', () => {
  it('puts a new drop ahead of older ones and tells its listeners of every change', () => {
    const store = new StagingStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.add([item('old.bin', 'batch0001')]);
    store.add([item('a.bin', 'batch0002'), item('b.bin', 'batch0002')]);
    expect(store.snapshot().map((i) => i.name)).toEqual(['a.bin', 'b.bin', 'old.bin']);
    const before = store.snapshot();
    store.update('batch0002/a.bin', { bytesSent: 40 });
    expect(store.snapshot()).not.toBe(before);
    expect(store.snapshot()[0]!.bytesSent).toBe(40);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('cancels only an item being sent, aborting its request in flight once', () => {
    const store = new StagingStore();
    store.add([item('a.bin'), item('b.bin')]);
    const abort = vi.fn();
    store.onCancel('batch0001/a.bin', abort);
    store.cancel('batch0001/a.bin');
    store.cancel('batch0001/a.bin');
    expect(abort).toHaveBeenCalledTimes(1);
    expect(store.state('batch0001/a.bin')).toEqual({ kind: 'cancelled' });
    store.update('batch0001/b.bin', { state: { kind: 'starting' } });
    store.cancel('batch0001/b.bin');
    expect(store.state('batch0001/b.bin')).toEqual({ kind: 'starting' });
  });

  it('Clear finished forgets failed and cancelled items and keeps those still going', () => {
    const store = new StagingStore();
    store.add([item('sending.bin'), item('starting.bin'), item('failed.bin'), item('gone.bin')]);
    store.update('batch0001/starting.bin', { state: { kind: 'starting' } });
    store.update('batch0001/failed.bin', {
      state: { kind: 'failed', error: { code: 'Transient', message: 'reset' } },
    });
    store.cancel('batch0001/gone.bin');
    store.clearFinished();
    expect(store.snapshot().map((i) => i.name)).toEqual(['sending.bin', 'starting.bin']);
    store.remove(['batch0001/starting.bin']);
    expect(store.state('batch0001/starting.bin')).toBeUndefined();
  });
});
