import { Worker } from 'node:worker_threads';

/** A message to the hashing thread: open a session on a file, hash up to a length, finish or drop it. */
type Request =
  | { op: 'open'; id: number; path: string }
  | { op: 'advance'; id: number; length: number }
  | { op: 'digest'; id: number; length: number }
  | { op: 'close'; id: number };

/** An answer of the hashing thread: a session's MD5, or why it failed. */
type Answer = { id: number; digest: Uint8Array } | { id: number; error: string };

// The hashing thread (CommonJS, evaluated from this string so bundles need no extra file): per
// session an fd and an MD5; reads the requested prefix in 1 MiB chunks (from the page cache,
// since the bytes were just written) and hashes them, off the main thread. A session that
// failed (open or read) answers its digest with the error.
const threadSource = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buf = Buffer.allocUnsafe(1024 * 1024);
const sessions = new Map();
const failed = new Map();
const drop = (id) => {
  const s = sessions.get(id);
  if (s) closeSync(s.fd);
  sessions.delete(id);
};
parentPort.on('message', (m) => {
  try {
    if (m.op === 'open') return void sessions.set(m.id, { fd: openSync(m.path, 'r'), md5: createHash('md5'), hashed: 0 });
    if (m.op === 'close') return void (drop(m.id), failed.delete(m.id));
    const s = sessions.get(m.id);
    if (!s) {
      if (m.op === 'digest') parentPort.postMessage({ id: m.id, error: failed.get(m.id) || 'No such hashing session.' });
      return void (m.op === 'digest' && failed.delete(m.id));
    }
    while (s.hashed < m.length) {
      const n = readSync(s.fd, buf, 0, Math.min(buf.length, m.length - s.hashed), s.hashed);
      if (n === 0) throw new Error('The part file is shorter than the bytes written to it.');
      s.md5.update(buf.subarray(0, n));
      s.hashed += n;
    }
    if (m.op === 'digest') {
      const digest = s.md5.digest();
      drop(m.id);
      parentPort.postMessage({ id: m.id, digest });
    }
  } catch (e) {
    drop(m.id);
    if (m.op === 'digest') parentPort.postMessage({ id: m.id, error: String(e && e.message) });
    else failed.set(m.id, String(e && e.message));
  }
});
`;

/** The one hashing thread of the process, started on first use; it keeps the process alive only while a session is open. */
let thread:
  { worker: Worker; waiting: Map<number, (answer: Answer) => void>; open: number } | undefined;
let nextId = 1;

function hashingThread() {
  if (thread) return thread;
  const worker = new Worker(threadSource, { eval: true });
  const waiting = new Map<number, (answer: Answer) => void>();
  const t = { worker, waiting, open: 0 };
  worker.unref();
  worker.on('message', (answer: Answer) => {
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  const fail = (error: unknown) => {
    if (thread === t) thread = undefined;
    for (const [id, answer] of waiting) answer({ id, error: String(error) });
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The hashing thread exited with code ${code}.`)));
  thread = t;
  return t;
}

/**
 * MD5 of a file's prefix as it grows: as parallel writes complete the prefix, a shared worker
 * thread reads it back (from the page cache, in 1 MiB chunks, fixed memory) and hashes it, so
 * verifying a finished download costs only its tail, and no main-thread time, instead of a
 * second pass over the file. Call `digest` once at the end, or `close` to give up.
 */
export class PrefixHasher {
  private readonly id = nextId++;
  private readonly thread = hashingThread();
  private wanted = 0;
  private closed = false;

  /** Starts hashing the file at `path` (it must exist). */
  constructor(path: string) {
    if (this.thread.open++ === 0) this.thread.worker.ref();
    this.send({ op: 'open', id: this.id, path });
  }

  /** The first `length` bytes are written: hash up to there. */
  advance(length: number): void {
    if (length <= this.wanted || this.closed) return;
    this.wanted = length;
    this.send({ op: 'advance', id: this.id, length });
  }

  /** The MD5 (16 bytes) of the first `length` bytes, after all writes. Rejects if reading failed. */
  digest(length: number): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('The hasher was closed.'));
    this.closed = true;
    return new Promise<Buffer>((resolve, reject) => {
      this.thread.waiting.set(this.id, (answer) => {
        this.release();
        if ('digest' in answer) resolve(Buffer.from(answer.digest));
        else reject(new Error(answer.error));
      });
      this.send({ op: 'digest', id: this.id, length });
    });
  }

  /** Gives the session up (its file is closed); no-op after `digest`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.send({ op: 'close', id: this.id });
    this.release();
  }

  private release(): void {
    if (--this.thread.open === 0) this.thread.worker.unref();
  }

  private send(request: Request): void {
    this.thread.worker.postMessage(request);
  }
}
