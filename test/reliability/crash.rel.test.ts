// SIGKILL the real `lakeshore` CLI (cp up, cp down, rm -r, flat mv) at random points, then run
// it again: nothing half-written under a final name, nothing half-committed, nothing lost.
import type { ContainerClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliJobsRoot } from '../../src-main/cli/cliJobs.js';
import { partSuffix } from '../../src-main/transfers/downloadFile.js';
import { seededRandom, type ChaosProxy } from './chaosProxy.js';
import { cliBundle } from './cliChild.js';
import {
  killAndRerun,
  localFiles,
  startCrashWorld,
  type CrashBook,
  type CrashWorld,
} from './crashKit.js';
import { blobNames, blobOrNone } from './faultOperations.js';
import { runCliCollecting } from '../support/cliRun.js';
import { tempFolder } from './serviceHarness.js';
import { newTally, writeTally } from './tally.js';

const seed = Number(process.env.LAKESHORE_CRASH_SEED ?? Date.now() % 1_000_000);
const random = seededRandom(seed);
const tally = newTally();
/** Kills per scenario: 20 in all. */
const plan = { upload: 5, download: 5, delete: 5, move: 5 } as const;
const killCounts: Record<keyof typeof plan, number> = {
  upload: 0,
  download: 0,
  delete: 0,
  move: 0,
};
let world: CrashWorld;
let container: ContainerClient;
let url: (p: string) => string;
let env: NodeJS.ProcessEnv;
let proxy: ChaosProxy;
let dataDir: string;

/** Records a broken invariant; returns whether it held. */
const hold = (cond: boolean, kind: 'lost' | 'corrupted', what: string): boolean => {
  if (!cond) {
    tally[kind] += 1;
    tally.notes.push(`crash: ${what}`);
  }
  return cond;
};

const book: CrashBook = { tally, kills: killCounts, hold };

/** The journal is readable after the crash: `lakeshore jobs list` answers. */
async function journalReadable(label: string) {
  const jobs = await runCliCollecting(['jobs', 'list', '--json'], env);
  hold(jobs.code === 0, 'lost', `${label}: jobs list after the kill failed: ${jobs.stderr}`);
}

beforeAll(async () => {
  const key = inject('relAccountKey');
  world = await startCrashWorld(
    inject('relFlatEndpoint'),
    inject('relAccountName'),
    key,
    `crash-${seed}`,
  );
  ({ container, url, env, proxy, dataDir } = world);
  tally.secrets.push(key);
  tally.storedIn.push(dataDir);
  await cliBundle();
});

