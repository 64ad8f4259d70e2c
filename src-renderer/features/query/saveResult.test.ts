import { describe, expect, it } from 'vitest';
import {
  destinationOf,
  initialSaveForm,
  joinLocal,
  saveFormProblem,
  saveProgressView,
  withFormat,
} from './saveResult.js';

const target = {
  connectionId: 'c1',
  container: 'samples',
  path: 'raw/sales/2025/01/orders.csv',
  kind: 'file' as const,
};

describe('the Save result form', () => {
  it('opens on CSV in the download folder named after the source, and follows the format', () => {
    const form = initialSaveForm(target, '/home/ann/Downloads');
    expect(form).toMatchObject({
      fileName: 'orders-result.csv',
      blobPath: 'results/orders-result.csv',
    });
    const parquet = withFormat(form, 'parquet');
    expect(parquet).toMatchObject({
      fileName: 'orders-result.parquet',
      blobPath: 'results/orders-result.parquet',
    });
    expect(destinationOf(parquet)).toEqual({
      kind: 'local',
      path: '/home/ann/Downloads/orders-result.parquet',
    });
  });

  it('names a blob of another connection, and says what is wrong', () => {
    const form = { ...initialSaveForm(target, '/tmp'), where: 'remote' as const };
    expect(
      destinationOf({ ...form, connectionId: 'c2', container: ' out ', blobPath: '/a/b.csv' }),
    ).toEqual({ kind: 'remote', connectionId: 'c2', container: 'out', path: 'a/b.csv' });
    expect(saveFormProblem({ ...form, blobPath: 'a/' })).toMatch(/^Path/);
    expect(saveFormProblem({ ...form, container: '' })).toMatch(/^Container/);
    expect(saveFormProblem({ ...form, where: 'local', folder: 'rel' })).toMatch(/^Folder/);
    expect(saveFormProblem({ ...form, where: 'local', fileName: 'a/b.csv' })).toMatch(/^File name/);
    expect(saveFormProblem(form)).toBeUndefined();
  });

  it('joins a Windows folder with a backslash', () => {
    expect(joinLocal('C:\\Users\\ann\\Downloads\\', 'x.csv')).toBe(
      'C:\\Users\\ann\\Downloads\\x.csv',
    );
    expect(joinLocal('/tmp/', 'x.csv')).toBe('/tmp/x.csv');
  });
});

describe('what the Save result dialog shows while saving', () => {
  it('DuckDB writing: indeterminate until it gives a fraction above 0, then its percent', () => {
    expect(saveProgressView(undefined, false)).toEqual({
      text: 'DuckDB is running the query and writing the file…',
      fraction: undefined,
    });
    expect(saveProgressView({ queryId: 'q', phase: 'writing', fraction: 0 }, true)).toEqual({
      text: 'Step 1 of 2: DuckDB is running the query and writing the file…',
      fraction: undefined,
    });
    expect(saveProgressView({ queryId: 'q', phase: 'writing', fraction: 0.427 }, true)).toEqual({
      text: 'Step 1 of 2: DuckDB is running the query and writing the file (42%)',
      fraction: 0.427,
    });
  });

  it('uploading: bytes sent of the file, and the fraction; an empty file is done', () => {
    expect(
      saveProgressView(
        { queryId: 'q', phase: 'uploading', bytesSent: 8 * 1024 * 1024, bytes: 80 * 1024 * 1024 },
        true,
      ),
    ).toEqual({ text: 'Step 2 of 2: uploading, 8.0 MiB of 80.0 MiB (10%)', fraction: 0.1 });
    expect(
      saveProgressView({ queryId: 'q', phase: 'uploading', bytesSent: 0, bytes: 0 }, true),
    ).toEqual({
      text: 'Step 2 of 2: uploading, 0 bytes of 0 bytes (100%)',
      fraction: 1,
    });
  });
});
