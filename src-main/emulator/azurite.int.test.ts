import { BlobServiceClient } from '@azure/storage-blob';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnNodeScript, startAzurite, type NodeScriptRunner } from './azurite.js';

const listen = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

describe('startAzurite', () => {
  it('serves the well-known account on a path-style loopback endpoint; stop is idempotent', async () => {
    const azurite = await startAzurite({ location: 'memory' });
    expect(azurite.blobEndpoint).toBe(`http://127.0.0.1:${azurite.port}/devstoreaccount1`);
    expect(azurite.connectionString).toContain(`AccountKey=${azurite.accountKey};`);
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString, {
      retryOptions: { maxTries: 1 },
    }).getContainerClient('probe');
    await container.create();
    expect(await container.exists()).toBe(true);
    await azurite.stop();
    await azurite.stop();
    await expect(container.exists()).rejects.toThrow();
  });

  it("starts Azurite's script through the runner it is given (the desktop app's utility process), and stops that child", async () => {
    const started: { script: string; args: string[]; pid?: number | undefined }[] = [];
    const runner: NodeScriptRunner = (script, args, env) => {
      const child = spawnNodeScript(script, args, env);
      started.push({ script, args, pid: child.pid });
      return child;
    };
    const azurite = await startAzurite({ location: 'memory', runNodeScript: runner });
    expect(started).toHaveLength(1);
    expect(started[0]!.script).toMatch(/azurite[\\/]dist[\\/]src[\\/]blob[\\/]main\.js$/);
    expect(started[0]!.args).toEqual(
      expect.arrayContaining(['--blobPort', String(azurite.port), '--inMemoryPersistence']),
    );
    expect(azurite.pid).toBe(started[0]!.pid);
    await azurite.stop();
    expect(() => process.kill(azurite.pid, 0)).toThrow();
  });

  it('rejects with Azurite’s own output when the asked port is taken', async () => {
    const taken = await listen();
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startAzurite({ location: 'memory', blobPort: port })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      taken.close();
    }
  });
});
