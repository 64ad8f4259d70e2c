import { describe, expect, it } from 'vitest';
import type { ContentBytes } from './body.js';
import { toCell, typedCell } from './cells.js';
import { contentBody } from './contentBody.js';
import { looksLikeHeader } from './delimited.js';
import { looksLikeNdjson } from './ndjson.js';

const content = (s: string, truncated = false): ContentBytes => ({
  bytes: new TextEncoder().encode(s),
  truncated,
});

describe('delimited, NDJSON and JSON bodies from bytes', () => {
  it('sniffs the delimiter and header and types the columns', () => {
    const body = contentBody(
      'csv',
      content('id;name;when\n1;"a;b";2024-01-01\n2;c;2024-01-02\n'),
      10,
    );
    expect(body).toMatchObject({
      kind: 'table',
      delimited: { delimiter: ';', hasHeader: true },
      columns: [
        { name: 'id', type: 'number' },
        { name: 'name', type: 'text' },
        { name: 'when', type: 'date' },
      ],
      rows: [
        ['1', 'a;b', '2024-01-01'],
        ['2', 'c', '2024-01-02'],
      ],
      truncated: false,
    });
  });

  it('drops the partial last line at the cap and stops at maxRows', () => {
    const body = contentBody('csv', content('1,2\n3,4\n5,6\n7,', true), 2);
    expect(body).toMatchObject({
      rows: [
        ['1', '2'],
        ['3', '4'],
      ],
      truncated: true,
      delimited: { hasHeader: false },
    });
    expect(body.notes.join(' ')).toContain('partial line');
  });

  it('reports malformed CSV as notes', () => {
    const body = contentBody('csv', content('a,b\n1,2\n3\n"open,4\n'), 10);
    expect(body.kind).toBe('table');
    expect(body.notes.length).toBeGreaterThan(0);
  });

  it('builds an NDJSON table with the union of keys and stops at an invalid line', () => {
    const body = contentBody(
      'ndjson',
      content('{"a":1,"b":{"x":2}}\n{"c":true}\n\n42\nnot json\n{"a":9}\n'),
      10,
    );
    expect(body).toMatchObject({
      columns: [
        { name: 'a', type: 'number' },
        { name: 'b', type: 'json' },
        { name: 'c', type: 'boolean' },
        { name: 'value', type: 'number' },
      ],
      rows: [
        [1, '{"x":2}', null, null],
        [null, null, true, null],
        [null, null, null, 42],
      ],
      truncated: true,
    });
    expect(body.notes[0]).toMatch(/^Line 5 is not valid JSON/);
  });

  it('parses whole JSON, and shows invalid or cut JSON as text with a note', () => {
    expect(contentBody('json', content('{"a":[1,2]}'), 1)).toMatchObject({
      kind: 'json',
      value: { a: [1, 2] },
    });
    expect(contentBody('json', content('{"a":'), 1)).toMatchObject({ kind: 'text', text: '{"a":' });
    expect(contentBody('json', content('{"a":'), 1).notes[0]).toMatch(/^Invalid JSON/);
    expect(contentBody('json', content('{"a":1}', true), 1)).toMatchObject({ kind: 'text' });
  });

  it('reads a .json of newline-delimited objects (a Delta commit) as an NDJSON table', () => {
    const commit =
      '{"commitInfo":{"timestamp":1738404000000,"operation":"WRITE"}}\n' +
      '{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}\n' +
      '{"add":{"path":"part-0.parquet","size":356}}\n';
    const body = contentBody('json', content(commit), 100);
    expect(body).toMatchObject({ kind: 'table', source: 'ndjson', truncated: false, notes: [] });
    expect(body.kind === 'table' && body.columns.map((c) => [c.name, c.type])).toEqual([
      ['commitInfo', 'json'],
      ['protocol', 'json'],
      ['add', 'json'],
    ]);
    expect(body.kind === 'table' && body.rows[2]).toEqual([
      null,
      null,
      '{"path":"part-0.parquet","size":356}',
    ]);
    // Cut by the cap mid-line: still NDJSON, the partial line dropped.
    expect(contentBody('json', content(commit + '{"add":{"pa', true), 100)).toMatchObject({
      kind: 'table',
      rows: { length: 3 },
    });
  });

  it('tells NDJSON from one JSON document', () => {
    expect(looksLikeNdjson('{"a":1}\n{"a":2}\n')).toBe(true);
    expect(looksLikeNdjson('{"a":1}\r\n\r\n{"b":2}')).toBe(true);
    expect(looksLikeNdjson('{"a":1}\n')).toBe(false);
    expect(looksLikeNdjson('{\n  "a": 1,\n  "b": 2\n}\n')).toBe(false);
    expect(looksLikeNdjson('[1,2]\n[3]\n')).toBe(false);
    expect(looksLikeNdjson('{"a":1}\n{"a":')).toBe(false);
    expect(looksLikeNdjson('{"a":1}\n{"a":2}\n{"a":', true)).toBe(true);
    expect(contentBody('json', content('{\n  "a": 1\n}\n'), 1)).toMatchObject({ kind: 'json' });
  });

  it('guesses headers', () => {
    expect(looksLikeHeader(['name', 'age'])).toBe(true);
    expect(looksLikeHeader(['1', 'age'])).toBe(false);
    expect(looksLikeHeader(['a', 'a'])).toBe(false);
    expect(looksLikeHeader(['a', ''])).toBe(false);
  });
});

