import { describe, expect, it } from 'vitest';
import { readsOnly } from './runQuery.js';

describe('readsOnly', () => {
  it('takes one reading statement, with comments and trailing semicolons', () => {
    expect(readsOnly('SELECT count(*) FROM t')).toBe(true);
    expect(readsOnly('  -- how many\n/* all */ select * from t limit 10;;\n')).toBe(true);
    expect(readsOnly('WITH x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(readsOnly('FROM t')).toBe(true);
    expect(readsOnly('SUMMARIZE t')).toBe(true);
  });

  it('refuses what writes, changes settings, holds several statements, or is in doubt', () => {
    expect(readsOnly("COPY t TO '/tmp/x.csv'")).toBe(false);
    expect(readsOnly("SELECT 1; COPY t TO '/tmp/x.csv'")).toBe(false);
    expect(readsOnly('WITH x AS (SELECT 1) INSERT INTO y SELECT * FROM x')).toBe(false);
    expect(readsOnly("ATTACH 'other.db'")).toBe(false);
    expect(readsOnly('SET threads = 1')).toBe(false);
    expect(readsOnly("SELECT * FROM t WHERE note = 'a;b'")).toBe(false);
    expect(readsOnly('SELECT "update" FROM t')).toBe(false);
    expect(readsOnly('')).toBe(false);
  });
});
