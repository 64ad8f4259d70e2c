// The WAN proxy as its own process (so its CPU is not the benchmark's or a client's):
// `node dist/bench/wanProxyMain.mjs <target port> <one-way delay ms> <bytes per second>`
// prints the proxy's port on stdout, then the bytes it passed each way when stdin closes.
import { startWanProxy } from './wanProxy.js';

const [target, delay, rate] = process.argv.slice(2).map(Number);
const proxy = await startWanProxy(target!, { oneWayDelayMs: delay!, bytesPerSecond: rate! });
process.stdout.write(`${proxy.port}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdout.write(`${JSON.stringify(proxy.counters)}\n`);
  void proxy.close().then(() => process.exit(0));
});
