import { z } from 'zod';
import type { ErrorCode } from './errors.js';

/**
 * Areas of storage work, the middle part of a span name `lakeshore.<area>.<op>`: `blob` (Blob
 * endpoint requests), `dfs` (DataLake endpoint requests: directories, rename, ACLs),
 * `transfer` (the transfer engine's block and range requests), `auth` (Entra ID sign-in).
 */
export const activityAreas = ['blob', 'dfs', 'transfer', 'auth'] as const;
/** One of `activityAreas`. */
export type ActivityArea = (typeof activityAreas)[number];

/** What became of an operation: answered with success, failed with an error code, or aborted by its caller. */
export const activityOutcomes = ['ok', 'failed', 'cancelled'] as const;
/** One of `activityOutcomes`. */
export type ActivityOutcome = (typeof activityOutcomes)[number];

/**
 * One storage operation as main saw it in the Azure SDK pipeline: one REST call with all its
 * attempts, or one sign-in. Kept in a ring of the last 10,000 in main (the rest in the log
 * file); never holds a secret (URLs are scrubbed of SAS signatures).
 */
export interface StorageActivity {
  /** Unique within the run (the `x-ms-client-request-id` for storage requests). */
  id: string;
  /** When it started, ISO 8601. */
  at: string;
  /** The connection's name (`cli` for the command line), or `''` when none applies. */
  connection: string;
  area: ActivityArea;
  /** `list`, `read`, `properties`, `write`, `block`, `commit`, `delete`, `rename`, `copy`, `acl`, `metadata`, `create`, `signIn`, `other`. */
  operation: string;
  /** The storage account name. */
  account: string;
  /** The container, or `''` for account-level calls. */
  container: string;
  /** The path in the container (`''` for the container itself). */
  path: string;
  /** HTTP method and URL without its query's secrets. */
  method: string;
  url: string;
  outcome: ActivityOutcome;
  /** From the first attempt's start to the last attempt's end, in ms. */
  durationMs: number;
  /** Tries sent (1 when the first succeeded). */
  attempts: number;
  /** The last answer's HTTP status, absent when no answer came (reset, timeout). */
  status?: number;
  /** The contract's code of a failure. */
  errorCode?: ErrorCode;
  /** The service's `x-ms-error-code`. */
  azureCode?: string;
  /** A failure's message, scrubbed. */
  message?: string;
  /** The last answer's `x-ms-request-id`. */
  requestId?: string;
  /** The `x-ms-client-request-id` sent (the same on every attempt). */
  clientRequestId?: string;
  /** Bytes sent (Content-Length of the request) or received (of the answer). */
  bytes?: number;
}

/** `activity.list`: the newest entries first, filtered by outcome, operation and a text found in the connection, operation, target, status, codes or request ids. */
export const activityQuerySchema = z
  .object({
    outcome: z.enum(activityOutcomes).optional(),
    operation: z.string().min(1).max(40).optional(),
    text: z.string().min(1).max(500).optional(),
    /** At most this many (default 500). */
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

/** The answer of `activity.list`: the entries that match (newest first) and how many the ring holds in all. */
export interface ActivityPage {
  entries: StorageActivity[];
  total: number;
}

/** Latency and errors of one operation (`<area>.<op>`) since the app started. */
export interface OperationStats {
  /** `<area>.<op>`, e.g. `blob.list`. */
  operation: string;
  count: number;
  failed: number;
  /** Attempts beyond the first, summed. */
  retries: number;
  /** Median and 95th percentile of the duration in ms, over the last 2,048 calls. */
  p50Ms: number;
  p95Ms: number;
}

/** `diagnostics.summary`: what the Diagnostics view shows. */
export interface DiagnosticsSummary {
  /** When the app started, ISO 8601. */
  since: string;
  operations: OperationStats[];
  /** Failures by contract code (and the service's code when it sent one, as `Code/AzureCode`). */
  errorsByCode: Array<{ code: string; count: number }>;
  /** Where traces and metrics go: the OTLP endpoint, or `null` when nothing leaves the machine. */
  otlpEndpoint: string | null;
  logFile: string;
}

/** `diagnostics.export`: where the zip went and what it holds. */
export interface DiagnosticsExport {
  path: string;
  bytes: number;
  files: string[];
}
