// The ceilings of a verified download on loopback, measured in the same run as the tools
// (bench/transfers.ts): the CPU of MD5 alone over the file, and a bare client doing the least a
// verified download must do in Node (one keep-alive GET of the whole blob, each chunk hashed
// and written at its offset as it arrives: no ranges, no journal, no part file, no worker).
// The goal "client CPU per verified GiB ≤ 1.5× MD5 alone" is reachable only as far as the
// bare client is under it.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import http from 'node:http';

/** Wall and CPU (user + system) seconds of one in-process run. */
export interface CeilingRun {
  wall: number;
  cpu: number;
}

const MiB = 1024 * 1024;

/** Runs `work` in this process: its wall seconds and this process's CPU seconds meanwhile. */
async function measured(work: () => Promise<void> | void): Promise<CeilingRun> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await work();
  const used = process.cpuUsage(cpu);
  return {
    wall: Number(process.hrtime.bigint() - start) / 1e9,
    cpu: (used.user + used.system) / 1e6,
  };
}

/** MD5 of the file at `file`, read in 1 MiB chunks (as md5sum does): the hash's CPU, with the reads. */
export function md5Alone(file: string): Promise<CeilingRun> {
  return measured(() => {
    const md5 = createHash('md5');
    const buf = Buffer.allocUnsafe(MiB);
    const fd = openSync(file, 'r');
    try {
      for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) md5.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    md5.digest();
  });
}

/**
 * The bare verified download: GET `blobUrl` (a SAS URL) in one stream, each chunk hashed and
 * written in order to `target`; rejects when the MD5 differs from `expectedMd5` (base64).
 */
export function bareVerifiedDownload(
  blobUrl: string,
  target: string,
  expectedMd5: string,
): Promise<CeilingRun> {
  return measured(
    () =>
      new Promise<void>((resolve, reject) => {
        const md5 = createHash('md5');
        const fd = openSync(target, 'w');
        const finish = (error?: Error) => {
          closeSync(fd);
          const got = md5.digest('base64');
          if (error) reject(error);
          else if (got !== expectedMd5) reject(new Error(`MD5 ${got}, expected ${expectedMd5}`));
          else resolve();
        };
        http
          .get(blobUrl, { agent: false, headers: { 'x-ms-version': '2021-08-06' } }, (res) => {
            if (res.statusCode !== 200) {
              res.resume();
              return finish(new Error(`GET answered ${res.statusCode}`));
            }
            res.on('data', (chunk: Buffer) => {
              md5.update(chunk);
              for (let done = 0; done < chunk.length;)
                done += writeSync(fd, chunk, done, chunk.length - done);
            });
            res.on('end', () => finish());
            res.on('error', finish);
          })
          .on('error', finish);
      }),
  );
}
