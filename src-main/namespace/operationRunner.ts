import type { OperationKind, OperationProgressEvent } from '../../shared/contract/index.js';
import { LakeFailure, toLakeError } from '../storage/toLakeError.js';

/** What an operation reports as it goes: counts so far (paths, bytes) and the total once known. */
export interface OperationProgress {
  done: number;
  bytes: number;
  failures: number;
  total?: number;
}

/** Handed to an operation's body: its abort signal and a progress sink (throttled by the runner). */
export interface OperationContext {
  signal: AbortSignal;
  /** Adds to the counts; `total` replaces the known total. */
  advance(delta: Partial<Omit<OperationProgress, 'total'>> & { total?: number }): void;
}

/** Runs long operations under a caller-chosen id, reports their progress and cancels them. */
export interface OperationRunner {
  /**
   * Runs `body` as operation `operationId` and resolves to its result. Emits `running`
   * progress at most every `intervalMs` (100 ms: ≤ 10 events a second) and one final event
   * (`completed`, `failed` with the error's message, or `cancelled`). Rejects with what
   * `body` rejected with (`Cancelled` after `cancel`); with `InvalidInput` when the id is in use.
   */
  run<T>(
    operationId: string,
    kind: OperationKind,
    title: string,
    body: (context: OperationContext) => Promise<T>,
  ): Promise<T>;
  /** Aborts a running operation; unknown or finished ids are ignored (it may have just ended). */
  cancel(operationId: string): void;
  /** Aborts every running operation (the service is closing). */
  cancelAll(): void;
}

/** Creates a runner that reports through `emit`. */
export function createOperationRunner(
  emit: (event: OperationProgressEvent) => void,
  intervalMs = 100,
): OperationRunner {
  const running = new Map<string, AbortController>();
  return {
    async run(operationId, kind, title, body) {
      if (running.has(operationId)) {
        throw new LakeFailure({
          code: 'InvalidInput',
          message: `Operation ${operationId} is already running.`,
        });
      }
      const controller = new AbortController();
      running.set(operationId, controller);
      const counts: OperationProgress = { done: 0, bytes: 0, failures: 0 };
      const event = (
        state: OperationProgressEvent['state'],
        message?: string,
      ): OperationProgressEvent => ({
        operationId,
        kind,
        title,
        state,
        done: counts.done,
        bytes: counts.bytes,
        failures: counts.failures,
        ...(counts.total !== undefined ? { total: counts.total } : {}),
        ...(message !== undefined ? { message } : {}),
      });
      let last = 0;
      const context: OperationContext = {
        signal: controller.signal,
        advance(delta) {
          counts.done += delta.done ?? 0;
          counts.bytes += delta.bytes ?? 0;
          counts.failures += delta.failures ?? 0;
          if (delta.total !== undefined) counts.total = delta.total;
          const now = performance.now();
          if (now - last >= intervalMs) {
            last = now;
            emit(event('running'));
          }
        },
      };
      emit(event('running'));
      try {
        const result = await body(context);
        controller.signal.throwIfAborted();
        emit(event('completed'));
        return result;
      } catch (error) {
        const lake = toLakeError(controller.signal.aborted ? controller.signal.reason : error);
        if (controller.signal.aborted || lake.code === 'Cancelled') {
          emit(event('cancelled', 'Cancelled.'));
          throw new LakeFailure({ code: 'Cancelled', message: `${title}: cancelled.` });
        }
        emit(event('failed', lake.message));
        throw error;
      } finally {
        running.delete(operationId);
      }
    },
    cancel(operationId) {
      running.get(operationId)?.abort(new DOMException('Cancelled by the user', 'AbortError'));
    },
    cancelAll() {
      for (const controller of running.values()) {
        controller.abort(new DOMException('The app is closing', 'AbortError'));
      }
    },
  };
}
