import { readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClientLogger } from '@azure/logger';
import { describe, expect, it } from 'vitest';
import { redactArgv, redactSecrets } from '../observability/redaction.js';
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
