import { describe, expect, it } from 'vitest';
import { completeUtf8Length, decodeText } from './textDecode.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16 = (s: string, le: boolean) => {
  const body = Buffer.from(s, 'utf16le');
  if (!le) body.swap16();
  return new Uint8Array([...(le ? [0xff, 0xfe] : [0xfe, 0xff]), ...body]);
};

describe('decodeText', () => {
  it('decodes UTF-8 and drops its BOM', () => {
    expect(decodeText(utf8('héllo ✓'), false)).toEqual({
      text: 'héllo ✓',
      encoding: 'utf-8',
      usedBytes: 10,
    });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('x')]);
    expect(decodeText(bom, false).text).toBe('x');
  });

  it('never splits a multi-byte character at the cap', () => {
    const all = utf8('ab€😀');
    for (let cut = 2; cut <= all.length; cut++) {
      const d = decodeText(all.subarray(0, cut), cut < all.length);
      expect(d.encoding).toBe('utf-8');
      expect('ab€😀'.startsWith(d.text)).toBe(true);
      expect(d.text).not.toContain('\uFFFD');
    }
    expect(completeUtf8Length(all.subarray(0, 4))).toBe(2);
    expect(completeUtf8Length(all.subarray(0, 5))).toBe(5);
  });

  it('decodes UTF-16 LE and BE by BOM, dropping a cut surrogate pair', () => {
    expect(decodeText(utf16('Grüße 😀', true), false)).toMatchObject({
      text: 'Grüße 😀',
      encoding: 'utf-16le',
    });
    expect(decodeText(utf16('Grüße', false), false)).toMatchObject({
      text: 'Grüße',
      encoding: 'utf-16be',
    });
    const le = utf16('a😀', true);
    expect(decodeText(le.subarray(0, le.length - 1), true).text).toBe('a');
    expect(decodeText(le.subarray(0, le.length - 2), true).text).toBe('a');
  });

  it('falls back to latin1 for invalid UTF-8', () => {
    const d = decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x21]), false);
    expect(d).toEqual({ text: 'café!', encoding: 'latin1', usedBytes: 5 });
  });
});
