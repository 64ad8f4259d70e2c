import { readFileSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createClientLogger } from '@azure/logger';
import { describe, expect, it } from 'vitest';
import { redactArgv, redactSecrets } from '../observability/redaction.js';
import { openAccount } from '../storage/accountAccess.js';
import { startCliLog } from './cliLog.js';

describe('the CLI log', () => {
  it('redacts SAS signatures, account keys and the values of --sas and --connection-string', () => {
    expect(
      redactArgv([
        'ls',
        'https://a.blob.core.windows.net/c?sv=2024&sig=abc%2Fdef&se=2026',
        '--sas',
        'sv=1&sig=zzz',
        '--connection-string=AccountName=a;AccountKey=k==',
      ]),
    ).toEqual([
      'ls',
      'https://a.blob.core.windows.net/c?sv=2024&sig=REDACTED&se=2026',
      '--sas',
      'REDACTED',
      '--connection-string=REDACTED',
    ]);
    expect(redactSecrets('AccountName=a;AccountKey=abc/def==;EndpointSuffix=x')).toBe(
      'AccountName=a;AccountKey=REDACTED;EndpointSuffix=x',
    );
    expect(redactSecrets('authorization: Bearer eyJ0eXAi.abc.def')).toBe(
      'authorization: Bearer REDACTED',
    );
  });

  it('writes JSON lines at the chosen level, with the Azure SDK log routed in and scrubbed', () => {
    const log = startCliLog(mkdtempSync(path.join(os.tmpdir(), 'lake-log-')), 'info');
    log.logger.info({ n: 1 }, 'started');
    log.logger.debug('hidden at info');
    createClientLogger('storage-blob').info(
      'Request: https://a.blob.core.windows.net/c?sig=secret',
    );
    createClientLogger('storage-blob').verbose('verbose is below info');
    log.close();
    const lines = readFileSync(log.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(path.dirname(log.path).endsWith('logs')).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual([
      'started',
      'azure:storage-blob:info Request: https://a.blob.core.windows.net/c?sig=REDACTED',
    ]);
  });
});

describe('the CLI log of storage requests', () => {
  it('has one "storage operation" line per request of the run, with its request ids', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml', 'x-ms-request-id': 'req-cli-1' });
      res.end(
        '<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="http://x/"><Containers /><NextMarker /></EnumerationResults>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const log = startCliLog(mkdtempSync(path.join(os.tmpdir(), 'lake-log-')), 'info');
    try {
      const access = openAccount({
        kind: 'connectionString',
        connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${Buffer.from('secret-key').toString('base64')};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
      });
      expect(await access.listContainers()).toEqual([]);
    } finally {
      log.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const lines = readFileSync(log.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; activity?: Record<string, unknown> });
    const operations = lines.filter((l) => l.msg === 'storage operation');
    expect(operations).toHaveLength(1);
    expect(operations[0]!.activity).toMatchObject({
      connection: 'cli',
      area: 'blob',
      operation: 'list',
      outcome: 'ok',
      status: 200,
      requestId: 'req-cli-1',
    });
    expect(readFileSync(log.path, 'utf8')).not.toContain(
      Buffer.from('secret-key').toString('base64'),
    );
  });
});