afterAll(async () => {
  await proxy?.close();
  tally.notes.unshift(
    `crash suite: seed ${seed} (LAKESHORE_CRASH_SEED to replay), SIGKILLs: ${Object.entries(
      killCounts,
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  writeTally('crash', tally);
});

/** Writes `blobs` directly into the container, 50 at a time. */
async function seedBlobs(blobs: Record<string, Buffer>): Promise<void> {
  const all = Object.entries(blobs);
  for (let k = 0; k < all.length; k += 50) {
    await Promise.all(
      all.slice(k, k + 50).map(([n, d]) => container.getBlockBlobClient(n).uploadData(d)),
    );
  }
}

/** A local folder of 3 multi-block files and 8 small ones. */
function localSet(): { dir: string; files: Record<string, Buffer> } {
  const dir = tempFolder('crash-up');
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 3; i++) files[`big${i}.bin`] = randomBytes(2 * 1024 * 1024 + i);
  for (let i = 0; i < 8; i++) files[`small/s${i}.txt`] = randomBytes(500 + i);
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), data);
  }
  tally.storedIn.push(dir);
  return { dir, files };
}

describe('SIGKILL at random points, then the same command again', () => {
  it(`uploads: no blob half-committed, the rerun resumes to byte-identical blobs (${plan.upload} kills)`, async () => {
    for (let i = 0; i < plan.upload; i++) {
      const { dir, files } = localSet();
      const argv = [
        'cp',
        dir,
        url(`up${i}`),
        '-r',
        '--overwrite=true',
        '--block-size',
        '1',
        '--cap-mbps',
        '60',
      ];
      const base = `up${i}/${path.basename(dir)}/`;
      const { finished } = await killAndRerun(world, random, book, {
        scenario: 'upload',
        label: `upload ${i}`,
        prepare: async () => argv,
        estimate: 25,
        afterKill: async () => {
          for (const name of await blobNames(container, `up${i}/`)) {
            const want = files[name.slice(base.length)];
            const got = await blobOrNone(container, name);
            hold(
              want !== undefined && got !== undefined && got.equals(want),
              'corrupted',
              `upload ${i}: ${name} half-committed`,
            );
          }
          await journalReadable(`upload ${i}`);
        },
      });
      if (!finished) continue;
      for (const [rel, data] of Object.entries(files)) {
        const got = await blobOrNone(container, base + rel);
        hold(got !== undefined, 'lost', `upload ${i}: ${rel} missing after resume`);
        if (got) hold(got.equals(data), 'corrupted', `upload ${i}: ${rel} differs after resume`);
      }
    }
    expect(tally.notes.filter((n) => n.includes('upload'))).toEqual([]);
  });

  it(`downloads: no file half-written under its final name, the rerun resumes to identical files (${plan.download} kills)`, async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 3; i++) files[`dl/big${i}.bin`] = randomBytes(2 * 1024 * 1024 + i);
    for (let i = 0; i < 8; i++) files[`dl/small/s${i}.txt`] = randomBytes(700 + i);
    for (const [name, data] of Object.entries(files))
      await container.getBlockBlobClient(name).uploadData(data);
    for (let i = 0; i < plan.download; i++) {
      const target = tempFolder(`crash-down${i}`);
      tally.storedIn.push(target);
      const argv = ['cp', url('dl'), target, '-r', '--overwrite=true', '--block-size', '1'];
      const { finished } = await killAndRerun(world, random, book, {
        scenario: 'download',
        label: `download ${i}`,
        prepare: async () => argv,
        estimate: 25,
        afterKill: async () => {
          for (const rel of localFiles(target)) {
            if (rel.endsWith(partSuffix)) continue;
            const want = files[rel];
            hold(
              want !== undefined && readFileSync(path.join(target, rel)).equals(want),
              'corrupted',
              `download ${i}: ${rel} half-written under its final name`,
            );
          }
          await journalReadable(`download ${i}`);
        },
      });
      if (!finished) continue;
      const written = localFiles(target).sort();
      hold(
        written.join() === Object.keys(files).sort().join(),
        'lost',
        `download ${i}: files after resume: ${written.join()}`,
      );
      for (const [rel, data] of Object.entries(files)) {
        const file = path.join(target, rel);
        hold(
          existsSync(file) && readFileSync(file).equals(data),
          'corrupted',
          `download ${i}: ${rel} differs after resume`,
        );
      }
    }
    expect(tally.notes.filter((n) => n.includes('download'))).toEqual([]);
  });

  it(`folder deletes: only the folder's blobs go, the rerun finishes it (${plan.delete} kills)`, async () => {
    for (let i = 0; i < plan.delete; i++) {
      let folder: Record<string, Buffer> = {};
      let siblings: Record<string, Buffer> = {};
      let at = '';
      await killAndRerun(world, random, book, {
        scenario: 'delete',
        label: `delete ${i}`,
        prepare: async () => {
          at = `del${i}-${randomBytes(3).toString('hex')}`;
          folder = {};
          for (let j = 0; j < 150; j++)
            folder[`${at}/f${String(j).padStart(3, '0')}.txt`] = randomBytes(16);
          siblings = { [`${at}x.txt`]: randomBytes(9), [`${at}-keep/k.txt`]: randomBytes(9) };
          await seedBlobs({ ...folder, ...siblings });
          return ['rm', url(at), '--recursive'];
        },
        estimate: 10,
        afterKill: async () => {
          for (const name of await blobNames(container, `${at}/`)) {
            const got = await blobOrNone(container, name);
            hold(
              got !== undefined && got.equals(folder[name]!),
              'corrupted',
              `delete ${i}: ${name} changed`,
            );
          }
        },
        // A kill after the last delete leaves nothing to delete: the rerun then says NotFound.
        finished: (rerun) => rerun.code === 0 || /NotFound/.test(rerun.stderr),
      });
      hold(
        (await blobNames(container, `${at}/`)).length === 0,
        'lost',
        `delete ${i}: blobs left after the rerun`,
      );
      for (const [n, d] of Object.entries(siblings)) {
        const got = await blobOrNone(container, n);
        hold(got !== undefined && got.equals(d), 'lost', `delete ${i}: sibling ${n} deleted`);
      }
    }
    expect(tally.notes.filter((n) => n.includes('delete'))).toEqual([]);
  });

  it(`flat moves (copy then delete): no blob lost, the rerun resumes the move to the end (${plan.move} kills)`, async () => {
    for (let i = 0; i < plan.move; i++) {
      const folder: Record<string, Buffer> = {};
      for (let j = 0; j < 100; j++)
        folder[`f${String(j).padStart(3, '0')}.bin`] = randomBytes(2048 + j);
      const entries = Object.entries(folder);
      let from = '';
      let to = '';
      // The move journal lets the same mv go on: everything ends at the destination.
      const { finished } = await killAndRerun(world, random, book, {
        scenario: 'move',
        label: `move ${i}`,
        prepare: async () => {
          from = `mv${i}-${randomBytes(3).toString('hex')}`;
          to = `${from}-moved`;
          await seedBlobs(Object.fromEntries(entries.map(([n, d]) => [`${from}/${n}`, d])));
          return ['mv', url(from), url(to)];
        },
        estimate: 200,
        afterKill: async () => {
          let both = 0;
          for (const [n, d] of entries) {
            const [src, dst] = [
              await blobOrNone(container, `${from}/${n}`),
              await blobOrNone(container, `${to}/${n}`),
            ];
            if (src && dst) both += 1;
            hold(
              src !== undefined || dst !== undefined,
              'lost',
              `move ${i}: ${n} lost by a killed move`,
            );
            hold(
              (src ?? d).equals(d) && (dst ?? d).equals(d),
              'corrupted',
              `move ${i}: ${n} differs`,
            );
          }
          hold(
            both <= 8,
            'corrupted',
            `move ${i}: ${both} blobs at both places (more than the 8 copies in flight)`,
          );
        },
      });
      if (!finished) continue;
      const left = await blobNames(container, `${from}/`);
      hold(left.length === 0, 'lost', `move ${i}: rerun left ${left.length} at the source`);
      for (const [n, d] of entries) {
        const dst = await blobOrNone(container, `${to}/${n}`);
        hold(dst !== undefined, 'lost', `move ${i}: ${n} not at the destination after the rerun`);
        if (dst) hold(dst.equals(d), 'corrupted', `move ${i}: ${n} differs after the rerun`);
      }
    }
    expect(tally.notes.filter((n) => / lost | differs|half/.test(n) && n.includes('move'))).toEqual(
      [],
    );
  });

  it('leaves no journal behind once every copy finished', () => {
    const root = cliJobsRoot(dataDir);
    const left = existsSync(root) ? readdirSync(root) : [];
    hold(left.length === 0, 'lost', `journals left after every rerun finished: ${left.join()}`);
    expect(left).toEqual([]);
  });
});
