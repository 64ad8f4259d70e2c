import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { StorageSharedKeyCredential } from '@azure/storage-blob';
import { ContainerSASPermissions, generateBlobSASQueryParameters } from '@azure/storage-blob';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
  ActivityPage,
  ConnectionSummary,
  DiagnosticsExport,
  DiagnosticsSummary,
  PathPage,
  Result,
} from '../../shared/contract/index.js';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createService } from '../service/createService.js';
import type { LakeService } from '../service/types.js';

/** OTLP/HTTP JSON as the exporters send it (https://opentelemetry.io/docs/specs/otlp/#otlphttp). */
interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string };
}
interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: OtlpAttribute[];
}

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

let service: LakeService;
let connection: ConnectionSummary;
let container: string;
let sas: string;
let dataDir: string;
let downloads: string;
const received: Array<{ path: string; contentType: string; body: unknown }> = [];
let receiver: http.Server;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  container = uniqueContainerName('diag');
  const blobs = testBlobService();
  await blobs.getContainerClient(container).create();
  await blobs.getContainerClient(container).getBlockBlobClient('raw/a.csv').upload('a,b\n1,2\n', 8);
  sas = generateBlobSASQueryParameters(
    {
      containerName: container,
      permissions: ContainerSASPermissions.parse('rl'),
      expiresOn: new Date(Date.now() + 3_600_000),
    },
    blobs.credential as StorageSharedKeyCredential,
  ).toString();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-diag-'));
  downloads = mkdtempSync(path.join(os.tmpdir(), 'lake-diag-out-'));
  service = createService({
    dataDir,
    cipher: plainFileCipher,
    mode: 'browser',
    version: 'diag-test',
    downloadDirectory: downloads,
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    },
  });
  connection = value(
    await service.dispatch('connections.add', {
      kind: 'sas',
      url: `${inject('azuriteBlobEndpoint')}/${container}?${sas}`,
      name: 'diag lake',
    }),
  );
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe('activity, diagnostics and telemetry through the service', () => {
  it('lists the activity of the calls made, filtered, and summarises latency and errors', async () => {
    value<PathPage>(
      await service.dispatch('paths.list', {
        connectionId: connection.id,
        container,
        directory: 'raw',
      }),
    );
    const missing = await service.dispatch('paths.properties', {
      connectionId: connection.id,
      container,
      path: 'raw/missing.csv',
    });
    expect(missing.ok).toBe(false);
    const page = value<ActivityPage>(await service.dispatch('activity.list', {}));
    const listed = page.entries.find((e) => e.operation === 'list' && e.connection === 'diag lake');
    expect(listed).toMatchObject({ area: 'blob', container, outcome: 'ok', status: 200 });
    expect(listed!.url).toContain('sig=REDACTED');
    expect(JSON.stringify(page)).not.toContain(new URLSearchParams(sas).get('sig')!);
    const failed = value<ActivityPage>(
      await service.dispatch('activity.list', { outcome: 'failed' }),
    );
    expect(failed.entries.length).toBeGreaterThan(0);
    expect(failed.entries.every((e) => e.outcome === 'failed')).toBe(true);
    // Azurite has no DFS endpoint: the properties' ACL read answers 400.
    expect(failed.entries.some((e) => e.status === 400 && e.errorCode === 'InvalidInput')).toBe(
      true,
    );
    const byText = value<ActivityPage>(
      await service.dispatch('activity.list', { text: listed!.requestId! }),
    );
    expect(byText.entries.map((e) => e.id)).toEqual([listed!.id]);
    expect((await service.dispatch('activity.list', { outcome: 'bogus' })).ok).toBe(false);

    const summary = value<DiagnosticsSummary>(await service.dispatch('diagnostics.summary', {}));
    const list = summary.operations.find((o) => o.operation === 'blob.list');
    expect(list!.count).toBeGreaterThanOrEqual(1);
    expect(list!.p95Ms).toBeGreaterThanOrEqual(list!.p50Ms);
    expect(summary.errorsByCode.some((e) => e.code.startsWith('InvalidInput'))).toBe(true);
    expect(summary.otlpEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(summary.logFile).toMatch(/lakeshore-app\.\d+\.log$/);
  });

  it('exports a zip of the logs, settings and activity with no secret in it, and says where', async () => {
    value(await service.dispatch('settings.update', { network: { operationTimeoutMs: 30_000 } }));
    const exported = value<DiagnosticsExport>(await service.dispatch('diagnostics.export', {}));
    expect(path.dirname(exported.path)).toBe(downloads);
    const bytes = readFileSync(exported.path);
    expect(bytes.length).toBe(exported.bytes);
    const files = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['settings.json', 'activity.json', 'summary.json', 'about.json']),
    );
    expect(Object.keys(files).some((n) => /^logs\/lakeshore-app\.\d+\.log$/.test(n))).toBe(true);
    const settings = JSON.parse(strFromU8(files['settings.json']!)) as { network: unknown };
    expect(settings.network).toEqual({ operationTimeoutMs: 30_000 });
    const activity = strFromU8(files['activity.json']!);
    expect(activity).toContain(container);
    const log = Object.entries(files)
      .filter(([n]) => n.startsWith('logs/'))
      .map(([, b]) => strFromU8(b))
      .join('');
    expect(log).toContain('"msg":"storage operation"');
    const secrets = [
      new URLSearchParams(sas).get('sig')!,
      encodeURIComponent(new URLSearchParams(sas).get('sig')!),
      (testBlobService().credential as StorageSharedKeyCredential).accountName ===
      'devstoreaccount1'
        ? 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
        : '',
    ];
    for (const [name, content] of Object.entries(files)) {
      const text = strFromU8(content);
      for (const secret of secrets) expect(text, name).not.toContain(secret);
    }
  });

  it('exports spans lakeshore.<area>.<op> with their attributes and the SDK HTTP spans, over OTLP/HTTP', async () => {
    await service.dispose();
    const spans = received
      .filter((r) => r.path === '/v1/traces')
      .flatMap((r) =>
        (
          r.body as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> }
        ).resourceSpans
          .flatMap((rs) => rs.scopeSpans)
          .flatMap((ss) => ss.spans),
      );
    expect(received.some((r) => r.path === '/v1/traces' && r.contentType.includes('json'))).toBe(
      true,
    );
    const attr = (s: OtlpSpan, key: string) => {
      const v = s.attributes.find((a) => a.key === key)?.value;
      return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : undefined);
    };
    const list = spans.find((s) => s.name === 'lakeshore.blob.list');
    expect(list).toBeDefined();
    expect(attr(list!, 'azure.account')).toBe('devstoreaccount1');
    expect(attr(list!, 'container')).toBe(container);
    expect(attr(list!, 'attempts')).toBe(1);
    const failed = spans.find((s) => s.name === 'lakeshore.dfs.acl');
    expect(failed && attr(failed, 'error.class')).toBe('InvalidInput');
    const http = spans.filter((s) => s.traceId === list!.traceId && /^(HTTP )?GET$/.test(s.name));
    expect(http.length).toBeGreaterThan(0);
    expect(JSON.stringify(spans)).not.toContain(new URLSearchParams(sas).get('sig')!);
    const metrics = received.filter((r) => r.path === '/v1/metrics');
    expect(JSON.stringify(metrics.map((m) => m.body))).toContain('lakeshore.operation.duration');
  });
});
