import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  imageMimeType,
  kindFromBytes,
  kindFromContentType,
  kindFromName,
  looksLikeText,
} from './sniff.js';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => new TextEncoder().encode(s);

describe('kind by name, content type and magic numbers', () => {
  it('reads the extension of the last segment only', () => {
    expect(extensionOf('a.b/dir/File.CSV')).toBe('csv');
    expect(extensionOf('dir.parquet/noext')).toBe('');
    expect(extensionOf('.hidden')).toBe('');
    expect(kindFromName('x/y.jsonl')).toBe('ndjson');
    expect(kindFromName('logs/app.log')).toBe('text');
    expect(kindFromName('data.csv.gz')).toBe('gzip');
    expect(kindFromName('thing.constructor')).toBeUndefined();
    expect(kindFromName('noext')).toBeUndefined();
  });

  it('maps content types and leaves generic ones undecided', () => {
    expect(kindFromContentType('text/csv; charset=utf-8')).toBe('csv');
    expect(kindFromContentType('application/json')).toBe('json');
    expect(kindFromContentType('image/png')).toBe('image');
    expect(kindFromContentType('text/plain')).toBe('text');
    expect(kindFromContentType('application/octet-stream')).toBeUndefined();
    expect(kindFromContentType(undefined)).toBeUndefined();
  });

  it('sniffs magic numbers', () => {
    expect(kindFromBytes(ascii('PAR1xxxx'))).toBe('parquet');
    expect(kindFromBytes(bytes(0x4f, 0x62, 0x6a, 0x01, 0))).toBe('avro');
    expect(kindFromBytes(bytes(0x1f, 0x8b, 8, 0))).toBe('gzip');
    expect(kindFromBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image');
    expect(kindFromBytes(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image');
    expect(kindFromBytes(ascii('GIF89a......'))).toBe('image');
    expect(kindFromBytes(ascii('RIFF\0\0\0\0WEBPVP8 '))).toBe('image');
    expect(kindFromBytes(ascii('  {"a": 1}'))).toBe('json');
    expect(kindFromBytes(ascii('hello\nworld'))).toBe('text');
    expect(kindFromBytes(bytes(1, 2, 3, 0, 5))).toBe('hex');
  });

  it('tells text from binary', () => {
    expect(looksLikeText(bytes(0xff, 0xfe, 0x41, 0x00))).toBe(true);
    expect(looksLikeText(ascii('tab\tseparated\r\n'))).toBe(true);
    expect(looksLikeText(bytes(1, 2, 3, 4, 65, 66))).toBe(false);
    expect(looksLikeText(new Uint8Array(0))).toBe(true);
  });

  it('names the image type by extension, content type, then bytes', () => {
    expect(imageMimeType('a.svg', undefined, new Uint8Array(0))).toBe('image/svg+xml');
    expect(imageMimeType('a', 'image/gif', new Uint8Array(0))).toBe('image/gif');
    expect(imageMimeType('a', undefined, bytes(0xff, 0xd8, 0xff))).toBe('image/jpeg');
    expect(imageMimeType('a', 'image/x-unknown', bytes(1))).toBeUndefined();
  });
});
