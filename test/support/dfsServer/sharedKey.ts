import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Shared Key authorization as documented on
 * https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key
 * and as the Azure SDK signs it (StorageSharedKeyCredentialPolicy in @azure/storage-common).
 */

const STANDARD_HEADERS = [
  'content-language',
  'content-encoding',
  'content-length',
  'content-md5',
  'content-type',
  'date',
  'if-modified-since',
  'if-match',
  'if-none-match',
  'if-unmodified-since',
  'range',
] as const;

const headerValue = (headers: IncomingHttpHeaders, name: string): string => {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  // Since version 2015-02-21 a zero Content-Length is signed as the empty string.
  if (name === 'content-length' && value === '0') return '';
  return value;
};

/**
 * The SDK sorts x-ms-* header names with a culture-aware comparator that ignores hyphens on the
 * first pass; for lowercase header names this means: compare with hyphens removed, then plainly.
 */
const compareHeaderNames = (a: string, b: string): number => {
  const a0 = a.replace(/-/g, '');
  const b0 = b.replace(/-/g, '');
  if (a0 !== b0) return a0 < b0 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

const canonicalizedHeaders = (headers: IncomingHttpHeaders): string => {
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .filter((n) => n.startsWith('x-ms-'));
  names.sort(compareHeaderNames);
  return names
    .filter((n, i) => i === 0 || n !== names[i - 1])
    .map((n) => `${n.trimEnd()}:${headerValue(headers, n).trimStart()}\n`)
    .join('');
};

/** Query pairs as the SDK reads them: `k=v` pieces with exactly one non-trailing `=`. */
const canonicalizedResource = (accountName: string, rawUrl: string): string => {
  const parsed = new URL(rawUrl, 'http://localhost');
  let out = `/${accountName}${parsed.pathname || '/'}`;
  const search = parsed.search.startsWith('?') ? parsed.search.slice(1) : parsed.search;
  const pairs: Record<string, string> = {};
  for (const piece of search ? search.split('&') : []) {
    const eq = piece.indexOf('=');
    if (eq <= 0 || eq !== piece.lastIndexOf('=') || eq === piece.length - 1) continue;
    pairs[piece.slice(0, eq).toLowerCase()] = piece.slice(eq + 1);
  }
  for (const key of Object.keys(pairs).sort()) {
    out += `\n${key}:${decodeURIComponent(pairs[key] ?? '')}`;
  }
  return out;
};

/** The Shared Key string-to-sign of a request (method, standard headers, x-ms-*, resource). */
export const sharedKeyStringToSign = (
  accountName: string,
  method: string,
  rawUrl: string,
  headers: IncomingHttpHeaders,
): string =>
  [method.toUpperCase(), ...STANDARD_HEADERS.map((h) => headerValue(headers, h))].join('\n') +
  '\n' +
  canonicalizedHeaders(headers) +
  canonicalizedResource(accountName, rawUrl);

/** HMAC-SHA256 (base64) of `stringToSign` with the base64 `accountKey`. */
export const signSharedKey = (accountKey: string, stringToSign: string): string =>
  createHmac('sha256', Buffer.from(accountKey, 'base64'))
    .update(stringToSign, 'utf8')
    .digest('base64');

/**
 * Checks an `Authorization: SharedKey account:signature` header against the request.
 * Returns false on a wrong account name or signature.
 */
export const verifySharedKey = (
  authorization: string,
  accountName: string,
  accountKey: string,
  method: string,
  rawUrl: string,
  headers: IncomingHttpHeaders,
): boolean => {
  const match = /^SharedKey ([^:]+):(.+)$/.exec(authorization.trim());
  if (!match || match[1] !== accountName) return false;
  const expected = Buffer.from(
    signSharedKey(accountKey, sharedKeyStringToSign(accountName, method, rawUrl, headers)),
  );
  const given = Buffer.from(match[2] ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
};
