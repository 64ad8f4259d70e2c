import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import WebSocket from 'ws';
import type { Result, ServerMessage } from '../../shared/contract/index.js';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/webHost.js';
import { relConnectionString } from './reliabilityGlobalSetup.js';
import { startServiceHarness, tempFolder, type ServiceHarness } from './serviceHarness.js';

/** Every file under `dir` with a SHA-256 of its bytes (`relative/path hex`), sorted. */
export const snapshot = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return `${path.relative(dir, file)} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
    })
    .sort();

/** A client of the reliability suite's flat account, with its shared key. */
export const relAccount = (): BlobServiceClient =>
  new BlobServiceClient(
    inject('relFlatEndpoint'),
    new StorageSharedKeyCredential(inject('relAccountName'), inject('relAccountKey')),
  );

/** Every blob of `container` in the reliability account with its ETag (`name etag`), sorted. */
export async function blobsOf(container: string): Promise<string[]> {
  const out: string[] = [];
  for await (const b of relAccount().getContainerClient(container).listBlobsFlat())
    out.push(`${b.name} ${b.properties.etag}`);
  return out.sort();
}

/** A service with one connection to the reliability account, served by the browser mode's web host, and a socket on it. */
export interface FuzzHost {
  h: ServiceHarness;
  host: WebHost;
  /** The connection to the reliability account's flat endpoint. */
  connectionId: string;
  /** Opens another socket on the host (its answers resolve `call`s too). */
  open(): Promise<WebSocket>;
  /** Sends one call over the first socket; resolves to its result, rejects after the timeout. */
  call(name: string, args: unknown): Promise<Result<unknown>>;
  /** Closes the socket and the host and disposes of the service. */
  close(): Promise<void>;
}

/**
 * Starts a service harness labelled `label` with a connection to the reliability account, the
 * web host over it (a stand-in renderer page) and a socket; `call` gives up on an answer after
 * `callTimeoutMs`.
 */
export async function startFuzzHost(label: string, callTimeoutMs: number): Promise<FuzzHost> {
  const h = startServiceHarness(label);
  const conn = await h.addConnection(
    relConnectionString(
      inject('relAccountName'),
      inject('relAccountKey'),
      inject('relFlatEndpoint'),
    ),
  );
  const rendererDir = tempFolder(`${label}-renderer`);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lakeshore</title>');
  const host = await startWebHost({ service: h.service, rendererDir });
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
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
  const ws = await open();
  const call = (name: string, args: unknown): Promise<Result<unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(
        () => reject(new Error(`${name}: no answer in ${callTimeoutMs / 1000} s`)),
        callTimeoutMs,
      );
      pending.set(id, (r) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(r);
      });
      ws.send(JSON.stringify({ type: 'call', id, name, args }));
    });
  return {
    h,
    host,
    connectionId: conn.id,
    open,
    call,
    close: async () => {
      ws.close();
      await host.close();
      await h.service.dispose();
    },
  };
}
