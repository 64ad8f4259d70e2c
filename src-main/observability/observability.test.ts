import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StorageActivity } from '../../shared/contract/index.js';
import { activityRingSize, createActivityLog } from './activityLog.js';
import { startAppLog } from './appLog.js';
import { describeRequest } from './describeRequest.js';
import { percentile } from './operationMetrics.js';
import { redactSecrets, scrubValue } from './redaction.js';

const entry = (i: number, over: Partial<StorageActivity> = {}): StorageActivity => ({
  id: `id-${i}`,
  at: new Date(0).toISOString(),
  connection: 'lake',
  area: 'blob',
  operation: 'list',
  account: 'acct',
  container: 'raw',
  path: `p${i}`,
  method: 'GET',
  url: 'https://acct.blob.core.windows.net/raw',
  outcome: 'ok',
  durationMs: i,
  attempts: 1,
  ...over,
});

describe('the activity ring', () => {
  it('keeps the newest 10,000 entries and drops the oldest first', () => {
    const log = createActivityLog();
    for (let i = 0; i < activityRingSize + 25; i += 1) log.record(entry(i));
    const all = log.all();
    expect(all).toHaveLength(10_000);
    expect(all[0]!.id).toBe('id-25');
    expect(all.at(-1)!.id).toBe('id-10024');
    expect(log.list({ limit: 2 }).entries.map((e) => e.id)).toEqual(['id-10024', 'id-10023']);
    expect(log.list().total).toBe(10_000);
  });

  it('filters by outcome, operation (op or area.op) and text', () => {
    const log = createActivityLog(10);
    log.record(entry(1));
    log.record(
      entry(2, { outcome: 'failed', errorCode: 'NotFound', status: 404, requestId: 'req-XYZ' }),
    );
    log.record(entry(3, { area: 'dfs', operation: 'acl' }));
    expect(log.list({ outcome: 'failed' }).entries.map((e) => e.id)).toEqual(['id-2']);
    expect(log.list({ operation: 'acl' }).entries.map((e) => e.id)).toEqual(['id-3']);
    expect(log.list({ operation: 'dfs.acl' }).entries.map((e) => e.id)).toEqual(['id-3']);
    expect(log.list({ text: 'req-xyz' }).entries.map((e) => e.id)).toEqual(['id-2']);
    expect(log.list({ text: '404' }).entries.map((e) => e.id)).toEqual(['id-2']);
  });
});

describe('describeRequest', () => {
  const none = () => undefined;
  it('names REST operations by method, query and headers, on Azure and loopback URLs', () => {
    expect(
      describeRequest('GET', 'https://a.blob.core.windows.net/c?restype=container&comp=list', none),
    ).toMatchObject({ area: 'blob', operation: 'list', account: 'a', container: 'c', path: '' });
    expect(
      describeRequest('GET', 'http://127.0.0.1:10000/devstoreaccount1/c/d/x%20y.csv', none),
    ).toMatchObject({
      operation: 'read',
      account: 'devstoreaccount1',
      container: 'c',
      path: 'd/x y.csv',
    });
    expect(
      describeRequest('PUT', 'https://a.blob.core.windows.net/c/f?comp=block&blockid=AA', none)
        .operation,
    ).toBe('block');
    expect(
      describeRequest('PUT', 'https://a.blob.core.windows.net/c/f?comp=blocklist', none).operation,
    ).toBe('commit');
    expect(
      describeRequest('PUT', 'https://a.blob.core.windows.net/c/f', (n) =>
        n === 'x-ms-copy-source' ? 'u' : undefined,
      ).operation,
    ).toBe('copy');
    expect(
      describeRequest('PUT', 'https://a.dfs.core.windows.net/c/new', (n) =>
        n === 'x-ms-rename-source' ? '/c/old' : undefined,
      ),
    ).toMatchObject({ area: 'dfs', operation: 'rename' });
    expect(
      describeRequest(
        'PATCH',
        'https://a.dfs.core.windows.net/c/d?action=setAccessControlRecursive&mode=modify',
        none,
      ),
    ).toMatchObject({ area: 'dfs', operation: 'acl' });
    expect(describeRequest('DELETE', 'https://a.blob.core.windows.net/c/f', none).operation).toBe(
      'delete',
    );
    expect(
      describeRequest(
        'POST',
        'https://a.blob.core.windows.net/c?restype=container&comp=batch',
        none,
      ).operation,
    ).toBe('delete');
    expect(describeRequest('HEAD', 'https://a.blob.core.windows.net/c/f', none).operation).toBe(
      'properties',
    );
    expect(
      describeRequest('PUT', 'https://a.blob.core.windows.net/c?restype=container', none).operation,
    ).toBe('create');
  });
});

describe('redaction', () => {
  it('scrubs SAS signatures, account keys, client secrets and bearer tokens from values and fields', () => {
    expect(redactSecrets('https://a/c?sv=1&sig=abc%2F&se=2')).toBe(
      'https://a/c?sv=1&sig=REDACTED&se=2',
    );
    expect(redactSecrets('grant_type=client_credentials&client_secret=s3cr3t&scope=x')).toBe(
      'grant_type=client_credentials&client_secret=REDACTED&scope=x',
    );
    expect(
      scrubValue({
        url: 'https://a/c?sig=zzz',
        nested: { accountKey: 'k==', list: ['Bearer eyJ.a.b'] },
        connectionString: 'AccountName=a;AccountKey=k==',
      }),
    ).toEqual({
      url: 'https://a/c?sig=REDACTED',
      nested: { accountKey: 'REDACTED', list: ['Bearer REDACTED'] },
      connectionString: 'REDACTED',
    });
  });
});

describe('the app log', () => {
  it('writes one JSON line per event, redacted, and rolls the file by size', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lake-applog-'));
    const log = await startAppLog(dir, { size: '1k', keep: 2 });
    for (let i = 0; i < 60; i += 1) {
      log.logger.info({ i, padding: 'x'.repeat(40) }, 'event');
      await new Promise((r) => setTimeout(r, 5));
    }
    // Last, so rotation has not removed it: the oldest files go beyond `keep`.
    log.logger.info(
      { accountKey: 'KEY==', url: 'https://a/c?sig=SIG' },
      'first https://a/c?sig=SIG2',
    );
    log.logger.debug('not at info');
    await log.close();
    const files = readdirSync(path.join(dir, 'logs')).sort();
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    expect(files.every((f) => /^lakeshore-app\.\d+\.log$/.test(f))).toBe(true);
    const text = files.map((f) => readFileSync(path.join(dir, 'logs', f), 'utf8')).join('');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => typeof l.time === 'string' && typeof l.msg === 'string')).toBe(true);
    expect(text).not.toContain('KEY==');
    expect(text).not.toContain('sig=SIG');
    expect(text).toContain('"accountKey":"REDACTED"');
    expect(text).toContain('first https://a/c?sig=REDACTED');
    expect(text).not.toContain('not at info');
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile([], 95)).toBe(0);
  });
});
