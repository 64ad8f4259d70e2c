import { describe, expect, it } from 'vitest';
import { collisionKey, maxSegmentBytes, numberedName, safeLocalPath } from './safeLocalPath.js';

const segmentsOf = (name: string): string[] => {
  const r = safeLocalPath(name);
  if (!r.ok) throw new Error(r.reason);
  return r.segments;
};

const reasonOf = (name: string): string => {
  const r = safeLocalPath(name);
  if (!r.ok) throw new Error(r.reason);
  return r.rewrites[0]?.reason ?? '';
};

describe('safeLocalPath', () => {
  it('keeps ordinary names unchanged and reports nothing', () => {
    expect(safeLocalPath('sales/2024/q1 report.csv')).toEqual({
      ok: true,
      segments: ['sales', '2024', 'q1 report.csv'],
      rewrites: [],
    });
    expect(segmentsOf('.hidden/file.tar.gz')).toEqual(['.hidden', 'file.tar.gz']);
    expect(segmentsOf('données/日本語.txt')).toEqual(['données', '日本語.txt']);
  });

  it('never leaves the folder: parent segments, absolute paths and empty segments', () => {
    expect(segmentsOf('../x')).toEqual(['x']);
    expect(segmentsOf('a/../../b/./c')).toEqual(['a', 'b', 'c']);
    expect(segmentsOf('/etc/passwd')).toEqual(['etc', 'passwd']);
    expect(segmentsOf('a//b')).toEqual(['a', 'b']);
    expect(reasonOf('../x')).toContain('parent segment');
    expect(reasonOf('/leading.txt')).toContain('absolute path');
    for (const hostile of ['..', '/', '.', '../..', '', '/../']) {
      expect(safeLocalPath(hostile).ok).toBe(false);
    }
  });

  it('rewrites drive letters, backslashes and Windows-forbidden characters', () => {
    expect(segmentsOf('C:\\x')).toEqual(['C__x']);
    expect(segmentsOf('C:/x')).toEqual(['C_', 'x']);
    expect(segmentsOf('..\\x.txt')).toEqual(['.._x.txt']);
    expect(segmentsOf('\\\\server\\share')).toEqual(['__server_share']);
    expect(segmentsOf('a<b>c"d|e?f*g')).toEqual(['a_b_c_d_e_f_g']);
    expect(reasonOf('C:\\x')).toBe('reserved character, backslash');
  });

  it('replaces NUL, control characters and bidirectional overrides', () => {
    expect(segmentsOf('a\0b')).toEqual(['a_b']);
    expect(segmentsOf('tab\there\nnew')).toEqual(['tab_here_new']);
    expect(segmentsOf('bell\u0007\u007f\u0085')).toEqual(['bell___']);
    expect(segmentsOf('invoice\u202Efdp.exe')).toEqual(['invoice_fdp.exe']);
    expect(reasonOf('a\0b')).toBe('control character');
  });

  it('prefixes Windows device names, with or without extension, in any case', () => {
    for (const name of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'com9', 'LPT1', 'lpt9']) {
      expect(segmentsOf(name)).toEqual([`_${name}`]);
    }
    expect(segmentsOf('CON.txt')).toEqual(['_CON.txt']);
    expect(segmentsOf('dir/con.tar.gz')).toEqual(['dir', '_con.tar.gz']);
    expect(segmentsOf('AUX /x')).toEqual(['_AUX', 'x']);
    expect(segmentsOf('console.txt')).toEqual(['console.txt']);
    expect(segmentsOf('COM10')).toEqual(['COM10']);
    expect(reasonOf('CON.txt')).toBe('reserved device name');
  });

  it('removes trailing dots and spaces', () => {
    expect(segmentsOf('trailing.')).toEqual(['trailing']);
    expect(segmentsOf('dir. /file .')).toEqual(['dir', 'file']);
    expect(segmentsOf('...')).toEqual(['_']);
    expect(reasonOf('trailing.')).toBe('trailing dot or space');
  });

  it('shortens segments over 239 UTF-8 bytes (room for the part suffix), keeping the extension and distinct names', () => {
    const long = `${'a'.repeat(1020)}.csv`;
    const [seg] = segmentsOf(long);
    expect(Buffer.byteLength(seg ?? '')).toBeLessThanOrEqual(maxSegmentBytes);
    expect(seg?.endsWith('.csv')).toBe(true);
    const [other] = segmentsOf(`${'a'.repeat(1019)}b.csv`);
    expect(other).not.toBe(seg);
    const [wide] = segmentsOf('é'.repeat(200));
    expect(Buffer.byteLength(wide ?? '')).toBeLessThanOrEqual(maxSegmentBytes);
    expect(reasonOf(long)).toBe('name too long');
    const [exact] = segmentsOf('b'.repeat(maxSegmentBytes));
    expect(exact).toBe('b'.repeat(maxSegmentBytes));
    expect(
      Buffer.byteLength(`${segmentsOf('b'.repeat(256))[0]}.lakeshore-part`),
    ).toBeLessThanOrEqual(255);
  });

  it('handles a 1,024-char name of many segments', () => {
    const name = Array.from({ length: 128 }, (_, i) => `s${i}`.padEnd(7, 'x')).join('/');
    expect(name.length).toBe(1023);
    expect(segmentsOf(name)).toHaveLength(128);
  });

  it('reports one rewrite with the original and the result', () => {
    expect(safeLocalPath('../a\\b/CON')).toEqual({
      ok: true,
      segments: ['a_b', '_CON'],
      rewrites: [
        {
          from: '../a\\b/CON',
          to: 'a_b/_CON',
          reason: 'parent segment, backslash, reserved device name',
        },
      ],
    });
  });
});

describe('collisionKey and numberedName', () => {
  it('folds case and Unicode forms', () => {
    expect(collisionKey(['Dir', 'File.TXT'])).toBe(collisionKey(['dir', 'file.txt']));
    expect(collisionKey(['e\u0301'])).toBe(collisionKey(['\u00e9']));
  });

  it('numbers before the last extension', () => {
    expect(numberedName('report.csv', 1)).toBe('report (1).csv');
    expect(numberedName('archive.tar.gz', 2)).toBe('archive.tar (2).gz');
    expect(numberedName('README', 3)).toBe('README (3)');
    expect(numberedName('.env', 1)).toBe('.env (1)');
  });
});
