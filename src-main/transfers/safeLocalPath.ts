import { createHash } from 'node:crypto';
import type { PathRewrite } from '../../shared/contract/transfers.js';

/** A remote name made safe: the local path segments under the download folder, and what was rewritten. */
export type SafePath =
  { ok: true; segments: string[]; rewrites: PathRewrite[] } | { ok: false; reason: string };

/**
 * The longest segment kept, in UTF-8 bytes: 255 (what most file systems accept) less the 16 of
 * `.lakeshore-part`, which a download appends while it runs.
 */
export const maxSegmentBytes = 255 - '.lakeshore-part'.length;

const reservedNames = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Characters Windows refuses in names (and `:` of a drive letter), NUL and C0/C1 controls,
// and bidirectional overrides that disguise an extension.
const unsafeChar = (code: number): boolean =>
  code < 0x20 ||
  (code >= 0x7f && code <= 0x9f) ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);
const windowsForbidden = new Set(['<', '>', ':', '"', '|', '?', '*']);

const shortHash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 8);

/** Cuts `segment` to at most `maxSegmentBytes` UTF-8 bytes, keeping its extension and adding a hash of the full name so two long names stay apart. */
function shorten(segment: string): string {
  const dot = segment.lastIndexOf('.');
  const ext = dot > 0 && segment.length - dot <= 16 ? segment.slice(dot) : '';
  const tail = `~${shortHash(segment)}${ext}`;
  const budget = maxSegmentBytes - Buffer.byteLength(tail);
  let head = '';
  for (const ch of segment.slice(0, segment.length - ext.length)) {
    if (Buffer.byteLength(head + ch) > budget) break;
    head += ch;
  }
  return head + tail;
}

/** One segment made safe, with the reasons it changed (none when it is kept as is). */
function safeSegment(raw: string): { segment: string; reasons: string[] } {
  const reasons: string[] = [];
  let s = '';
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (unsafeChar(code)) {
      s += '_';
      if (!reasons.includes('control character')) reasons.push('control character');
    } else if (ch === '\\') {
      s += '_';
      if (!reasons.includes('backslash')) reasons.push('backslash');
    } else if (windowsForbidden.has(ch)) {
      s += '_';
      if (!reasons.includes('reserved character')) reasons.push('reserved character');
    } else {
      s += ch;
    }
  }
  const trimmed = s.replace(/[. ]+$/, '');
  if (trimmed !== s) {
    reasons.push('trailing dot or space');
    s = trimmed === '' ? '_' : trimmed;
  }
  const base = s.split('.')[0] ?? '';
  if (reservedNames.test(base.trimEnd())) {
    s = `_${s}`;
    reasons.push('reserved device name');
  }
  if (Buffer.byteLength(s) > maxSegmentBytes) {
    s = shorten(s);
    reasons.push('name too long');
  }
  return { segment: s, reasons };
}

/**
 * Turns `relative`, a remote name relative to the folder being downloaded (segments joined by
 * `/`), into local path segments that cannot leave that folder and that Windows, macOS and
 * Linux all accept: empty, `.` and `..` segments are dropped (so a leading `/` or `../` goes);
 * backslashes, `<>:"|?*` (so drive letters), NUL, control characters and bidirectional
 * overrides become `_`; trailing dots and spaces are removed; Windows device names (CON, PRN,
 * AUX, NUL, COM1–9, LPT1–9, with or without extension) get a `_` prefix; segments over
 * `maxSegmentBytes` (239) UTF-8 bytes are shortened keeping the extension plus a hash. Every change is reported as a
 * rewrite of the whole name. Refused when no segment is left.
 */
export function safeLocalPath(relative: string): SafePath {
  const segments: string[] = [];
  const reasons: string[] = [];
  for (const raw of relative.split('/')) {
    if (raw === '' || raw === '.' || raw === '..') {
      if (raw === '..' && !reasons.includes('parent segment')) reasons.push('parent segment');
      if (raw === '' && segments.length === 0 && relative.startsWith('/')) {
        if (!reasons.includes('absolute path')) reasons.push('absolute path');
      }
      continue;
    }
    const safe = safeSegment(raw);
    for (const r of safe.reasons) if (!reasons.includes(r)) reasons.push(r);
    segments.push(safe.segment);
  }
  if (segments.length === 0) {
    return { ok: false, reason: `"${relative}" has no usable name segment` };
  }
  const to = segments.join('/');
  return {
    ok: true,
    segments,
    rewrites: reasons.length > 0 ? [{ from: relative, to, reason: reasons.join(', ') }] : [],
  };
}

/** The key two local names collide on: case-insensitive and Unicode-normalised, as on Windows and macOS. */
export const collisionKey = (segments: readonly string[]): string =>
  segments.join('/').normalize('NFC').toLowerCase();

/** The `n`th alternative of `name`: "report (1).csv", "archive (2).tar.gz" keeps only the last extension, "README (3)". */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}
