import { describe, expect, it } from 'vitest';
import { isPlausibleSize, readImageSize } from './imageHeader.js';

const pngHeader = (w: number, h: number) => {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  return new Uint8Array(b);
};

describe('readImageSize', () => {
  it('reads PNG IHDR', () => {
    expect(readImageSize('image/png', pngHeader(640, 480))).toEqual({ width: 640, height: 480 });
    expect(readImageSize('image/png', pngHeader(640, 480).subarray(0, 20))).toBeUndefined();
  });

  it('reads the first JPEG SOF after other segments', () => {
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0x00,
      0x04,
      0x4a,
      0x46, // APP0, 2 bytes of payload
      0xff,
      0xc0,
      0x00,
      0x11,
      0x08,
      0x01,
      0x2c,
      0x02,
      0x58,
      0x03, // SOF0: 300 high, 600 wide
    ]);
    expect(readImageSize('image/jpeg', jpeg)).toEqual({ width: 600, height: 300 });
    expect(readImageSize('image/jpeg', jpeg.subarray(0, 12))).toBeUndefined();
  });

  it('reads GIF, BMP and WebP (VP8, VP8L, VP8X)', () => {
    const gif = new Uint8Array([...Buffer.from('GIF89a'), 0x20, 0x03, 0x58, 0x02]);
    expect(readImageSize('image/gif', gif)).toEqual({ width: 800, height: 600 });
    const bmp = Buffer.alloc(26);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(123, 18);
    bmp.writeInt32LE(-45, 22);
    expect(readImageSize('image/bmp', new Uint8Array(bmp))).toEqual({ width: 123, height: 45 });
    const riff = (chunk: string, payload: number[]) =>
      new Uint8Array([...Buffer.from(`RIFF\0\0\0\0WEBP${chunk}\0\0\0\0`, 'latin1'), ...payload]);
    expect(readImageSize('image/webp', riff('VP8X', [0, 0, 0, 0, 99, 0, 0, 49, 0, 0]))).toEqual({
      width: 100,
      height: 50,
    });
    const vp8l = ((20 - 1) | ((10 - 1) << 14)) >>> 0;
    expect(
      readImageSize(
        'image/webp',
        riff('VP8L', [0x2f, vp8l & 255, (vp8l >> 8) & 255, (vp8l >> 16) & 255, vp8l >>> 24]),
      ),
    ).toEqual({ width: 20, height: 10 });
    expect(
      readImageSize('image/webp', riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 64, 0, 32, 0])),
    ).toEqual({ width: 64, height: 32 });
  });

  it('judges plausibility', () => {
    expect(isPlausibleSize({ width: 1920, height: 1080 })).toBe(true);
    expect(isPlausibleSize({ width: 0, height: 10 })).toBe(false);
    expect(isPlausibleSize({ width: 0xffffffff, height: 0xffffffff })).toBe(false);
    expect(readImageSize('image/tiff', pngHeader(1, 1))).toBeUndefined();
  });
});
