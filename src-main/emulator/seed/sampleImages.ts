import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const pixels = (
  width: number,
  height: number,
  at: (x: number, y: number) => [number, number, number],
): Buffer => {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = at(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return data;
};

/** A `width`×`height` PNG of a lake-blue gradient. */
export function gradientPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data = pixels(width, height, (x, y) => [
    Math.round((x / width) * 80),
    Math.round(120 + (y / height) * 100),
    200,
  ]);
  return PNG.sync.write(png);
}

/** A `width`×`height` JPEG (quality 85) of a shoreline: sky, water and a sandy band. */
export function shorelineJpeg(width: number, height: number): Buffer {
  const data = pixels(width, height, (x, y) => {
    const h = y / height;
    if (h < 0.45) return [135, 190, 235];
    if (h < 0.8) return [30, 90 + Math.round(30 * Math.sin(x / 6)), 150];
    return [220, 200, 150];
  });
  return jpeg.encode({ data, width, height }, 85).data;
}
