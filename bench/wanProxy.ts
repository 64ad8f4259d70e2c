// A WAN-like link on 127.0.0.1 for the transfer benchmark: a TCP proxy in front of a loopback
// service that delays every byte by a one-way latency in each direction (so the first byte of
// each request and of each response arrives `oneWayDelayMs` later, a round trip of twice that
// per request, plus one round trip to open a connection) and shapes each direction to
// `bytesPerSecond` with one token bucket shared by all connections, as a real link would. No
// netem here (DESIGN.md), so the latency has to come from a process; a TCP proxy needs no HTTP
// parsing and passes keep-alive connections through as they are. Each connection buffers at
// most `windowBytes` per direction (a TCP window) before it stops reading its sender.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** The link the proxy imitates. */
export interface WanProfile {
  /** Latency added to each direction, in ms (10: a 20 ms round trip). */
  oneWayDelayMs: number;
  /** Bandwidth of each direction, shared by all connections, in bytes per second. */
  bytesPerSecond: number;
  /** Bytes the token bucket may send at once after an idle time; default 256 KiB. */
  burstBytes?: number;
  /** Bytes buffered per connection and direction before the sender is paused; default 8 MiB. */
  windowBytes?: number;
}

/** A running proxy; `counters` count the bytes passed each way. */
export interface WanProxy {
  port: number;
  counters: { up: number; down: number; connections: number };
  close(): Promise<void>;
}

/** One direction of the link, shared by every connection: a token bucket in virtual time. */
class Link {
  /** When the bytes reserved so far have passed the link, in ms (performance.now). */
  private busyUntil = 0;
  constructor(
    private readonly bytesPerMs: number,
    private readonly burstMs: number,
  ) {}
  /** Reserves `bytes` arriving at `at`; returns when they have passed the link. */
  pass(bytes: number, at: number): number {
    this.busyUntil = Math.max(this.busyUntil, at - this.burstMs) + bytes / this.bytesPerMs;
    return Math.max(at, this.busyUntil);
  }
}

/** Bytes from one socket to another, each chunk delivered at its time, in order. */
class DelayLine {
  private readonly queue: Array<{ chunk: Buffer; at: number }> = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  constructor(
    private readonly from: net.Socket,
    private readonly to: net.Socket,
    private readonly link: Link,
    private readonly delayMs: number,
    private readonly windowBytes: number,
    /** Nothing is delivered before this (ms): the handshake round trip of a new connection. */
    private readonly notBefore: number,
    private readonly count: (bytes: number) => void,
  ) {
    from.on('data', (chunk: Buffer) => {
      const now = performance.now();
      const at = this.link.pass(chunk.length, Math.max(now, this.notBefore)) + this.delayMs;
      this.queue.push({ chunk, at });
      this.queued += chunk.length;
      if (this.queued > this.windowBytes) from.pause();
      this.schedule();
    });
    from.on('end', () => {
      this.ended = true;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer) return;
    const head = this.queue[0];
    if (!head) {
      if (this.ended && !this.to.destroyed) this.to.end();
      return;
    }
    this.timer = setTimeout(() => this.deliver(), Math.max(0, head.at - performance.now()));
  }

  private deliver(): void {
    this.timer = undefined;
    const now = performance.now();
    // Timers fire up to a millisecond late; everything due by then goes out in one write.
    while (this.queue[0] && this.queue[0].at <= now + 0.5) {
      const { chunk } = this.queue.shift()!;
      this.queued -= chunk.length;
      this.count(chunk.length);
      if (!this.to.destroyed) this.to.write(chunk);
    }
    if (this.queued <= this.windowBytes / 2 && this.from.isPaused()) this.from.resume();
    this.schedule();
  }

  /** Nothing queued. */
  idle(): boolean {
    return this.queue.length === 0;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }
}

/** Starts the proxy on 127.0.0.1 (a free port) in front of `targetPort` on 127.0.0.1. */
export async function startWanProxy(targetPort: number, profile: WanProfile): Promise<WanProxy> {
  const burstBytes = profile.burstBytes ?? 256 * 1024;
  const bytesPerMs = profile.bytesPerSecond / 1000;
  const up = new Link(bytesPerMs, burstBytes / bytesPerMs);
  const down = new Link(bytesPerMs, burstBytes / bytesPerMs);
  const windowBytes = profile.windowBytes ?? 8 * 1024 * 1024;
  const delay = profile.oneWayDelayMs;
  const counters = { up: 0, down: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    counters.connections++;
    const accepted = performance.now();
    const service = net.connect({ port: targetPort, host: '127.0.0.1', allowHalfOpen: true });
    client.setNoDelay(true);
    service.setNoDelay(true);
    sockets.add(client).add(service);
    // The client's first bytes left after its SYN's round trip: they arrive 3 one-way delays
    // after it connected; the service's answers can come no earlier than its requests.
    const lines = [
      new DelayLine(client, service, up, delay, windowBytes, accepted + 2 * delay, (n) => {
        counters.up += n;
      }),
      new DelayLine(service, client, down, delay, windowBytes, 0, (n) => {
        counters.down += n;
      }),
    ];
    const teardown = () => {
      lines.forEach((l) => l.stop());
      client.destroy();
      service.destroy();
      sockets.delete(client);
      sockets.delete(service);
    };
    // A socket that ended passes on what its line still holds (then ends the other side); one
    // that failed or closed takes the connection down.
    client.on('error', teardown).on('close', () => {
      lines[1]!.stop();
      if (lines[0]!.idle()) teardown();
    });
    service.on('error', teardown).on('close', () => {
      lines[0]!.stop();
      if (lines[1]!.idle()) teardown();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    counters,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
