// Small images encoded with pngjs and jpeg-js, for the preview integration tests only.
import jpeg from 'jpeg-js';
import { PNG as PngJs } from 'pngjs';

const rgba = (width: number, height: number) =>
  Buffer.from(Array.from({ length: width * height * 4 }, (_, i) => (i * 37) % 256));

/** A 7×5 PNG. */
export const PNG = {
  bytes(): Buffer {
    const png = new PngJs({ width: 7, height: 5 });
    rgba(7, 5).copy(png.data);
    return PngJs.sync.write(png);
  },
};

/** A 16×9 JPEG. */
export const JPEG = {
  bytes(): Buffer {
    return Buffer.from(jpeg.encode({ data: rgba(16, 9), width: 16, height: 9 }, 80).data);
  },
};
