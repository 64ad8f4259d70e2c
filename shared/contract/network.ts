import { z } from 'zod';

/**
 * How storage requests are timed and retried: the Settings' values, and a connection's own
 * where it sets them. Defaults are the ADLS2 connector's safe defaults in
 * reference/connectors-feature-spec.md ("Built-in defaults": timeouts connect 5 s, read 60 s,
 * operation 60 s; retries 5 attempts, exponential backoff with jitter 100 ms..2 s).
 */
export interface NetworkSettings {
  /** A try that has not connected within this many ms is abandoned (then retried). */
  connectTimeoutMs: number;
  /**
   * A try whose connection moved no byte (no answer yet, or a body that stopped) for this many
   * ms is aborted and fails with Timeout (then retried); a slow answer that keeps moving is not
   * cut. The reference's S3 profile calls it `read_s` (60 s).
   */
  readTimeoutMs: number;
  /** One REST operation, all its tries and waits included, is aborted after this many ms and fails with Timeout. */
  operationTimeoutMs: number;
  /** Tries per operation, the first included; only Transient and Timeout failures are retried. */
  maxAttempts: number;
  /** The first backoff in ms; doubled per retry, with jitter, up to `maxRetryDelayMs`. A Retry-After from the service wins. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
}

/** The reference's safe defaults (see `NetworkSettings`; the read timeout from its S3 profile, the ADLS2 one having none). */
export const defaultNetworkSettings: NetworkSettings = {
  connectTimeoutMs: 5_000,
  readTimeoutMs: 60_000,
  operationTimeoutMs: 60_000,
  maxAttempts: 5,
  retryDelayMs: 100,
  maxRetryDelayMs: 2_000,
};

/** Any subset of `NetworkSettings`, each finite: timeouts 100 ms–1 h, 1–10 attempts, delays up to 5 min. */
export const networkSettingsSchema = z
  .object({
    connectTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
    readTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
    operationTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
    maxAttempts: z.number().int().min(1).max(10).optional(),
    retryDelayMs: z.number().int().min(0).max(300_000).optional(),
    maxRetryDelayMs: z.number().int().min(0).max(300_000).optional(),
  })
  .strict();

/** Log levels of the app's log (pino's names), most to least verbose. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
/** One of `logLevels`. */
export type LogLevel = (typeof logLevels)[number];
