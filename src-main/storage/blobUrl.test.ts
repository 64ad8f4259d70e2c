import { describe, expect, it } from 'vitest';
import { BlobUrlError, parseBlobUrl } from './blobUrl.js';

describe('parseBlobUrl', () => {
  it('reads a blob endpoint URL with container and path', () => {
    expect(parseBlobUrl('https://acct.blob.core.windows.net/data/raw/sales/')).toEqual({
      accountName: 'acct',
      blobEndpoint: 'https://acct.blob.core.windows.net',
      container: 'data',
      path: 'raw/sales',
      query: '',
    });
  });

  it('maps a dfs URL to the blob endpoint', () => {
    expect(parseBlobUrl('https://acct.dfs.core.windows.net/fs/a%20b/c.csv')).toMatchObject({
      blobEndpoint: 'https://acct.blob.core.windows.net',
      container: 'fs',
      path: 'a b/c.csv',
    });
  });

  it('reads abfss URLs', () => {
    expect(parseBlobUrl('abfss://lake@acct.dfs.core.windows.net/curated/x')).toEqual({
      accountName: 'acct',
      blobEndpoint: 'https://acct.blob.core.windows.net',
      container: 'lake',
      path: 'curated/x',
      query: '',
    });
  });

  it('reads path-style emulator URLs and keeps the SAS query', () => {
    expect(parseBlobUrl('http://127.0.0.1:10000/devstoreaccount1/samples/raw?sv=1&sig=x')).toEqual({
      accountName: 'devstoreaccount1',
      blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
      container: 'samples',
      path: 'raw',
      query: 'sv=1&sig=x',
    });
  });

  it('reads an account-only URL', () => {
    const loc = parseBlobUrl('https://acct.blob.core.windows.net/?sv=2024&sig=abc');
    expect(loc.container).toBeUndefined();
    expect(loc.query).toBe('sv=2024&sig=abc');
  });

  it.each([
    '/local/path',
    'ftp://x/y',
    'https://example.com/c',
    'abfss://acct.dfs.core.windows.net/x',
    'http://127.0.0.1:10000/',
  ])('refuses %s', (input) => {
    expect(() => parseBlobUrl(input)).toThrow(BlobUrlError);
  });
});
