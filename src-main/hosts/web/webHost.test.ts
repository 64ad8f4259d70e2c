import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../shared/contract/index.js';
import { createEventBus } from '../../service/eventBus.js';
import type { LakeService } from '../../service/types.js';
import { startWebHost, type WebHost } from './webHost.js';

const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'lake-renderer-'));
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lakeshore</title>');

const fakeService = () => {
  const bus = createEventBus();
  const dispatch = vi.fn(async (name: string, args: unknown) => ({
    ok: true as const,
    value: { name, args },
  }));
  const service: LakeService = {
    dispatch,
    subscribe: bus.subscribe,
    inFlight: () => 0,
    dispose: async () => undefined,
  };
  return { service, dispatch, bus };
};

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const connect = (h: WebHost, { token = h.token, origin = h.origin } = {}) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/lake?token=${token}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });

const nextMessage = (ws: WebSocket) =>
  new Promise<ServerMessage>((resolve) =>
    ws.once('message', (d) => resolve(JSON.parse(d.toString()) as ServerMessage)),
  );

describe('web host', () => {
  it('binds to 127.0.0.1 and puts the token in the URL fragment', async () => {
    host = await startWebHost({ service: fakeService().service, rendererDir });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it('refuses a socket with a wrong token or a foreign Origin before any call', async () => {
    const { service, dispatch } = fakeService();
    host = await startWebHost({ service, rendererDir });
    await expect(connect(host, { token: 'f'.repeat(64) })).rejects.toThrow('HTTP 403');
    await expect(connect(host, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect(host, { origin: `http://localhost:${host.port}` })).rejects.toThrow(
      'HTTP 403',
    );
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a page or a socket whose Host is not a loopback name (DNS rebinding)', async () => {
    const { service, dispatch } = fakeService();
    host = await startWebHost({ service, rendererDir });
    const h = host;
    const statusFor = (hostHeader: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: h.port, path: '/', headers: { host: hostHeader } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await statusFor(`evil.example:${h.port}`)).toBe(403);
    expect(await statusFor(`127.0.0.1.evil.example:${h.port}`)).toBe(403);
    expect(await statusFor(`127.0.0.1:${h.port}`)).toBe(200);
    expect(await statusFor(`localhost:${h.port}`)).toBe(200);
    const rebound = new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${h.port}/lake?token=${h.token}`, {
        origin: h.origin,
        headers: { host: `evil.example:${h.port}` },
      });
      ws.once('open', () => resolve('open'));
      ws.once('unexpected-response', (_req, res) => resolve(`HTTP ${res.statusCode}`));
      ws.once('error', (e) => resolve(e.message));
    });
    expect(await rebound).toBe('HTTP 403');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('closes a socket that sends more than 1 MiB, without an unhandled error, and serves the next', async () => {
    const { service } = fakeService();
    host = await startWebHost({ service, rendererDir });
    const ws = await connect(host);
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', args: 'x'.repeat(1_100_000) }));
    expect(await closed).toBe(1009);
    const next = await connect(host);
    next.send(JSON.stringify({ type: 'call', id: 2, name: 'app.info', args: {} }));
    expect((await nextMessage(next)).type).toBe('result');
    next.close();
  });

  it('runs calls by id and forwards events', async () => {
    const { service, dispatch, bus } = fakeService();
    host = await startWebHost({ service, rendererDir });
    const ws = await connect(host);
    const reply = nextMessage(ws);
    ws.send(
      JSON.stringify({ type: 'call', id: 7, name: 'containers.list', args: { connectionId: 'x' } }),
    );
    expect(await reply).toEqual({
      type: 'result',
      id: 7,
      result: { ok: true, value: { name: 'containers.list', args: { connectionId: 'x' } } },
    });
    expect(dispatch).toHaveBeenCalledWith('containers.list', { connectionId: 'x' });

    const event = nextMessage(ws);
    bus.emit('activity', { level: 'info', message: 'hi', at: '2026-01-01T00:00:00.000Z' });
    expect(await event).toEqual({
      type: 'event',
      name: 'activity',
      payload: { level: 'info', message: 'hi', at: '2026-01-01T00:00:00.000Z' },
    });
    ws.close();
  });

  it('closes a socket that sends something other than a call message', async () => {
    host = await startWebHost({ service: fakeService().service, rendererDir });
    const ws = await connect(host);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
  });

  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    host = await startWebHost({ service: fakeService().service, rendererDir });
    const index = await fetch(`${host.origin}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Lakeshore</title>');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escaped = await fetch(`${host.origin}/..%2f..%2fetc%2fpasswd`);
    expect(escaped.status).toBe(404);
    expect((await fetch(`${host.origin}/`, { method: 'POST' })).status).toBe(405);
  });
});

describe('staging dropped files', () => {
  const stagingDir = mkdtempSync(path.join(os.tmpdir(), 'lake-staging-'));
  const stage = (
    h: WebHost,
    query: string,
    init: { token?: string; origin?: string; body?: string } = {},
  ) =>
    fetch(`${h.origin}/lake/stage?${query}`, {
      method: 'POST',
      headers: { 'x-lakeshore-token': init.token ?? h.token, origin: init.origin ?? h.origin },
      body: init.body ?? 'hello',
    });

  it('writes the body under the batch keeping the relative path', async () => {
    host = await startWebHost({ service: fakeService().service, rendererDir, stagingDir });
    const res = await stage(host, 'batch=batch0001&path=folder%2Fsub%2Fa.csv', {
      body: 'a,b\n1,2\n',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { bytes: 8 } });
    expect(readFileSync(path.join(stagingDir, 'batch0001', 'folder', 'sub', 'a.csv'), 'utf8')).toBe(
      'a,b\n1,2\n',
    );
  });

  it('creates an empty folder of the drop with kind=folder, and refuses the same paths', async () => {
    host = await startWebHost({ service: fakeService().service, rendererDir, stagingDir });
    const res = await stage(host, 'batch=batch0004&path=tree%2Fempty&kind=folder', { body: '' });
    expect(await res.json()).toEqual({ ok: true, value: { bytes: 0 } });
    const folder = path.join(stagingDir, 'batch0004', 'tree', 'empty');
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(readdirSync(folder)).toEqual([]);
    const escaped = await stage(host, 'batch=batch0004&path=..%2F..%2Fx&kind=folder', { body: '' });
    expect(escaped.status).toBe(400);
    expect(existsSync(path.join(stagingDir, 'x'))).toBe(false);
  });

  it.each(['..%2Fx', 'a%2F..%2F..%2Fx', '%2Fetc%2Fpasswd', 'C%3A%5Cx', 'a%00b', 'a%2F%2Fb', ''])(
    'refuses the path %s with 400',
    async (p) => {
      host = await startWebHost({ service: fakeService().service, rendererDir, stagingDir });
      const res = await stage(host, `batch=batch0002&path=${p}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    },
  );

  it('refuses a wrong token or Origin with 403 and writes nothing', async () => {
    host = await startWebHost({ service: fakeService().service, rendererDir, stagingDir });
    expect((await stage(host, 'batch=batch0003&path=x.txt', { token: 'nope' })).status).toBe(403);
    expect(
      (await stage(host, 'batch=batch0003&path=x.txt', { origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect(existsSync(path.join(stagingDir, 'batch0003'))).toBe(false);
  });
});
