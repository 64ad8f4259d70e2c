import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulatorSupervisor } from './emulatorSupervisor.js';

const listenOn = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe("the embedded emulator's port", () => {
  it('is the same after a restart while free, another one while taken, and remembered in port.json', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-emu-port-'));
    const portFile = path.join(dataDir, 'emulator', 'port.json');
    const first = createEmulatorSupervisor({ dataDir, manyCount: 1 });
    const a = await first.ensureRunning();
    expect(JSON.parse(readFileSync(portFile, 'utf8'))).toEqual({ port: a.port });
    await first.stop();

    const second = createEmulatorSupervisor({ dataDir, manyCount: 1 });
    const b = await second.ensureRunning();
    expect(b.port).toBe(a.port);
    expect(b.blobEndpoint).toBe(a.blobEndpoint);
    await second.stop();

    // Someone else holds the port now: the emulator starts elsewhere and remembers that port.
    const squatter = await listenOn(a.port);
    const log: string[] = [];
    const third = createEmulatorSupervisor({ dataDir, manyCount: 1, log: (m) => log.push(m) });
    const c = await third.ensureRunning();
    expect(c.port).not.toBe(a.port);
    expect(log).toContain(`Port ${a.port} is taken; the emulator starts on another one.`);
    expect(JSON.parse(readFileSync(portFile, 'utf8'))).toEqual({ port: c.port });
    await third.stop();
    await new Promise((r) => squatter.close(r));
  });

  it('a damaged port.json is ignored: a free port is picked and written', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lake-emu-port-'));
    mkdirSync(path.join(dataDir, 'emulator'), { recursive: true });
    const portFile = path.join(dataDir, 'emulator', 'port.json');
    writeFileSync(portFile, '{"port": "ten"');
    const supervisor = createEmulatorSupervisor({ dataDir, manyCount: 1 });
    const running = await supervisor.ensureRunning();
    expect(JSON.parse(readFileSync(portFile, 'utf8'))).toEqual({ port: running.port });
    await supervisor.stop();
  });
});
