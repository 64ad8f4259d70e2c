// Every call of the contract driven with malformed, oversized and hostile arguments over the
// browser mode's real WebSocket host and over the Electron IPC handlers (electron replaced):
// each answered with InvalidInput, the process never crashes, nothing is written.
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  callNames,
  callSchemas,
  errorCodes,
  type Result,
  type ServerMessage,
} from '../../shared/contract/index.js';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/webHost.js';
import { relConnectionString } from './reliabilityGlobalSetup.js';
import { startServiceHarness, tempFolder, type ServiceHarness } from './serviceHarness.js';
import { newTally, writeTally } from './tally.js';

const ipc = vi.hoisted(
  () => new Map<string, (event: unknown, args: unknown) => Promise<unknown>>(),
);
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, fn: (event: unknown, args: unknown) => Promise<unknown>) =>
      ipc.set(name, fn),
    removeHandler: (name: string) => ipc.delete(name),
  },
}));
const { bindServiceToIpc } = await import('../../src-main/hosts/electron/ipc.js');

const runs = Number(process.env.LAKESHORE_FUZZ_RUNS ?? 20);
/** Calls stay below the host's 1 MiB message cap (a bigger one closes the socket: tested apart). */
const maxCallBytes = 900_000;
const tally = newTally();
let h: ServiceHarness;
let host: WebHost;
let ws: WebSocket;
let connectionId = '';
let container = '';
let blobsBefore: string[] = [];
let filesBefore: string[] = [];
let nextId = 1;
const pending = new Map<number, (r: Result<unknown>) => void>();
const rendererPrefix = 'file:///app/dist/renderer/';
const trustedEvent = {
  sender: { id: 7, mainFrame: null },
  senderFrame: { url: `${rendererPrefix}index.html`, parent: null },
};

/** Every file under `dir` with a hash of its bytes, sorted. */
const snapshot = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return `${path.relative(dir, file)} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
    })
    .sort();

const blobs = async (): Promise<string[]> => {
  const c = new BlobServiceClient(
    inject('relFlatEndpoint'),
    new StorageSharedKeyCredential(inject('relAccountName'), inject('relAccountKey')),
  );
  const out: string[] = [];
  for await (const b of c.getContainerClient(container).listBlobsFlat())
    out.push(`${b.name} ${b.properties.etag}`);
  return out.sort();
};

const open = (): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/lake?token=${host.token}`, {
      origin: host.origin,
    });
    socket.on('message', (d) => {
      const m = JSON.parse(d.toString()) as ServerMessage;
      if (m.type === 'result') pending.get(m.id)?.(m.result);
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });

const callOverSocket = (name: string, args: unknown): Promise<Result<unknown>> =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => reject(new Error(`${name}: no answer in 30 s`)), 30_000);
    pending.set(id, (r) => {
      clearTimeout(timer);
      pending.delete(id);
      resolve(r);
    });
    ws.send(JSON.stringify({ type: 'call', id, name, args }));
  });

const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    '..',
    '../../etc/passwd',
    '/etc/passwd',
    'C:\\Windows\\x',
    'a\u0000b',
    '\u202Eexe.txt',
    '%2e%2e%2f',
    'x'.repeat(70_000),
    '\u{1F4A9}'.repeat(600),
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, undefined, true, -1, 1e308, Number.NaN, 2 ** 53 + 2, [], {}),
  fc.array(hostileString, { maxLength: 5 }),
  fc.constant(Array.from({ length: 10_001 }, () => ({ path: 'a', kind: 'file' }))),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
);
/** `args` as the other side receives it: JSON drops undefined members. */
const asSent = (args: unknown): unknown =>
  args === undefined ? undefined : (JSON.parse(JSON.stringify(args) ?? 'null') as unknown);
/** A valid-looking argument object of `name`, one field made hostile, or something else entirely. */
const argsFor = (name: string): fc.Arbitrary<unknown> =>
  fc
    .oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        {
          connectionId: fc.oneof(fc.constant(connectionId), hostileString),
          container: fc.oneof(fc.constant(container), hostileString),
          path: hostileValue,
          paths: hostileValue,
          directory: hostileValue,
          localPaths: hostileValue,
          localDirectory: hostileValue,
          source: hostileValue,
          destination: hostileValue,
          operationId: hostileValue,
          jobId: hostileValue,
          extra: hostileValue,
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(hostileString, hostileValue, { maxKeys: 4 }),
    )
    .filter(
      (args) =>
        !callSchemas[name as keyof typeof callSchemas].safeParse(asSent(args) ?? {}).success,
    );

