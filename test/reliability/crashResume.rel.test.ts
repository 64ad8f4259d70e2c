// SIGKILL `lakeshore sync` (flat) and cp up, cp down, rm -r and mv on an HNS account (the DFS
// test server), then run the same command again: nothing half-written, nothing lost, the rerun
// ends it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { partSuffix } from '../../src-main/transfers/downloadFile.js';
import { seededRandom } from './chaosProxy.js';
import { cliBundle, runCliChild } from './cliChild.js';
import {
  killAndRerun,
  localFiles,
  startCrashWorld,
  type CrashBook,
  type CrashWorld,
} from './crashKit.js';
import { blobNames, blobOrNone } from './faultOperations.js';
import { tempFolder } from './serviceHarness.js';
import { newTally, writeTally } from './tally.js';

const seed = Number(process.env.LAKESHORE_CRASH_SEED ?? Date.now() % 1_000_000) + 7;
const random = seededRandom(seed);
const tally = newTally();
/** Kills per scenario. */
const plan = { sync: 4, hnsUpload: 2, hnsDownload: 2, hnsDelete: 2, hnsMove: 2 } as const;
const kills: Record<keyof typeof plan, number> = {
  sync: 0,
  hnsUpload: 0,
  hnsDownload: 0,
  hnsDelete: 0,
  hnsMove: 0,
};
/** Sync reruns that found their journal and resumed it before listing again. */
let resumedSyncs = 0;
let flat: CrashWorld;
let hns: CrashWorld;

const hold = (cond: boolean, kind: 'lost' | 'corrupted', what: string): boolean => {
  if (!cond) {
    tally[kind] += 1;
    tally.notes.push(`crashResume: ${what}`);
  }
  return cond;
};

const book: CrashBook = { tally, kills, hold };

/** A local folder of 3 multi-block files and 6 small ones. */
function localSet(label: string): { dir: string; files: Record<string, Buffer> } {
  const dir = tempFolder(label);
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 3; i++) files[`big${i}.bin`] = randomBytes(2 * 1024 * 1024 + i);
  for (let i = 0; i < 6; i++) files[`small/s${i}.txt`] = randomBytes(400 + i);
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), data);
  }
  tally.storedIn.push(dir);
  return { dir, files };
}

/** Every blob under `prefix` holds its file's bytes (or is not there yet). */
async function noneHalfWritten(w: CrashWorld, prefix: string, files: Record<string, Buffer>) {
  for (const name of await blobNames(w.container, prefix)) {
    const want = files[name.slice(prefix.length)];
    const got = await blobOrNone(w.container, name);
    hold(want !== undefined && !!got?.equals(want), 'corrupted', `${name} half-committed`);
  }
}

/** After the rerun every file is at `prefix`, byte for byte. */
async function allThere(
  w: CrashWorld,
  prefix: string,
  files: Record<string, Buffer>,
  label: string,
) {
  for (const [rel, data] of Object.entries(files)) {
    const got = await blobOrNone(w.container, prefix + rel);
    hold(got !== undefined, 'lost', `${label}: ${rel} missing after the rerun`);
    if (got) hold(got.equals(data), 'corrupted', `${label}: ${rel} differs after the rerun`);
  }
}

beforeAll(async () => {
  const name = inject('relAccountName');
  const key = inject('relAccountKey');
  flat = await startCrashWorld(inject('relFlatEndpoint'), name, key, `crashr-${seed}`);
  hns = await startCrashWorld(inject('relHnsEndpoint'), name, key, `crashh-${seed}`);
  tally.secrets.push(key);
  tally.storedIn.push(flat.dataDir, hns.dataDir);
  await cliBundle();
});

afterAll(async () => {
  await flat?.proxy.close();
  await hns?.proxy.close();
  tally.notes.unshift(
    `crash-resume suite: seed ${seed - 7} (LAKESHORE_CRASH_SEED to replay), SIGKILLs: ${Object.entries(
      kills,
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}; ${resumedSyncs} of ${kills.sync} sync reruns resumed their journal`,
  );
  writeTally('crashResume', tally);
});

