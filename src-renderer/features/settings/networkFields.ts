import {
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
