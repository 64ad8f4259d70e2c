/**
 * Background requests of one file, each holding a request slot it was given: `run` starts one
 * and releases its slot when it settles; the first failure is kept (`failed` tells callers to
 * stop starting more); `wait` resolves once all settled; `throwIfFailed` rethrows the first
 * failure. Shared by the upload's block staging and the download's ranged reads.
 */
export function createSlotTasks() {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  return {
    get failed(): boolean {
      return failure !== undefined;
    },
    run(release: () => void, task: () => Promise<void>): void {
      const p: Promise<void> = task()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          release();
          inFlight.delete(p);
        });
      inFlight.add(p);
    },
    async wait(): Promise<void> {
      await Promise.all(inFlight);
    },
    throwIfFailed(): void {
      if (failure) throw failure.error;
    },
  };
}
