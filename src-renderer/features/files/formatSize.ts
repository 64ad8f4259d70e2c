const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** A byte count for people: `0 bytes`, `999 bytes`, `1.2 KiB`, `3.4 GiB` (binary units, one decimal below 100). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** The exact byte count, grouped for reading: `1,234,567 bytes`. */
export const exactSize = (bytes: number): string => `${bytes.toLocaleString('en-US')} bytes`;
