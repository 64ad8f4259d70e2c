import { defaultsOf, schemaOf, type NumberSettingField } from './settingFields.js';

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

/**
 * Each network setting as Settings shows it (in seconds or a count) with its bounds and the
 * reference's safe default (see `NetworkSettings`; the read timeout from its S3 profile, the
 * ADLS2 one having none): declared once, the defaults and schema derived.
 */
export const networkSettingFields: NumberSettingField<keyof NetworkSettings>[] = [
  {
    key: 'connectTimeoutMs',
    label: 'Connect timeout',
    unit: 's',
    scale: 1000,
    min: 0.1,
    max: 3600,
    default: 5_000,
    whole: false,
  },
  {
    key: 'readTimeoutMs',
    label: 'Read timeout (no data)',
    unit: 's',
    scale: 1000,
    min: 0.1,
    max: 3600,
    default: 60_000,
    whole: false,
  },
  {
    key: 'operationTimeoutMs',
    label: 'Operation timeout',
    unit: 's',
    scale: 1000,
    min: 0.1,
    max: 3600,
    default: 60_000,
    whole: false,
  },
  {
    key: 'maxAttempts',
    label: 'Attempts',
    unit: '',
    scale: 1,
    min: 1,
    max: 10,
    default: 5,
    whole: false,
  },
  {
    key: 'retryDelayMs',
    label: 'First retry after',
    unit: 'ms',
    scale: 1,
    min: 0,
    max: 300_000,
    default: 100,
    whole: false,
  },
  {
    key: 'maxRetryDelayMs',
    label: 'Longest wait between retries',
    unit: 'ms',
    scale: 1,
    min: 0,
    max: 300_000,
    default: 2_000,
    whole: false,
  },
];

/** The reference's safe defaults (see `networkSettingFields`). */
export const defaultNetworkSettings: NetworkSettings = defaultsOf(networkSettingFields);

/** Any subset of `NetworkSettings`, each finite: timeouts 100 ms–1 h, 1–10 attempts, delays up to 5 min. */
export const networkSettingsSchema = schemaOf(networkSettingFields);

/** Log levels of the app's log (pino's names), most to least verbose. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
/** One of `logLevels`. */
export type LogLevel = (typeof logLevels)[number];
