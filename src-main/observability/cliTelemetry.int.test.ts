import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testBlobService, uniqueContainerName } from '../../test/support/azurite.js';

/** OTLP/HTTP JSON as the exporters send it (https://opentelemetry.io/docs/specs/otlp/#otlphttp). */
interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: number | string } }>;
}

const received: Array<{ path: string; body: string }> = [];
let receiver: http.Server;
let endpoint: string;
let cli: string;
let container: string;

beforeAll(async () => {
  // A loopback OTLP/HTTP receiver keeping every export it is sent.
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // Today's CLI sources as a child process (packages resolved from the repository).
  cli = path.resolve('dist', 'observability-test', 'cli.mjs');
  await build({
    entryPoints: [path.resolve('src-main/cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  container = uniqueContainerName('otelcli');
  const client = testBlobService().getContainerClient(container);
  await client.create();
  await client.getBlockBlobClient('raw/a.csv').upload('a,b\n1,2\n', 8);
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      receiver.closeAllConnections();
      receiver.close(() => resolve());
    }),
);

/** Runs the CLI with `argv` in its own data folder, `env` added (OTEL_* removed unless given). */
function runCli(argv: string[], env: NodeJS.ProcessEnv) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')),
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-otelcli-'));
  const child = spawn(process.execPath, [cli, ...argv], {
    env: { ...base, LAKESHORE_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

const spansOf = (exports: typeof received): OtlpSpan[] =>
  exports
    .filter((r) => r.path === '/v1/traces')
    .flatMap(
      (r) =>
        (
          JSON.parse(r.body) as {
            resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
          }
        ).resourceSpans,
    )
    .flatMap((rs) => rs.scopeSpans)
    .flatMap((ss) => ss.spans);

const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : undefined);
};

describe('the command line with OpenTelemetry', () => {
  it('exports a span per run with the storage and HTTP spans beneath, and the metrics, when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const before = received.length;
    const r = await runCli(['ls', `${inject('azuriteBlobEndpoint')}/${container}/raw`], {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('a.csv');
    const exports = received.slice(before);
    const spans = spansOf(exports);
    const run = spans.find((s) => s.name === 'lakeshore.cli.ls');
    expect(run).toBeDefined();
    expect(attr(run!, 'process.exit_code')).toBe(0);
    const list = spans.find((s) => s.name === 'lakeshore.blob.list');
    expect(list).toBeDefined();
    expect(list!.traceId).toBe(run!.traceId);
    // The run's span is the root; the storage span is beneath it (under the SDK's operation span).
    expect(run!.parentSpanId || undefined).toBeUndefined();
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const ancestors: string[] = [];
    for (let s = byId.get(list!.parentSpanId ?? ''); s; s = byId.get(s.parentSpanId ?? '')) {
      ancestors.push(s.name);
    }
    expect(ancestors.at(-1)).toBe('lakeshore.cli.ls');
    expect(attr(list!, 'azure.account')).toBe('devstoreaccount1');
    expect(attr(list!, 'container')).toBe(container);
    const httpSpans = spans.filter(
      (s) => s.traceId === run!.traceId && /^(HTTP )?GET$/.test(s.name),
    );
    expect(httpSpans.length).toBeGreaterThan(0);
    const metrics = exports.filter((e) => e.path === '/v1/metrics').map((e) => e.body);
    expect(metrics.join('')).toContain('lakeshore.operation.duration');
    expect(metrics.join('')).toContain('lakeshore.operations');
  });

  it('marks a failed run and exports it too', async () => {
    const before = received.length;
    const r = await runCli(['ls', `${inject('azuriteBlobEndpoint')}/no-such-${container}`], {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('NotFound');
    const spans = spansOf(received.slice(before));
    const run = spans.find((s) => s.name === 'lakeshore.cli.ls');
    expect(run && attr(run, 'process.exit_code')).toBe(1);
    const failed = spans.find((s) => s.name.startsWith('lakeshore.blob.'));
    expect(failed && attr(failed, 'error.class')).toBe('NotFound');
  });

  it('sends nothing without OTEL_EXPORTER_OTLP_ENDPOINT, and writes the log at --log-level', async () => {
    const before = received.length;
    const r = await runCli(
      ['--log-level', 'debug', 'ls', `${inject('azuriteBlobEndpoint')}/${container}/raw`],
      {},
    );
    expect(r.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.length).toBe(before);
    const logFile = /^Log: (.+)$/m.exec(r.stderr)?.[1];
    expect(logFile).toBeDefined();
    const lines = readFileSync(logFile!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string; source?: string });
    // pino's levels: 20 debug, 30 info. At debug the SDK's own lines come in at debug.
    expect(lines.some((l) => l.level === 20 && l.source === 'azure-sdk')).toBe(true);
    expect(lines.some((l) => l.msg === 'storage operation')).toBe(true);

    const quiet = await runCli(
      ['--log-level', 'error', 'ls', `${inject('azuriteBlobEndpoint')}/${container}/raw`],
      {},
    );
    const quietFile = /^Log: (.+)$/m.exec(quiet.stderr)?.[1];
    const quietLines = readFileSync(quietFile!, 'utf8').trim();
    expect(quietLines).toBe('');
  });
});
