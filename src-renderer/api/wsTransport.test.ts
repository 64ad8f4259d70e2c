import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type {
  ClientMessage,
  ConnectionSummary,
  ServerMessage,
} from '../../shared/contract/index.js';
import { createWsClient, type WsClient } from './wsTransport.js';

/** How the test server answers a call: a message after `delayMs`, or silence. */
type Answer = { reply: ServerMessage; delayMs?: number } | undefined;

/** A real WebSocket server on a free loopback port that answers each call with `answer`. */
async function startServer(answer: (call: ClientMessage) => Answer) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const sockets = new Set<WebSocket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('message', (data) => {
      const a = answer(JSON.parse(String(data)) as ClientMessage);
      if (a) setTimeout(() => socket.send(JSON.stringify(a.reply)), a.delayMs ?? 0);
    });
  });
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/lake?token=t`,
    sockets,
    broadcast: (message: ServerMessage) => sockets.forEach((s) => s.send(JSON.stringify(message))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const connection: ConnectionSummary = {
  id: 'c1',
  name: 'Local emulator',
  kind: 'emulator',
  accountName: 'devstoreaccount1',
  blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
  scope: { type: 'account' },
};

describe('createWsClient against a real WebSocket server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: WsClient | undefined;
  const received: ClientMessage[] = [];

  beforeEach(async () => {
    received.length = 0;
    server = await startServer((call) => {
      received.push(call);
      if (call.name === 'connections.remove') return undefined; // never answers
      if (call.name === 'connections.list') {
        return {
          reply: { type: 'result', id: call.id, result: { ok: true, value: [connection] } },
        };
      }
      // Answered late, so a later call's result arrives first: only the ids pair them.
      return {
        delayMs: 50,
        reply: {
          type: 'result',
          id: call.id,
          result: { ok: false, error: { code: 'NotFound', message: `no ${call.id}`, status: 404 } },
        },
      };
    });
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await server.close();
  });

  it('pairs each result with its call by id, queuing calls made before the socket opens', async () => {
    client = createWsClient(server.url, WebSocket);
    const [containers, list] = await Promise.all([
      client.call('containers.list', { connectionId: 'c1' }),
      client.call('connections.list', {}),
    ]);
    expect(list).toEqual({ ok: true, value: [connection] });
    expect(containers).toEqual({
      ok: false,
      error: { code: 'NotFound', message: `no ${received[0]!.id}`, status: 404 },
    });
    expect(received.map((m) => [m.type, m.name, m.args])).toEqual([
      ['call', 'containers.list', { connectionId: 'c1' }],
      ['call', 'connections.list', {}],
    ]);
    expect(new Set(received.map((m) => m.id)).size).toBe(2);
  });

  it('dispatches events to the listeners of that event until they unsubscribe', async () => {
    client = createWsClient(server.url, WebSocket);
    await client.call('connections.list', {});
    const changed: ConnectionSummary[][] = [];
    const activity: string[] = [];
    const stop = client.on('connections.changed', (list) => changed.push(list));
    client.on('activity', (entry) => activity.push(entry.message));
    server.broadcast({ type: 'event', name: 'connections.changed', payload: [connection] });
    server.broadcast({
      type: 'event',
      name: 'activity',
      payload: { level: 'info', message: 'Listed raw', at: '2026-01-01T00:00:00Z' },
    });
    await client.call('connections.list', {}); // results arrive after the events sent before them
    stop();
    server.broadcast({ type: 'event', name: 'connections.changed', payload: [] });
    await client.call('connections.list', {});
    expect(changed).toEqual([[connection]]);
    expect(activity).toEqual(['Listed raw']);
  });

  it('resolves a call the server never answers to a Timeout error', async () => {
    client = createWsClient(server.url, WebSocket, { timeoutMs: () => 150 });
    const result = await client.call('connections.remove', { id: 'c1' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('Timeout');
  });

  it('fails calls in flight with Transient when the socket closes, then reconnects', async () => {
    client = createWsClient(server.url, WebSocket, { firstBackoffMs: 20 });
    await client.call('connections.list', {});
    const pending = client.call('connections.remove', { id: 'c1' });
    while (received.length < 2) await new Promise((r) => setTimeout(r, 5));
    server.sockets.forEach((s) => s.terminate());
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('Transient');
    await new Promise<void>((resolve) => {
      const off = client!.link!.onChange((s) => s === 'open' && (off(), resolve()));
    });
    expect(await client.call('connections.list', {})).toEqual({ ok: true, value: [connection] });
  });

  it('resolves to an error envelope, never rejects, when no server is listening', async () => {
    const silent = await startServer(() => undefined);
    await silent.close();
    client = createWsClient(silent.url, WebSocket, { timeoutMs: () => 200, firstBackoffMs: 20 });
    const result = await client.call('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'Unreachable' } });
    expect(client.link?.state()).toBe('disconnected');
    client.close();
    expect(await client.call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'Transient' },
    });
  });

  it('reports the link going down, fails calls at once while it is down, and Retry reconnects', async () => {
    client = createWsClient(server.url, WebSocket, {
      firstBackoffMs: 60_000,
      timeoutMs: () => 60_000,
    });
    const states: string[] = [];
    client.link!.onChange((s) => states.push(s));
    await client.call('connections.list', {});
    expect(client.link!.state()).toBe('open');
    const down = new Promise<void>((resolve) => {
      const off = client!.link!.onChange((s) => s === 'disconnected' && (off(), resolve()));
    });
    server.sockets.forEach((s) => s.terminate());
    await down;
    // The next dial is a minute away: the call does not wait for it, nor for its deadline.
    const refused = await client.call('connections.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'Unreachable' } });
    expect(!refused.ok && refused.error.message).toMatch(/^Disconnected from Lakeshore/);
    const open = new Promise<void>((resolve) => {
      const off = client!.link!.onChange((s) => s === 'open' && (off(), resolve()));
    });
    client.link!.retry();
    await open;
    expect(await client.call('connections.list', {})).toEqual({ ok: true, value: [connection] });
    expect(states).toEqual(['open', 'disconnected', 'open']);
  });
});
