import { createDefaultHttpClient, createPipelineRequest } from '@azure/core-rest-pipeline';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDeadlineAgent } from '../observability/connectDeadlineAgent.js';
import { bufferSink, type BodySink } from './bodySink.js';
import { sendIntoSink } from './plainSocketClient.js';
import { toLakeError } from './toLakeError.js';

const body = randomBytes(3 * 1024 * 1024 + 7);
let server: http.Server;
let base = '';
let connections = 0;

/** Answers by path: /slow in many small delayed writes, /cut stops half way, /busy 503, else the whole body. */
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.method === 'PUT') {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const got = Buffer.concat(parts);
        res.writeHead(201, { 'content-length': 0, 'x-got': `${got.length}:${got.equals(body)}` });
        res.end();
      });
      return;
    }
    if (req.url === '/busy') {
      res.writeHead(503, { 'x-ms-error-code': 'ServerBusy', 'content-type': 'application/xml' });
      return void res.end('<Error><Code>ServerBusy</Code></Error>');
    }
    res.writeHead(206, { 'content-length': body.length, 'x-ms-blob-content-md5': 'AAAA' });
    if (req.url === '/cut') return void res.write(body.subarray(0, 1000), () => res.destroy());
    if (req.url !== '/slow') return void res.end(body);
    let at = 0;
    const next = () => {
      if (at >= body.length) return void res.end();
      const n = 1 + Math.floor(Math.random() * 200_000);
      res.write(body.subarray(at, (at += n)), () => setTimeout(next, Math.random() * 3));
    };
    next();
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const streamed = new Set([200, 206]);
const get = (
  path: string,
  signal = new AbortController().signal,
  method: 'GET' | 'PUT' = 'GET',
) => {
  const request = createPipelineRequest({ url: `${base}${path}`, abortSignal: signal, method });
  request.agent = connectDeadlineAgent('http:', 5000, 5000);
  request.headers.set('x-ms-version', '2026-10-06');
  return request;
};
/** A sink that asks the reader to wait a little after every 256 KiB, as a busy disk would. */
const slowSink = (length: number): BodySink & { body: Buffer } => {
  const inner = bufferSink(length);
  let since = 0;
  return {
    body: inner.body,
    region: () => inner.region(),
    filled(n) {
      inner.filled(n);
      since += n;
      if (since < 256 * 1024) return undefined;
      since = 0;
      return new Promise((resolve) => setTimeout(resolve, 2));
    },
  };
};

describe('sendIntoSink over a plain socket', () => {
  it('reads a body sent in pieces into a sink that makes it wait, byte for byte, on one connection', async () => {
    const before = connections;
    for (const path of ['/slow', '/whole', '/slow']) {
      const sink = slowSink(body.length);
      const answer = await sendIntoSink(get(path), sink, streamed, createDefaultHttpClient());
      expect(answer.response.status).toBe(206);
      expect(answer.response.headers.get('x-ms-blob-content-md5')).toBe('AAAA');
      await answer.body;
      expect(sink.body.equals(body)).toBe(true);
    }
    expect(connections - before).toBe(1);
  });

  it('sends a PUT with its Buffer body and its length, and takes the 201 on the same connection', async () => {
    const before = connections;
    for (let i = 0; i < 2; i++) {
      const request = get('/put', undefined, 'PUT');
      request.body = body;
      const answer = await sendIntoSink(
        request,
        bufferSink(0),
        new Set([201]),
        createDefaultHttpClient(),
      );
      await answer.body;
      expect(answer.response.status).toBe(201);
      expect(answer.response.headers.get('x-got')).toBe(`${body.length}:true`);
    }
    // The first may reuse the connection of the test before; the second reuses the first's.
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('fails a body cut half way with Transient, naming the bytes that came', async () => {
    const answer = await sendIntoSink(
      get('/cut'),
      bufferSink(body.length),
      streamed,
      createDefaultHttpClient(),
    );
    const error = await answer.body?.then(() => undefined, toLakeError);
    expect(error).toMatchObject({ code: 'Transient' });
    expect(error?.message).toMatch(/after \d+ of 3145735 bytes/);
  });

  it('returns an error status with its headers and no body', async () => {
    const answer = await sendIntoSink(
      get('/busy'),
      bufferSink(10),
      streamed,
      createDefaultHttpClient(),
    );
    expect(answer.response.status).toBe(503);
    expect(answer.response.headers.get('x-ms-error-code')).toBe('ServerBusy');
    expect(answer.body).toBeUndefined();
  });

  it('rejects with an AbortError when the signal fires mid-body', async () => {
    const controller = new AbortController();
    const answer = await sendIntoSink(
      get('/slow', controller.signal),
      slowSink(body.length),
      streamed,
      createDefaultHttpClient(),
    );
    controller.abort();
    expect(await answer.body?.then(() => undefined, toLakeError)).toMatchObject({
      code: 'Cancelled',
    });
  });
});
