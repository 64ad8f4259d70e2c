import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { createProxyNetworkClient } from './proxyNetworkClient.js';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

it('leaves no timer behind when the authority cannot be reached (the CLI would wait a minute to exit)', async () => {
  // A port that was just free: nothing listens there, so the connection is refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const client = createProxyNetworkClient();
  const before = timers();
  await expect(
    client.sendGetRequestAsync(`https://127.0.0.1:${port}/common/discovery`, {}, 60_000),
  ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  expect(timers()).toBe(before);
  expect(client.lastUnreachable()).toEqual({ host: `127.0.0.1:${port}`, code: 'ECONNREFUSED' });
});
