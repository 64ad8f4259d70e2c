import {
  isValidSettingText,
  networkSettingFields,
  storedValueOf,
  type NetworkSettings,
} from '../../../shared/contract/index.js';

/** One network field's text as typed, keyed by setting. */
export type NetworkDraft = Partial<Record<keyof NetworkSettings, string>>;

/**
 * The settings `draft` names, in the contract's units (ms, counts): each non-empty field scaled
 * and rounded; an empty one left out (it follows Settings). Values out of bounds are kept, so main
 * refuses them with a message naming the field.
 */
export function networkFromDraft(draft: NetworkDraft): Partial<NetworkSettings> {
  const out: Partial<NetworkSettings> = {};
  for (const f of networkSettingFields) {
    const text = draft[f.key]?.trim();
    if (text) out[f.key] = storedValueOf(f, text);
  }
  return out;
}

/** The fields' texts for a connection's own `network` (in Settings' units); absent values stay empty. */
export function draftFromNetwork(network: Partial<NetworkSettings> | undefined): NetworkDraft {
  const out: NetworkDraft = {};
  for (const f of networkSettingFields) {
    const value = network?.[f.key];
    if (value !== undefined) out[f.key] = String(value / f.scale);
  }
  return out;
}

/** Whether every field of `draft` is empty (it follows Settings) or a value its field accepts. */
export const isValidDraft = (draft: NetworkDraft): boolean =>
  networkSettingFields.every((f) => {
    const text = draft[f.key] ?? '';
    return text.trim() === '' || isValidSettingText(f, text);
  });
