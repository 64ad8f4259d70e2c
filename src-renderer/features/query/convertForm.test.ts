import { describe, expect, it } from 'vitest';
import {
  convertArgsOf,
  convertFormProblem,
  initialConvertForm,
  isConvertible,
} from './convertForm.js';

const target = {
  connectionId: 'c1',
  container: 'samples',
  path: 'raw/sales/2025/01/orders.csv',
  kind: 'file' as const,
};
const inspected = {
  sourceFormat: 'csv' as const,
  sourceBytes: 100,
  schema: [
    { name: 'id', type: 'BIGINT', nullable: true },
    { name: 'day', type: 'DATE', nullable: true },
  ],
};

describe('the Convert form', () => {
  it('opens beside the source as Parquet with zstd and sends only the types the user changed', () => {
    const form = initialConvertForm(target, inspected);
    expect(form).toMatchObject({ path: 'raw/sales/2025/01/orders.parquet', codec: 'zstd' });
    expect(convertArgsOf(target, inspected, form)).toEqual({
      source: { connectionId: 'c1', container: 'samples', path: target.path },
      target: {
        connectionId: 'c1',
        container: 'samples',
        path: 'raw/sales/2025/01/orders.parquet',
      },
      to: 'parquet',
      codec: 'zstd',
      maxRejects: 0,
      overwrite: false,
    });
    const changed = {
      ...form,
      types: ['bigint', 'VARCHAR'],
      rowGroupSize: '4096',
      connectionId: 'c2',
      container: 'curated',
      codec: 'snappy' as const,
    };
    expect(convertArgsOf(target, inspected, changed)).toMatchObject({
      target: { connectionId: 'c2', container: 'curated' },
      types: { day: 'VARCHAR' },
      rowGroupSize: 4096,
      codec: 'snappy',
    });
  });

  it("a folder's conversion sends the whole confirmed schema, so each file is written with it", () => {
    const form = { ...initialConvertForm(target, inspected), types: ['BIGINT', ' VARCHAR '] };
    expect(convertArgsOf(target, inspected, form, { wholeSchema: true }).types).toEqual({
      id: 'BIGINT',
      day: 'VARCHAR',
    });
  });

  it('Parquet converts to CSV, without codec; problems name their field', () => {
    const parquet = { ...inspected, sourceFormat: 'parquet' as const };
    const form = initialConvertForm({ ...target, path: 'a/b.parquet' }, parquet);
    expect(form.path).toBe('a/b.csv');
    expect(convertArgsOf(target, parquet, form)).not.toHaveProperty('codec');
    expect(convertFormProblem({ ...form, types: ['BIGINT', 'DROP TABLE;'] })).toMatch(
      /^Type of column 2/,
    );
    expect(convertFormProblem({ ...form, rowGroupSize: 'x' })).toMatch(/^Row group size/);
    expect(convertFormProblem({ ...form, maxRejects: '-1' })).toMatch(/^Rows that may be rejected/);
    expect(convertFormProblem({ ...form, path: 'a/' })).toMatch(/^Path/);
    expect(convertFormProblem(form)).toBeUndefined();
  });

  it('is offered on data files only, gzipped or not, never on a folder', () => {
    for (const path of ['a/b.csv', 'b.TSV', 'c.ndjson.gz', 'd.jsonl', 'e.json', 'f.parquet'])
      expect([path, isConvertible({ kind: 'file', path })]).toEqual([path, true]);
    for (const path of ['a/b.txt', 'b.csv.zip', 'parquet', 'c.xlsx'])
      expect([path, isConvertible({ kind: 'file', path })]).toEqual([path, false]);
    expect(isConvertible({ kind: 'directory', path: 'sales.csv' })).toBe(false);
  });
});