describe('toCell', () => {
  it('makes values JSON-safe', () => {
    expect(toCell(12n)).toBe(12);
    expect(toCell(2n ** 64n)).toBe('18446744073709551616');
    expect(toCell(new Date(Date.UTC(2024, 0, 2)))).toBe('2024-01-02T00:00:00.000Z');
    expect(toCell(new Uint8Array([1, 2, 255]))).toBe('AQL/');
    expect(toCell({ n: 1n, d: [new Date(0)] })).toBe('{"n":1,"d":["1970-01-01T00:00:00.000Z"]}');
    expect(toCell(Number.NaN)).toBe('NaN');
    expect(toCell(undefined)).toBeNull();
  });
});

describe('typedCell', () => {
  const col = (type: 'date' | 'timestamp', logicalType?: string) => ({
    name: 'c',
    type,
    ...(logicalType ? { logicalType } : {}),
  });

  it('gives dates as the calendar day', () => {
    expect(typedCell(new Date(Date.UTC(2025, 1, 6)), col('date', 'DATE'))).toBe('2025-02-06');
    expect(typedCell(20125, col('date', 'date'))).toBe('2025-02-06'); // Avro: days since 1970
    expect(typedCell(null, col('date'))).toBeNull();
  });

  it('gives timestamps as ISO 8601 instants, wall-clock ones without a zone', () => {
    const at = new Date(Date.UTC(2025, 1, 1, 10, 0, 0));
    expect(typedCell(1738404000000, col('timestamp', 'timestamp-millis'))).toBe(
      '2025-02-01T10:00:00.000Z',
    );
    expect(typedCell(1738404000000123n, col('timestamp', 'timestamp-micros'))).toBe(
      '2025-02-01T10:00:00.000Z',
    );
    expect(typedCell(at, col('timestamp', 'TIMESTAMP(MILLIS,UTC)'))).toBe(
      '2025-02-01T10:00:00.000Z',
    );
    expect(typedCell(at, col('timestamp', 'TIMESTAMP(MICROS,local)'))).toBe(
      '2025-02-01T10:00:00.000',
    );
    expect(typedCell(at, col('timestamp', 'timestamp_ntz'))).toBe('2025-02-01T10:00:00.000');
    expect(typedCell('not a time', col('timestamp'))).toBe('not a time');
  });
});
