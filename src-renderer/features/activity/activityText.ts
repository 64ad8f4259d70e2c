import type { StorageActivity } from '../../../shared/contract/index.js';

/** `container/path` of an entry, `account` for account-level calls, the tenant for a sign-in. */
export const targetOf = (e: StorageActivity): string =>
  e.area === 'auth'
    ? `tenant ${e.path}`
    : [e.container, e.path].filter(Boolean).join('/') || e.account;

/** A duration for the list: `850 ms`, `1.2 s`, `75 s`. */
export const durationText = (ms: number): string =>
  ms < 1_000
    ? `${ms} ms`
    : ms < 10_000
      ? `${(ms / 1_000).toFixed(1)} s`
      : `${Math.round(ms / 1_000)} s`;

/** The outcome as the list says it: `OK`, `Failed · NotFound`, `Cancelled`. */
export const outcomeText = (e: StorageActivity): string =>
  e.outcome === 'ok'
    ? 'OK'
    : e.outcome === 'cancelled'
      ? 'Cancelled'
      : `Failed · ${e.errorCode ?? 'Unknown'}`;

/**
 * An entry as plain text for a support ticket (what "Copy details" writes): one `Label: value`
 * line per field that has a value, request ids included; never a secret (main scrubbed the URL).
 */
export function detailsText(e: StorageActivity): string {
  const lines: Array<[string, string | number | undefined]> = [
    ['Time', e.at],
    ['Connection', e.connection || undefined],
    ['Operation', `${e.area}.${e.operation}`],
    ['Account', e.account || undefined],
    ['Target', targetOf(e)],
    ['Outcome', outcomeText(e)],
    ['HTTP status', e.status],
    ['Service error code', e.azureCode],
    ['Message', e.message],
    ['Duration', `${e.durationMs} ms`],
    ['Attempts', e.attempts],
    ['Bytes', e.bytes],
    ['x-ms-request-id', e.requestId],
    ['x-ms-client-request-id', e.clientRequestId],
    ['Request', e.url ? `${e.method} ${e.url}` : e.method],
  ];
  return lines
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}
