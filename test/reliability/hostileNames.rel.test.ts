// Blob names that break naive code: listed faithfully by the core and the CLI, and downloaded
// only inside the target with every rename and case collision reported.
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { PathPage, TransferJobSummary } from '../../shared/contract/index.js';
import { runCliCollecting } from '../support/cliRun.js';
import { relConnectionString } from './reliabilityGlobalSetup.js';
import { startServiceHarness, tempFolder, valueOf } from './serviceHarness.js';
import { newTally, writeTally } from './tally.js';

const long = `long/${'L'.repeat(1024 - 'long/'.length - 4)}.txt`;
/** Each hostile name and the trait it carries. */
const hostile: Record<string, string> = {
  'combining/e\u0301cole.txt': 'combining mark (NFD)',
  'combining/\u00e9cole.txt': 'precomposed (NFC), differs from the NFD name only in bytes',
  'rtl/invoice\u202Etxt.exe': 'right-to-left override',
  'emoji/\u{1F4E6} data \u{1F680}.csv': 'emoji',
  'percent/100%25 done.txt': 'percent-escape %25',
  'percent/a%2Fb.txt': 'percent-escaped slash',
  'percent/%20lead.txt': 'percent-escaped space',
  'dots/..': 'a segment of two dots',
  'dots/...txt': 'leading dots',
  'dots/a/../b.txt': 'a .. segment inside',
  'back\\slash.txt': 'backslash',
  'trail/dot.': 'trailing dot',
  'trail/space ': 'trailing space',
  [long]: '1,024 characters',
  'case/Report.csv': 'differs only in case (1)',
  'case/report.csv': 'differs only in case (2)',
  'case/REPORT.csv': 'differs only in case (3)',
  'ctrl/tab\tname.txt': 'control character',
};
const tally = newTally();
afterAll(() => writeTally('hostileNames', tally));

const record = (ok: boolean, what: string, kind: 'lost' | 'corrupted' = 'lost') => {
  tally.tried += 1;
  if (ok) tally.recovered += 1;
  else {
    tally[kind] += 1;
    tally.notes.push(`hostile names: ${what}`);
  }
};

describe('hostile blob names on a flat account', () => {
  it('are listed, printed and downloaded faithfully and safely', async () => {
    const name = inject('relAccountName');
    const key = inject('relAccountKey');
    const endpoint = inject('relFlatEndpoint');
    const connectionString = relConnectionString(name, key, endpoint);
    const container = new BlobServiceClient(
      endpoint,
      new StorageSharedKeyCredential(name, key),
    ).getContainerClient(`hostile-${randomBytes(4).toString('hex')}`);
    await container.create();
    for (const blob of Object.keys(hostile)) {
      const bytes = randomBytes(32);
      await container
        .getBlockBlobClient(blob)
        .uploadData(bytes)
        .catch((e: { statusCode?: number }) =>
          tally.notes.push(
            `hostile names: the service refused to store ${JSON.stringify(blob)} (${e.statusCode})`,
          ),
        );
    }
    // What the service stored (Azurite turns "\" into "/" and may normalise ".." away) is the
    // truth the listing must give back unchanged.
    const stored = new Map<string, Buffer>();
    for await (const b of container.listBlobsFlat()) {
      const found = await container
        .getBlobClient(b.name)
        .downloadToBuffer()
        .catch(() => undefined);
      stored.set(b.name, found ?? Buffer.alloc(0));
    }
    expect(stored.size).toBeGreaterThan(Object.keys(hostile).length - 3);

    const h = startServiceHarness('hostile');
    tally.secrets.push(key);
    tally.storedIn.push(h.dataDir, h.downloads);
    const connection = await h.addConnection(connectionString);
    const base = { connectionId: connection.id, container: container.containerName };
    const listed: string[] = [];
    const walk = async (directory: string) => {
      const page = valueOf<PathPage>(
        await h.service.dispatch('paths.list', { ...base, directory }),
      );
      for (const e of page.entries) {
        if (e.kind === 'directory') await walk(e.path);
        else listed.push(e.path);
      }
    };
    await walk('');
    for (const blob of stored.keys())
      record(listed.includes(blob), `listing lost ${JSON.stringify(blob)}`);
    record(
      listed.length === stored.size,
      `listing has ${listed.length} files, the service ${stored.size}`,
    );

    const cli = await runCliCollecting(
      ['ls', `${endpoint}/${container.containerName}`, '-r', '--json'],
      {
        AZURE_STORAGE_CONNECTION_STRING: connectionString,
        LAKESHORE_DATA_DIR: h.dataDir,
      },
    );
    expect(cli.code, cli.stderr).toBe(0);
    const printed = cli.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { path?: string; name?: string }).path ?? '');
    for (const blob of stored.keys())
      record(printed.includes(blob), `lakeshore ls --json lost ${JSON.stringify(blob)}`);
    const plain = await runCliCollecting(['ls', `${endpoint}/${container.containerName}/case`], {
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      LAKESHORE_DATA_DIR: h.dataDir,
    });
    for (const n of ['Report.csv', 'report.csv', 'REPORT.csv'])
      record(plain.stdout.includes(n), `lakeshore ls did not print ${n}`);

    const target = tempFolder('hostile-target');
    tally.storedIn.push(target);
    const enqueued = valueOf<{ jobIds: string[] }>(
      await h.service.dispatch('transfers.enqueueDownload', {
        ...base,
        remotePaths: [{ path: '', kind: 'directory' }],
        localDirectory: target,
        conflict: 'overwrite',
      }),
    );
    const [job] = (await h.waitForJobs(enqueued.jobIds)) as TransferJobSummary[];
    const real = realpathSync(target);
    const local = (readdirSync(target, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
    for (const file of local)
      record(realpathSync(file).startsWith(real + path.sep), `${file} written outside the target`);
    const rewrites = new Map(job!.rewrites.map((r) => [r.from, r]));
    const failed = new Set(job!.failures.map((f) => f.path));
    const root = path.join(target, container.containerName);
    for (const [blob, bytes] of stored) {
      if (failed.has(blob)) {
        tally.tried += 1;
        tally.failedCleanly += 1;
        tally.notes.push(
          `hostile names: ${JSON.stringify(blob)} reported failed: ${job!.failures.find((f) => f.path === blob)?.error.code}`,
        );
        continue;
      }
      const to = rewrites.get(blob)?.to;
      const file = to === undefined ? path.join(root, blob) : path.resolve(root, to);
      record(
        existsSync(file) && readFileSync(file).equals(bytes),
        `${JSON.stringify(blob)} not downloaded to ${file}`,
        'corrupted',
      );
    }
    const collisions = job!.rewrites.filter((r) => r.reason.startsWith('collides'));
    record(
      collisions.length >= 2,
      `case collisions reported: ${collisions.length} (want 2 of the 3 case/ names)`,
    );
    tally.notes.push(
      `hostile names: ${stored.size} stored, ${listed.length} listed, ${job!.rewrites.length} rewrites reported (${[...new Set(job!.rewrites.map((r) => r.reason))].join('; ')})`,
    );
    await h.service.dispose();
    expect(
      tally.notes.filter((n) => /lost|outside|not downloaded|collisions reported: [01] /.test(n)),
    ).toEqual([]);
  });
});
