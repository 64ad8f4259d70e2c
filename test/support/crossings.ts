import type { Result } from '../../shared/contract/index.js';

/** What a test saw cross from main to the "renderer", and the unwrapping that records it. */
export interface Crossings {
  /** Every result and event payload that crossed, as JSON, in order. */
  crossed: string[];
  /** Records `r`, then returns its value; throws `code: message` for an error result. */
  value<T>(r: Result<unknown>): T;
  /** Records an event payload (a service subscriber's). */
  record(payload: unknown): void;
}

/**
 * A record of what crossed the boundary, so a test can search it for tokens, keys and secrets
 * that must never reach the renderer.
 */
export function recordCrossings(): Crossings {
  const crossed: string[] = [];
  return {
    crossed,
    value<T>(r: Result<unknown>): T {
      crossed.push(JSON.stringify(r));
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    record: (payload) => crossed.push(JSON.stringify(payload)),
  };
}
