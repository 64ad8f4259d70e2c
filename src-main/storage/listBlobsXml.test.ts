import { describe, expect, it } from 'vitest';
import { parseListBlobs } from './listBlobsXml.js';

const page = (blobs: string, next = '<NextMarker />') =>
  `\uFEFF<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="https://a.blob.core.windows.net/" ContainerName="c"><Prefix>p/</Prefix><MaxResults>2</MaxResults><Blobs>${blobs}</Blobs>${next}</EnumerationResults>`;

const blob = (name: string, props: string, metadata = '') =>
  `<Blob>${name}<Properties><Last-Modified>Mon, 23 Nov 2026 12:00:00 GMT</Last-Modified>${props}</Properties><Metadata>${metadata}</Metadata></Blob>`;

describe('parseListBlobs', () => {
  it('reads names (entities, percent-encoded ones), sizes, ETags, MD5, markers and the next marker', () => {
    const parsed = parseListBlobs(
      page(
        blob(
          '<Name>p/a &amp; b &lt;1&gt;.csv</Name>',
          '<Etag>0x8D1</Etag><Content-Length>12</Content-Length><Content-MD5>XrY7u+Ae7tCTyyK7j1rNww==</Content-MD5>',
        ) +
          blob(
            '<Name Encoded="true">p%2F%EF%BF%BEodd%00.txt</Name>',
            '<Etag>0x8D2</Etag><Content-Length>0</Content-Length><Content-MD5 />',
            '<hdi_isfolder>true</hdi_isfolder>',
          ) +
          blob('<Name>  spaced  </Name>', '<Etag>0x8D3</Etag><Content-Length>5</Content-Length>'),
        '<NextMarker>2!72!MDAwMDA</NextMarker>',
      ),
    );
    expect(parsed.nextMarker).toBe('2!72!MDAwMDA');
    expect(parsed.blobs.map((b) => b.name)).toEqual([
      'p/a & b <1>.csv',
      'p/\uFFFEodd\u0000.txt',
      '  spaced  ',
    ]);
    expect(parsed.blobs[0]).toMatchObject({ size: 12, etag: '0x8D1', isFolderMarker: false });
    expect(Buffer.from(parsed.blobs[0]?.contentMD5 ?? []).toString('base64')).toBe(
      'XrY7u+Ae7tCTyyK7j1rNww==',
    );
    expect(parsed.blobs[0]?.lastModified.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(parsed.blobs[1]).toMatchObject({ size: 0, isFolderMarker: true });
    expect(parsed.blobs[1]?.contentMD5).toBeUndefined();
  });

  it('reads an empty page as no blobs and no next marker', () => {
    expect(parseListBlobs(page(''))).toEqual({ blobs: [] });
  });

  it('throws on a document that is not a List Blobs answer', () => {
    expect(() => parseListBlobs('<Error><Code>X</Code></Error>')).toThrow(/EnumerationResults/);
  });
});
