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
    expect(parseBlobUrl('https://acct.dfs.core.windows.net/lake/a%20b/c.csv')).toMatchObject({
      blobEndpoint: 'https://acct.blob.core.windows.net',
      container: 'lake',
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

  const refusal = (input: string): string => {
    try {
      parseBlobUrl(input);
    } catch (e) {
      expect(e).toBeInstanceOf(BlobUrlError);
      return (e as Error).message;
    }
    throw new Error(`parseBlobUrl accepted ${input}`);
  };

  it.each([
    'http://127.0.0.1:10000/devstoreaccount1/c/100%.txt',
    'https://acct.blob.core.windows.net/cont/100%.txt',
    'abfss://cont@acct.dfs.core.windows.net/100%.txt',
    'https://acct.blob.core.windows.net/cont/%E0%A4%A.txt',
  ])('tells the user how to write a literal percent sign in %s', (input) => {
    expect(refusal(input)).toMatch(/write %25 for a literal percent sign/);
  });

  it('reads %25 as a percent sign', () => {
    expect(parseBlobUrl('https://acct.blob.core.windows.net/cont/100%25.txt').path).toBe(
      '100%.txt',
    );
  });

  it.each([
    ['https://acct.blob.core.windows.net/c1/x', 'at least 3 characters'],
    ['http://127.0.0.1:10000/devstoreaccount1/c1', 'at least 3 characters'],
    [`https://acct.blob.core.windows.net/${'a'.repeat(64)}`, 'at most 63 characters'],
    ['https://acct.blob.core.windows.net/Raw/x', 'only lowercase letters, digits and hyphens'],
    ['https://acct.blob.core.windows.net/raw_data', 'only lowercase letters, digits and hyphens'],
    ['https://acct.dfs.core.windows.net/-raw/x', 'start and end with a letter or digit'],
    ['abfss://raw-@acct.dfs.core.windows.net/x', 'start and end with a letter or digit'],
    ['http://127.0.0.1:10000/devstoreaccount1/ra--w/x', 'no two hyphens in a row'],
  ])('refuses the container name in %s, saying %s', (input, rule) => {
    const message = refusal(input);
    expect(message).toContain(`container name: ${rule}.`);
    expect(message).toContain('Container names are 3–63 characters');
  });

  it.each(['$root', '$logs', '$web'])('accepts the special container %s', (name) => {
    expect(parseBlobUrl(`https://acct.blob.core.windows.net/${name}/x`).container).toBe(name);
    expect(
      parseBlobUrl(`http://127.0.0.1:10000/devstoreaccount1/${encodeURIComponent(name)}`).container,
    ).toBe(name);
  });

  it('accepts a blob name of 1,024 characters and 254 path segments', () => {
    const long = 'a'.repeat(1024);
    expect(parseBlobUrl(`https://acct.blob.core.windows.net/cont/${long}`).path).toBe(long);
    const deep = Array.from({ length: 254 }, () => 'd').join('/');
    expect(parseBlobUrl(`https://acct.blob.core.windows.net/cont/${deep}`).path).toBe(deep);
  });

  it('refuses a blob name over 1,024 characters, counting decoded characters', () => {
    expect(refusal(`https://acct.blob.core.windows.net/cont/dir/${'a'.repeat(1096)}`)).toBe(
      'A blob name can be at most 1,024 characters; this one has 1,100.',
    );
    expect(refusal(`http://127.0.0.1:10000/devstoreaccount1/cont/${'%20'.repeat(1025)}`)).toMatch(
      /at most 1,024 characters; this one has 1,025\./,
    );
  });

  it('refuses a blob name of more than 254 path segments', () => {
    const deep = Array.from({ length: 255 }, () => 'd').join('/');
    expect(refusal(`abfss://cont@acct.dfs.core.windows.net/${deep}`)).toBe(
      'A blob name can have at most 254 path segments (the parts between "/"); this one has 255.',
    );
  });
});