describe('SIGKILL, then the same command again', () => {
  it(`sync up: no blob half-committed, the rerun resumes from the journal to identical blobs (${plan.sync} kills)`, async () => {
    for (let i = 0; i < plan.sync; i++) {
      const { dir, files } = localSet(`crash-sync${i}`);
      const argv = ['sync', dir, flat.url(`sync${i}`), '--block-size', '1'];
      const { rerun, finished } = await killAndRerun(flat, random, book, {
        scenario: 'sync',
        label: `sync ${i}`,
        prepare: async () => argv,
        estimate: 25,
        afterKill: () => noneHalfWritten(flat, `sync${i}/`, files),
      });
      if (!finished) continue;
      if (/^Resuming an interrupted sync/m.test(rerun.stderr)) resumedSyncs += 1;
      await allThere(flat, `sync${i}/`, files, `sync ${i}`);
      const again = await runCliChild([...argv, '--json'], flat.env);
      const result = JSON.parse(again.stdout) as { copied: number };
      hold(result.copied === 0, 'lost', `sync ${i}: a third run still copied ${result.copied}`);
    }
    const journals = path.join(flat.dataDir, 'cli-sync');
    const left = existsSync(journals) ? readdirSync(journals) : [];
    hold(left.length === 0, 'lost', `sync journals left after every rerun: ${left.join()}`);
    expect(tally.notes.filter((n) => n.includes('sync'))).toEqual([]);
  });

  it(`HNS uploads: the rerun resumes to byte-identical files (${plan.hnsUpload} kills)`, async () => {
    for (let i = 0; i < plan.hnsUpload; i++) {
      const { dir, files } = localSet(`crash-hns-up${i}`);
      const argv = ['cp', dir, hns.url(`up${i}`), '-r', '--overwrite=true', '--block-size', '1'];
      const prefix = `up${i}/${path.basename(dir)}/`;
      const { finished } = await killAndRerun(hns, random, book, {
        scenario: 'hnsUpload',
        label: `hns upload ${i}`,
        prepare: async () => argv,
        estimate: 25,
        afterKill: () => noneHalfWritten(hns, prefix, files),
      });
      if (!finished) continue;
      await allThere(hns, prefix, files, `hns upload ${i}`);
    }
    expect(tally.notes.filter((n) => n.includes('hns upload'))).toEqual([]);
  });

  it(`HNS downloads: no file half-written under its final name, the rerun resumes to byte-identical files (${plan.hnsDownload} kills)`, async () => {
    // `cp <url>/dl <target> -r` writes the folder itself: <target>/dl/….
    const files = Object.fromEntries(
      Object.entries(localSet('crash-hns-dl-source').files).map(([rel, d]) => [`dl/${rel}`, d]),
    );
    for (const [name, data] of Object.entries(files))
      await hns.container.getBlockBlobClient(name).uploadData(data);
    for (let i = 0; i < plan.hnsDownload; i++) {
      const target = tempFolder(`crash-hns-down${i}`);
      tally.storedIn.push(target);
      const argv = ['cp', hns.url('dl'), target, '-r', '--overwrite=true', '--block-size', '1'];
      const { finished } = await killAndRerun(hns, random, book, {
        scenario: 'hnsDownload',
        label: `hns download ${i}`,
        prepare: async () => argv,
        estimate: 25,
        afterKill: async () => {
          for (const rel of localFiles(target)) {
            if (rel.endsWith(partSuffix)) continue;
            const want = files[rel];
            hold(
              want !== undefined && readFileSync(path.join(target, rel)).equals(want),
              'corrupted',
              `hns download ${i}: ${rel} half-written under its final name`,
            );
          }
        },
      });
      if (!finished) continue;
      const written = localFiles(target).sort();
      hold(
        written.join() === Object.keys(files).sort().join(),
        'lost',
        `hns download ${i}: files after the rerun: ${written.join()}`,
      );
      for (const [rel, data] of Object.entries(files)) {
        const file = path.join(target, rel);
        hold(
          existsSync(file) && readFileSync(file).equals(data),
          'corrupted',
          `hns download ${i}: ${rel} differs after the rerun`,
        );
      }
    }
    expect(tally.notes.filter((n) => n.includes('hns download'))).toEqual([]);
  });

  it(`HNS folder deletes: only the folder goes, the rerun finishes it (${plan.hnsDelete} kills)`, async () => {
    for (let i = 0; i < plan.hnsDelete; i++) {
      let at = '';
      const keep: Record<string, Buffer> = {};
      await killAndRerun(hns, random, book, {
        scenario: 'hnsDelete',
        label: `hns delete ${i}`,
        prepare: async () => {
          at = `del${i}-${randomBytes(3).toString('hex')}`;
          for (let j = 0; j < 30; j++)
            await hns.container.getBlockBlobClient(`${at}/d${j % 3}/f${j}.txt`).upload('x', 1);
          keep[`${at}-keep/k.txt`] = randomBytes(9);
          await hns.container
            .getBlockBlobClient(`${at}-keep/k.txt`)
            .uploadData(keep[`${at}-keep/k.txt`]!);
          return ['rm', hns.url(at), '--recursive'];
        },
        estimate: 6,
        finished: (rerun) => rerun.code === 0 || /NotFound/.test(rerun.stderr),
      });
      hold(
        (await blobNames(hns.container, `${at}/`)).length === 0,
        'lost',
        `hns delete ${i}: blobs left`,
      );
      for (const [n, d] of Object.entries(keep)) {
        const got = await blobOrNone(hns.container, n);
        hold(!!got?.equals(d), 'lost', `hns delete ${i}: sibling ${n} deleted`);
      }
    }
    expect(tally.notes.filter((n) => n.includes('hns delete'))).toEqual([]);
  });

  it(`HNS moves (one atomic rename): each file at its source or its destination, the rerun ends it (${plan.hnsMove} kills)`, async () => {
    for (let i = 0; i < plan.hnsMove; i++) {
      const folder: Record<string, Buffer> = {};
      for (let j = 0; j < 20; j++) folder[`f${j}.bin`] = randomBytes(1024 + j);
      let from = '';
      let to = '';
      const { finished } = await killAndRerun(hns, random, book, {
        scenario: 'hnsMove',
        label: `hns move ${i}`,
        prepare: async () => {
          from = `mv${i}-${randomBytes(3).toString('hex')}`;
          to = `${from}-moved`;
          for (const [n, d] of Object.entries(folder))
            await hns.container.getBlockBlobClient(`${from}/${n}`).uploadData(d);
          return ['mv', hns.url(from), hns.url(to)];
        },
        estimate: 6,
        afterKill: async () => {
          for (const [n, d] of Object.entries(folder)) {
            const got =
              (await blobOrNone(hns.container, `${from}/${n}`)) ??
              (await blobOrNone(hns.container, `${to}/${n}`));
            hold(got !== undefined, 'lost', `hns move ${i}: ${n} lost by a killed move`);
            if (got) hold(got.equals(d), 'corrupted', `hns move ${i}: ${n} differs`);
          }
        },
      });
      if (!finished) continue;
      await allThere(hns, `${to}/`, folder, `hns move ${i}`);
      hold(
        (await blobNames(hns.container, `${from}/`)).length === 0,
        'lost',
        `hns move ${i}: source left`,
      );
    }
    expect(tally.notes.filter((n) => n.includes('hns move'))).toEqual([]);
  });
});
