import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBuiltDuckdbWorker } from '../../test/support/duckdbWorker.js';
import { LakeFailure } from '../storage/toLakeError.js';
import { createQueryEngine, type QueryEngine } from './queryEngine.js';

let engine: QueryEngine;
beforeAll(async () => {
  await useBuiltDuckdbWorker();
  engine = createQueryEngine({ memoryLimitMiB: 300, threads: 2 });
});
afterAll(() => engine.close());

describe('the DuckDB worker', () => {
  it('runs statements in order and types the columns', async () => {
    const r = await engine.run(
      [
        'CREATE TEMP VIEW t AS SELECT range AS n, range % 3 = 0 AS three FROM range(10)',
        "SELECT n, three, DATE '2025-01-02' + n::INT AS d, n::DECIMAL(8,2) AS dec, [n::INT] AS l FROM t ORDER BY n",
      ],
      { maxRows: 3 },
    );
    expect(r.columns).toEqual([
      { name: 'n', type: 'number', sqlType: 'BIGINT' },
      { name: 'three', type: 'boolean', sqlType: 'BOOLEAN' },
      { name: 'd', type: 'date', sqlType: 'DATE' },
      { name: 'dec', type: 'number', sqlType: 'DECIMAL(8,2)' },
      { name: 'l', type: 'json', sqlType: 'INTEGER[]' },
    ]);
    expect(r.rows).toEqual([
      [0, true, '2025-01-02', '0.00', '[0]'],
      [1, false, '2025-01-03', '1.00', '[1]'],
      [2, false, '2025-01-04', '2.00', '[2]'],
    ]);
    expect(r.rowCount).toBe(10);
  });

  it('applies the memory limit it was started with', async () => {
    const r = await engine.run(["SELECT current_setting('memory_limit') AS m"], { maxRows: 1 });
    expect(r.rows[0]![0]).toBe('300.0 MiB');
  });

  it("rejects with DuckDB's message and position", async () => {
    const e = await engine.run(['SELECT nope FROM range(1)'], { maxRows: 1 }).catch((x) => x);
    expect(e).toBeInstanceOf(LakeFailure);
    expect((e as LakeFailure).error.code).toBe('InvalidInput');
    expect((e as LakeFailure).error.message).toMatch(
      /Referenced column "nope" not found[\s\S]*LINE 1:/,
    );
  });

  it('interrupts a running query on abort and stays usable', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = engine.run(['SELECT count(*) FROM range(10000000000) a, range(1000) b'], {
      maxRows: 1,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    const e = await running.catch((x) => x);
    expect((e as LakeFailure).error.code).toBe('Cancelled');
    expect(Date.now() - started).toBeLessThan(20_000);
    const after = await engine.run(['SELECT 1 AS one'], { maxRows: 1 });
    expect(after.rows).toEqual([[1]]);
  });
});

describe('connections kept for reading runs', () => {
  // nextval shows which connection a run got: a kept one continues its sequence, a new one
  // creates the sequence again and starts at its first value.
  const next = async (setup: string, options: { readsOnly?: boolean; fail?: boolean } = {}) => {
    const last = options.fail ? "SELECT nextval('s'), nope" : "SELECT nextval('s') AS v";
    const run = engine.run([setup, last], { maxRows: 1, readsOnly: options.readsOnly });
    return options.fail ? run.catch((e: LakeFailure) => e.error.code) : (await run).rows[0]![0];
  };

  it('runs a reading run on the connection the same statements before it set up', async () => {
    const setup = 'CREATE TEMP SEQUENCE s START 1';
    expect(await next(setup, { readsOnly: true })).toBe(1);
    expect(await next(setup, { readsOnly: true })).toBe(2);
    expect(await next(setup, { readsOnly: true })).toBe(3);
    // Other statements before the last: a connection of their own.
    expect(await next('CREATE TEMP SEQUENCE s START 10', { readsOnly: true })).toBe(10);
    expect(await next(setup, { readsOnly: true })).toBe(4);
  });

  it('never keeps or reuses the connection of a run not marked reading, nor of a failed one', async () => {
    const setup = 'CREATE TEMP SEQUENCE s START 100';
    expect(await next(setup)).toBe(100);
    expect(await next(setup)).toBe(100);
    expect(await next(setup, { readsOnly: true })).toBe(100);
    expect(await next(setup)).toBe(100);
    expect(await next(setup, { readsOnly: true, fail: true })).toBe('InvalidInput');
    expect(await next(setup, { readsOnly: true })).toBe(100);
  });
});
