import { describe, expect, it } from 'vitest';
import { hexDump } from './hexDump.js';

describe('hexDump', () => {
  it('prints offset, hex and ASCII with dots for control bytes', () => {
    const bytes = new Uint8Array([
      0x50,
      0x41,
      0x52,
      0x31,
      0x00,
      0x0a,
      0x7f,
      0x41,
      ...Array(10).fill(0x42),
    ]);
    expect(hexDump(bytes, 0x10)).toEqual([
      '00000010  50 41 52 31 00 0a 7f 41 42 42 42 42 42 42 42 42  |PAR1...ABBBBBBBB|',
      '00000020  42 42                                            |BB|',
    ]);
  });
});
