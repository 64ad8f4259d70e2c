import type { Result } from '../../shared/contract/index.js';

/** Resolves to `call`'s result, or to a `Timeout` error envelope after `ms` milliseconds. Never rejects. */
export function withTimeout<T>(
  call: Promise<Result<T>>,
  ms: number,
  what: string,
): Promise<Result<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Result<T>>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: {
            code: 'Timeout',
            message: `${what} did not answer within ${Math.round(ms / 1000)} s.`,
          },
        }),
      ms,
    );
  });
  const settled = call.catch((e: unknown): Result<T> => ({
    ok: false,
    error: { code: 'Unknown', message: e instanceof Error ? e.message : String(e) },
  }));
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}
