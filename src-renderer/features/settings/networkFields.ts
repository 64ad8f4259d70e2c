import type { NetworkSettings } from '../../../shared/contract/index.js';

/** Each network setting as Settings shows it: in seconds or a count, with the contract's bounds. */
export const networkFields: Array<{
  key: keyof NetworkSettings;
  label: string;
  /** ms per shown unit: 1,000 for seconds, 1 for counts and ms. */
  scale: number;
  unit: string;
  min: number;
  max: number;
}> = [
  {
    key: 'connectTimeoutMs',
    label: 'Connect timeout',
    scale: 1000,
    unit: 's',
    min: 0.1,
    max: 3600,
  },
  {
    key: 'readTimeoutMs',
    label: 'Read timeout (no data)',
    scale: 1000,
    unit: 's',
    min: 0.1,
    max: 3600,
  },
  {
    key: 'operationTimeoutMs',
    label: 'Operation timeout',
    scale: 1000,
    unit: 's',
    min: 0.1,
    max: 3600,
  },
  { key: 'maxAttempts', label: 'Attempts', scale: 1, unit: '', min: 1, max: 10 },
  { key: 'retryDelayMs', label: 'First retry after', scale: 1, unit: 'ms', min: 0, max: 300_000 },
  {
    key: 'maxRetryDelayMs',
    label: 'Longest wait between retries',
    scale: 1,
    unit: 'ms',
    min: 0,
    max: 300_000,
  },
];

/** One network field's text as typed, keyed by setting. */
export type NetworkDraft = Partial<Record<keyof NetworkSettings, string>>;

/** Whether `text` is a value `field` accepts (a number within its bounds, in its shown unit). */
export function isValidNetworkValue(field: (typeof networkFields)[number], text: string): boolean {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= field.min && value <= field.max;
}

/**
 * The settings `draft` names, in the contract's units (ms, counts): each non-empty field scaled
 * and rounded; an empty one left out (it follows Settings). Values out of bounds are kept, so main
 * refuses them with a message naming the field.
 */
export function networkFromDraft(draft: NetworkDraft): Partial<NetworkSettings> {
  const out: Partial<NetworkSettings> = {};
  for (const f of networkFields) {
    const text = draft[f.key]?.trim();
    if (text) out[f.key] = Math.round(Number(text) * f.scale);
  }
  return out;
}
