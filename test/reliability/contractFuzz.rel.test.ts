// Every call of the contract driven with malformed, oversized and hostile arguments over the
// browser mode's real WebSocket host and over the Electron IPC handlers (electron replaced):
// each answered with InvalidInput, the process never crashes, nothing is written.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { callNames, callSchemas, errorCodes, type Result } from '../../shared/contract/index.js';
import { blobsOf, relAccount, snapshot, startFuzzHost, type FuzzHost } from './fuzzHost.js';
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
let fuzz: FuzzHost;
let connectionId = '';
let container = '';
let blobsBefore: string[] = [];
let filesBefore: string[] = [];
const rendererPrefix = 'file:///app/dist/renderer/';
const trustedEvent = {
  sender: { id: 7, mainFrame: null },
  senderFrame: { url: `${rendererPrefix}index.html`, parent: null },
};

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
  fuzz = await startFuzzHost('fuzz', 30_000);
  tally.secrets.push(inject('relAccountKey'));
  tally.storedIn.push(fuzz.h.dataDir);
  connectionId = fuzz.connectionId;
  container = `fuzz-${randomBytes(4).toString('hex')}`;
  const c = relAccount().getContainerClient(container);
  await c.create();
  await c.getBlockBlobClient('keep/a.txt').uploadData(Buffer.from('a'));
  bindServiceToIpc(
    fuzz.h.service,
    { webContents: { id: 7, send: () => undefined }, isDestroyed: () => false } as never,
    rendererPrefix,
  );
  blobsBefore = await blobsOf(container);
  filesBefore = snapshot(fuzz.h.dataDir);
});

afterAll(async () => {
  await fuzz?.close();
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
          const viaSocket = await fuzz.call(name, args);
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
          const r = await fuzz.call(name, {});
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
      const socket = await fuzz.open();
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
    const alive = await fuzz.call('app.info', {});
    expect(alive.ok).toBe(true);
  });

  it('wrote nothing: the container and the data folder are as before, the process alive', async () => {
    expect(await blobsOf(container)).toEqual(blobsBefore);
    expect(snapshot(fuzz.h.dataDir)).toEqual(filesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(tally.lost, tally.notes.join('\n')).toBe(0);
  });
});