const isEnvelope = (r: Result<unknown>) =>
  r.ok === true || (r.ok === false && errorCodes.includes(r.error.code));

beforeAll(async () => {
  h = startServiceHarness('fuzz');
  tally.secrets.push(inject('relAccountKey'));
  tally.storedIn.push(h.dataDir);
  const conn = await h.addConnection(
    relConnectionString(
      inject('relAccountName'),
      inject('relAccountKey'),
      inject('relFlatEndpoint'),
    ),
  );
  connectionId = conn.id;
  container = `fuzz-${randomBytes(4).toString('hex')}`;
  const c = new BlobServiceClient(
    inject('relFlatEndpoint'),
    new StorageSharedKeyCredential(inject('relAccountName'), inject('relAccountKey')),
  ).getContainerClient(container);
  await c.create();
  await c.getBlockBlobClient('keep/a.txt').uploadData(Buffer.from('a'));
  const rendererDir = tempFolder('fuzz-renderer');
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lakeshore</title>');
  host = await startWebHost({ service: h.service, rendererDir });
  ws = await open();
  bindServiceToIpc(
    h.service,
    { webContents: { id: 7, send: () => undefined }, isDestroyed: () => false } as never,
    rendererPrefix,
  );
  blobsBefore = await blobs();
  filesBefore = snapshot(h.dataDir);
});

afterAll(async () => {
  ws?.close();
  await host?.close();
  await h?.service.dispose();
  writeTally('contractFuzz', tally);
});

/** Counts one answer: InvalidInput is the clean refusal; anything else is noted. */
const count = (transport: string, name: string, args: unknown, r: Result<unknown>) => {
  tally.tried += 1;
  if (!r.ok && r.error.code === 'InvalidInput') {
    tally.failedCleanly += 1;
    return true;
  }
  tally.lost += 1;
  tally.notes.push(
    `fuzz (${transport}) ${name}: ${JSON.stringify(args)?.slice(0, 120)} answered ${JSON.stringify(r).slice(0, 160)}`,
  );
  return false;
};

describe('contract fuzzing', () => {
  it.each(callNames.map((n) => [n]))(
    '%s refuses malformed arguments over the WebSocket and IPC',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(argsFor(name), async (args) => {
          fc.pre((JSON.stringify(args) ?? '').length < maxCallBytes);
          const viaSocket = await callOverSocket(name, args);
          expect(isEnvelope(viaSocket)).toBe(true);
          const viaIpc = (await ipc.get(name)!(trustedEvent, args)) as Result<unknown>;
          expect(isEnvelope(viaIpc)).toBe(true);
          return count('ws', name, args, viaSocket) && count('ipc', name, args, viaIpc);
        }),
        { numRuns: runs },
      );
    },
  );

  it('answers an unknown call name with InvalidInput on both transports', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString.filter((n) => !(callNames as readonly string[]).includes(n)),
        async (name) => {
          const r = await callOverSocket(name, {});
          return count('ws', 'unknown call', name, r);
        },
      ),
      { numRuns: runs },
    );
  });

  it('closes a socket that sends a malformed or oversized message, and keeps serving others', async () => {
    for (const bad of [
      'not json',
      '{"type":"call"}',
      JSON.stringify({ type: 'call', id: 1, name: 'app.info', args: 'x'.repeat(1_100_000) }),
    ]) {
      const socket = await open();
      const closed = new Promise<number>((r) => socket.once('close', (code) => r(code)));
      socket.send(bad);
      tally.tried += 1;
      const code = await closed;
      if ([1003, 1009].includes(code)) tally.failedCleanly += 1;
      else {
        tally.lost += 1;
        tally.notes.push(`fuzz (ws): a malformed message closed the socket with ${code}`);
      }
    }
    const alive = await callOverSocket('app.info', {});
    expect(alive.ok).toBe(true);
  });

  it('wrote nothing: the container and the data folder are as before, the process alive', async () => {
    expect(await blobs()).toEqual(blobsBefore);
    expect(snapshot(h.dataDir)).toEqual(filesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(tally.lost, tally.notes.join('\n')).toBe(0);
  });
});
