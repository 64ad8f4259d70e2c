import type { LakeError } from '../../../shared/contract/index.js';

/** Where one staged item is: being sent to main, handed to the transfer engine, or stopped. */
export type StagingState =
  | { kind: 'sending' }
  | { kind: 'starting' }
  | { kind: 'failed'; error: LakeError }
  | { kind: 'cancelled' };

/**
 * One top-level item of a browser-mode drop (a file, or a folder with everything under it)
 * while its bytes go to main's staging folder, before the transfer engine has a job for it.
 */
export interface StagingItem {
  /** Unique in the window. */
  id: string;
  /** The drop's staging batch (the engine's jobs for it read from a folder named so). */
  batchId: string;
  /** The top-level name, as the upload job will be named. */
  name: string;
  /** Bytes of every file under the item. */
  bytesTotal: number;
  /** Bytes main has been sent so far. */
  bytesSent: number;
  state: StagingState;
}

type Listener = () => void;

/**
 * The window's staging items, newest first, for the Transfers panel to show at once (a large
 * file takes a while to reach main in browser mode). A small observable store
 * (`useSyncExternalStore`): every change makes a new snapshot array.
 */
export class StagingStore {
  private items: StagingItem[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly aborts = new Map<string, () => void>();

  /** Calls `listener` after each change; returns the unsubscribe function. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The items now (the same array until something changes). */
  readonly snapshot = (): StagingItem[] => this.items;

  /** Adds a drop's items, in drop order, ahead of the older ones. */
  add(items: StagingItem[]): void {
    this.set([...items, ...this.items]);
  }

  /** Changes one item (nothing when it is gone). */
  update(id: string, change: Partial<Omit<StagingItem, 'id' | 'batchId' | 'name'>>): void {
    if (!this.items.some((i) => i.id === id)) return;
    this.set(this.items.map((i) => (i.id === id ? { ...i, ...change } : i)));
  }

  /** Removes items (once their upload jobs exist). */
  remove(ids: string[]): void {
    const gone = new Set(ids);
    ids.forEach((id) => this.aborts.delete(id));
    this.set(this.items.filter((i) => !gone.has(i.id)));
  }

  /** The item's state now, undefined once removed. */
  state(id: string): StagingState | undefined {
    return this.items.find((i) => i.id === id)?.state;
  }

  /** Sets what stops the item's request in flight (`undefined` when none is). */
  onCancel(id: string, abort: (() => void) | undefined): void {
    if (abort) this.aborts.set(id, abort);
    else this.aborts.delete(id);
  }

  /** Cancels an item still being sent: its request in flight is aborted and it is not uploaded. */
  cancel(id: string): void {
    if (this.state(id)?.kind !== 'sending') return;
    this.update(id, { state: { kind: 'cancelled' } });
    this.aborts.get(id)?.();
    this.aborts.delete(id);
  }

  /** Forgets failed and cancelled items. */
  clearFinished(): void {
    this.set(this.items.filter((i) => i.state.kind === 'sending' || i.state.kind === 'starting'));
  }

  private set(items: StagingItem[]): void {
    this.items = items;
    this.listeners.forEach((l) => l());
  }
}

/** The window's one staging store (browser mode; the desktop app hands main local paths). */
export const stagingUploads = new StagingStore();
