import { describe, expect, it } from 'vitest';
import {
  isValidSettingText,
  networkSettingFields,
  networkSettingsSchema,
} from '../../../shared/contract/index.js';
import { draftFromNetwork, isValidDraft, networkFromDraft } from './networkFields.js';

const field = (key: string) => networkSettingFields.find((f) => f.key === key)!;

describe('the network fields', () => {
  it('turn what was typed into the contract units, leaving empty fields to the settings', () => {
    expect(
      networkFromDraft({
        readTimeoutMs: '2.5',
        connectTimeoutMs: ' ',
        maxAttempts: '3',
        retryDelayMs: '250',
      }),
    ).toEqual({ readTimeoutMs: 2_500, maxAttempts: 3, retryDelayMs: 250 });
    expect(networkFromDraft({})).toEqual({});
  });

  it("accept exactly the values the contract's schema accepts", () => {
    for (const f of networkSettingFields) {
      for (const shown of [f.min, f.max, f.min - 1, f.max + 1]) {
        const valid = isValidSettingText(f, String(shown));
        const parsed = networkSettingsSchema.safeParse(
          networkFromDraft({ [f.key]: String(shown) }),
        );
        expect([f.key, shown, valid]).toEqual([f.key, shown, parsed.success]);
      }
    }
    expect(isValidSettingText(field('maxAttempts'), 'three')).toBe(false);
    expect(isValidSettingText(field('maxAttempts'), '')).toBe(false);
  });

  it("show a connection's own values in Settings' units, and read back to the same values", () => {
    const own = { readTimeoutMs: 2_500, maxAttempts: 3, maxRetryDelayMs: 1_500 };
    const draft = draftFromNetwork(own);
    expect(draft).toEqual({ readTimeoutMs: '2.5', maxAttempts: '3', maxRetryDelayMs: '1500' });
    expect(networkFromDraft(draft)).toEqual(own);
    expect(draftFromNetwork(undefined)).toEqual({});
  });

  it('are valid as a whole only when each field is empty or within its bounds', () => {
    expect(isValidDraft({})).toBe(true);
    expect(isValidDraft({ readTimeoutMs: '2.5', connectTimeoutMs: ' ' })).toBe(true);
    expect(isValidDraft({ readTimeoutMs: '2.5', maxAttempts: '11' })).toBe(false);
    expect(isValidDraft({ operationTimeoutMs: 'soon' })).toBe(false);
  });
});
