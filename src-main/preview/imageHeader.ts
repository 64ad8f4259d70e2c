/** Pixel dimensions as an image header states them (not checked against the pixel data). */
export interface ImageSize {
  width: number;
  height: number;
}

/** Most pixels an image may claim and still be shown (2^28, about 1 GiB decoded as RGBA). */
export const maxImagePixels = 2 ** 28;

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 0x10000 + u16be(b, i + 2);
const i32le = (b: Uint8Array, i: number) => u16le(b, i) | (u16le(b, i + 2) << 16) | 0;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function pngSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return undefined;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function gifSize(b: Uint8Array): ImageSize | undefined {
  return b.length < 10 ? undefined : { width: u16le(b, 6), height: u16le(b, 8) };
}

function bmpSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 26) return undefined;
  const dibSize = u16le(b, 14) | (u16le(b, 16) << 16);
  if (dibSize === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
  // BITMAPINFOHEADER and later: signed; a negative height means top-down rows.
  return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
}

function webpSize(b: Uint8Array): ImageSize | undefined {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X' && b.length >= 30) {
    return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = (u16le(b, 21) | (u16le(b, 23) << 16)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return undefined;
}

function jpegSize(b: Uint8Array): ImageSize | undefined {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      i += 2;
      continue;
    }
    const isSof =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      return i + 9 <= b.length ? { height: u16be(b, i + 5), width: u16be(b, i + 7) } : undefined;
    }
    i += 2 + u16be(b, i + 2);
  }
  return undefined;
}

const readers: Record<string, (b: Uint8Array) => ImageSize | undefined> = {
  'image/png': pngSize,
  'image/gif': gifSize,
  'image/bmp': bmpSize,
  'image/webp': webpSize,
  'image/jpeg': jpegSize,
};

/**
 * The dimensions the header of a PNG (IHDR), JPEG (first SOF), GIF, WebP (VP8, VP8L, VP8X)
 * or BMP states, or undefined when the header is missing, cut short or of another format.
 */
export function readImageSize(mimeType: string, bytes: Uint8Array): ImageSize | undefined {
  return Object.hasOwn(readers, mimeType) ? readers[mimeType]?.(bytes) : undefined;
}

/** Whether stated dimensions are believable: both positive and at most `maxImagePixels` in all. */
export const isPlausibleSize = ({ width, height }: ImageSize): boolean =>
  width > 0 && height > 0 && width * height <= maxImagePixels;
