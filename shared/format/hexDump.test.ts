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

  it('prints fewer bytes a line when asked, for a narrow pane', () => {
    const bytes = new Uint8Array([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a]);
    expect(hexDump(bytes, 0, 8)).toEqual([
      '00000000  41 42 43 44 45 46 47 48  |ABCDEFGH|',
      '00000008  49 4a                    |IJ|',
    ]);
  });
});
