import { describe, expect, it } from 'vitest';
import { exactSize, formatSize } from './formatSize.js';

describe('formatSize', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [150 * 1024, '150 KiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
  ])('%i → %s', (bytes, text) => expect(formatSize(bytes)).toBe(text));

  it('groups exact sizes', () => expect(exactSize(1234567)).toBe('1,234,567 bytes'));
});
