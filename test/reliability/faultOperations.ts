// The operations the fault suite runs through Lakeshore's service, each with how to check it.
import type { ContainerClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type {
  LakeError,
  PathPage,
  Preview,
  Result,
  TransferJobSummary,
} from '../../shared/contract/index.js';
import { jobError, tempFolder, type ServiceHarness } from './serviceHarness.js';

/** What an operation's outcome says about the data: `ok`, or what is wrong. */
export type Check = { ok: true } | { ok: false; lost?: string; corrupted?: string };

/** One operation: run through Lakeshore, then checked on success or on a failure. */
export interface FaultOperation {
  name: string;
  /** Resolves to the call's error, or `undefined` when it succeeded. */
  run(): Promise<LakeError | undefined>;
  /** After success: the effect is exactly what was asked. */
  checkDone(): Promise<Check>;
  /** After a failure: nothing was lost or corrupted (the source intact, no partial target). */
  checkFailed(): Promise<Check>;
}

/** What the operations work on. */
export interface FaultContext {
  harness: ServiceHarness;
  connectionId: string;
  /** The container as seen directly, not through the proxy: the checks' view of the truth. */
  direct: ContainerClient;
}

const ok: Check = { ok: true };
const good = (cond: boolean, what: string, kind: 'lost' | 'corrupted' = 'lost'): Check =>
  cond ? ok : { ok: false, [kind]: what };
const all = (checks: Check[]): Check => checks.find((c) => !c.ok) ?? ok;

/** The bytes of a blob read directly, or `undefined` when it does not exist. */
export async function blobOrNone(c: ContainerClient, name: string): Promise<Buffer | undefined> {
  try {
    return await c.getBlockBlobClient(name).downloadToBuffer();
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return undefined;
    throw e;
  }
}

/** Names of the blobs under `prefix` (folder markers left out). */
export async function blobNames(c: ContainerClient, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const b of c.listBlobsFlat({ prefix, includeMetadata: true })) {
    if (b.metadata?.hdi_isfolder !== 'true') out.push(b.name);
  }
  return out.sort();
}

const sameBlob = async (c: ContainerClient, name: string, want: Buffer): Promise<Check> => {
  const got = await blobOrNone(c, name);
  if (!got) return { ok: false, lost: `${name} missing` };
  return good(got.equals(want), `${name} differs`, 'corrupted');
};

const sameFile = (file: string, want: Buffer): Check => {
  if (!existsSync(file)) return { ok: false, lost: `${file} missing` };
  return good(readFileSync(file).equals(want), `${file} differs`, 'corrupted');
};

/** A local file is either absent or whole: never half-written under its final name. */
const fileAbsentOrWhole = (file: string, want: Buffer): Check =>
  existsSync(file)
    ? good(readFileSync(file).equals(want), `${file} half-written`, 'corrupted')
    : ok;

/** A blob is either absent or whole: never half-committed. */
const blobAbsentOrWhole = async (
  c: ContainerClient,
  name: string,
  want: Buffer,
): Promise<Check> => {
  const got = await blobOrNone(c, name);
  return got ? good(got.equals(want), `${name} half-committed`, 'corrupted') : ok;
};

const seedBlobs = async (c: ContainerClient, files: Record<string, Buffer>) => {
  for (const [name, data] of Object.entries(files)) {
    await c.getBlockBlobClient(name).uploadData(data);
  }
};

const transferError = async (
  h: ServiceHarness,
  call: Promise<Result<unknown>>,
): Promise<LakeError | undefined> => {
  const r = await call;
  if (!r.ok) return r.error;
  const jobs = await h.waitForJobs((r.value as { jobIds: string[] }).jobIds);
  if (!jobs) return { code: 'Unknown', message: 'transfer did not end within 120 s' };
  const failed = jobs.find((j: TransferJobSummary) => j.state.kind !== 'completed');
  return failed ? (jobError(failed) ?? { code: 'Unknown', message: failed.state.kind }) : undefined;
};

const callError = async (call: Promise<Result<unknown>>) => {
  const r = await call;
  return r.ok ? undefined : r.error;
};

const opId = () => `op-${randomBytes(6).toString('hex')}`;

/** The seeded folder every round lists, previews, downloads and copies; seed it once. */
export const seedFiles: Record<string, Buffer> = {
  'seed/people.csv': Buffer.from('name,age\nAda,36\nLinus,54\nGrace,85\n'),
  'seed/big.bin': randomBytes(1536 * 1024),
  'seed/notes.txt': Buffer.from('hello\n'),
  'seed/deep/inner.json': Buffer.from('{"a":1}'),
};

/** Writes the seeded folder directly into the container. */
export const seedContainer = (c: ContainerClient): Promise<void> => seedBlobs(c, seedFiles);

/** The operations of round `r`: list, preview, upload (file, folder), download (file, folder), rename (file, folder), copy, delete. */
export function roundOperations(ctx: FaultContext, r: number): FaultOperation[] {
  const { harness: h, connectionId, direct: c } = ctx;
  const container = c.containerName;
  const { service } = h;
  const base = { connectionId, container };
  const upDir = tempFolder(`up${r}`);
  const upFile = path.join(upDir, `file${r}.bin`);
  const upBytes = randomBytes(1200 * 1024 + r);
  writeFileSync(upFile, upBytes);
  const setDir = path.join(upDir, `set${r}`);
  const setFiles: Record<string, Buffer> = {
    'a.txt': randomBytes(100),
    'b/c.bin': randomBytes(700 * 1024),
  };
  for (let i = 0; i < 4; i++) setFiles[`s${i}.txt`] = randomBytes(10 + i);
  for (const [rel, data] of Object.entries(setFiles)) {
    mkdirSync(path.dirname(path.join(setDir, rel)), { recursive: true });
    writeFileSync(path.join(setDir, rel), data);
  }
  const downDir = tempFolder(`down${r}`);
  const mvFile = { [`mv${r}/src.bin`]: randomBytes(300 * 1024) };
  const mvDir: Record<string, Buffer> = {};
  for (let i = 0; i < 3; i++) mvDir[`mvd${r}/f${i}.bin`] = randomBytes(20_000 + i);
  const delDir: Record<string, Buffer> = {};
  for (let i = 0; i < 4; i++) delDir[`del${r}/f${i}.txt`] = randomBytes(50 + i);
  const seedNames = Object.keys(seedFiles);
  const seedIntact = async () =>
    all(await Promise.all(seedNames.map((n) => sameBlob(c, n, seedFiles[n]!))));

  return [
    {
      name: 'list',
      run: async () => callError(service.dispatch('paths.list', { ...base, directory: 'seed' })),
      checkDone: async () => {
        const r2 = await service.dispatch('paths.list', { ...base, directory: 'seed' });
        const names = r2.ok ? (r2.value as PathPage).entries.map((e) => e.name).sort() : [];
        return good(
          names.join() === 'big.bin,deep,notes.txt,people.csv',
          `listing ${names.join()}`,
        );
      },
      checkFailed: async () => ok,
    },
    ((): FaultOperation => {
      let preview: Result<unknown> | undefined;
      return {
        name: 'preview',
        run: async () => {
          preview = await service.dispatch('paths.preview', { ...base, path: 'seed/people.csv' });
          return preview.ok ? undefined : preview.error;
        },
        checkDone: async () => {
          const p = (preview as { value: Preview }).value;
          const rows = p.kind === 'table' ? JSON.stringify(p.rows) : p.kind;
          return good(
            rows === '[["Ada","36"],["Linus","54"],["Grace","85"]]',
            `preview ${rows}`,
            'corrupted',
          );
        },
        checkFailed: async () => ok,
      };
    })(),
    {
      name: 'upload file',
      run: () =>
        transferError(
          h,
          service.dispatch('transfers.enqueueUpload', {
            ...base,
            remoteDirectory: `up${r}`,
            localPaths: [upFile],
            conflict: 'overwrite',
          }),
        ),
      checkDone: () => sameBlob(c, `up${r}/file${r}.bin`, upBytes),
      checkFailed: () => blobAbsentOrWhole(c, `up${r}/file${r}.bin`, upBytes),
    },
    {
      name: 'upload folder',
      run: () =>
        transferError(
          h,
          service.dispatch('transfers.enqueueUpload', {
            ...base,
            remoteDirectory: 'sets',
            localPaths: [setDir],
            conflict: 'overwrite',
          }),
        ),
      checkDone: async () =>
        all(
          await Promise.all(
            Object.entries(setFiles).map(([rel, d]) => sameBlob(c, `sets/set${r}/${rel}`, d)),
          ),
        ),
      checkFailed: async () =>
        all(
          await Promise.all(
            Object.entries(setFiles).map(([rel, d]) =>
              blobAbsentOrWhole(c, `sets/set${r}/${rel}`, d),
            ),
          ),
        ),
    },
    {
      name: 'download file',
      run: () =>
        transferError(
          h,
          service.dispatch('transfers.enqueueDownload', {
            ...base,
            remotePaths: [{ path: 'seed/big.bin', kind: 'file' }],
            localDirectory: downDir,
            conflict: 'overwrite',
          }),
        ),
      checkDone: async () => sameFile(path.join(downDir, 'big.bin'), seedFiles['seed/big.bin']!),
      checkFailed: async () =>
        fileAbsentOrWhole(path.join(downDir, 'big.bin'), seedFiles['seed/big.bin']!),
    },
    {
      name: 'download folder',
      run: () =>
        transferError(
          h,
          service.dispatch('transfers.enqueueDownload', {
            ...base,
            remotePaths: [{ path: 'seed', kind: 'directory' }],
            localDirectory: downDir,
            conflict: 'overwrite',
          }),
        ),
      checkDone: async () =>
        all(seedNames.map((n) => sameFile(path.join(downDir, n), seedFiles[n]!))),
      checkFailed: async () =>
        all(seedNames.map((n) => fileAbsentOrWhole(path.join(downDir, n), seedFiles[n]!))),
    },
    {
      name: 'rename file',
      run: async () => {
        await seedBlobs(c, mvFile);
        return callError(
          service.dispatch('paths.rename', {
            ...base,
            source: { path: `mv${r}/src.bin`, kind: 'file' },
            destination: `mv${r}/dst.bin`,
            operationId: opId(),
          }),
        );
      },
      checkDone: async () =>
        all([
          await sameBlob(c, `mv${r}/dst.bin`, mvFile[`mv${r}/src.bin`]!),
          good(
            (await blobOrNone(c, `mv${r}/src.bin`)) === undefined,
            `mv${r}/src.bin still there after a move`,
          ),
        ]),
      checkFailed: async () => {
        const want = mvFile[`mv${r}/src.bin`]!;
        const [src, dst] = [
          await blobOrNone(c, `mv${r}/src.bin`),
          await blobOrNone(c, `mv${r}/dst.bin`),
        ];
        if (!src && !dst) return { ok: false, lost: `mv${r}/src.bin lost by a failed move` };
        return all([
          src ? good(src.equals(want), `mv${r}/src.bin differs`, 'corrupted') : ok,
          dst ? good(dst.equals(want), `mv${r}/dst.bin differs`, 'corrupted') : ok,
        ]);
      },
    },
    {
      name: 'rename folder',
      run: async () => {
        await seedBlobs(c, mvDir);
        return callError(
          service.dispatch('paths.rename', {
            ...base,
            source: { path: `mvd${r}`, kind: 'directory' },
            destination: `moved${r}`,
            operationId: opId(),
          }),
        );
      },
      checkDone: async () =>
        all([
          ...(await Promise.all(
            Object.entries(mvDir).map(([n, d]) =>
              sameBlob(c, n.replace(`mvd${r}/`, `moved${r}/`), d),
            ),
          )),
          good((await blobNames(c, `mvd${r}/`)).length === 0, `mvd${r}/ not empty after a move`),
        ]),
      checkFailed: async () => {
        const checks: Check[] = [];
        for (const [n, d] of Object.entries(mvDir)) {
          const [src, dst] = [
            await blobOrNone(c, n),
            await blobOrNone(c, n.replace(`mvd${r}/`, `moved${r}/`)),
          ];
          if (!src && !dst) checks.push({ ok: false, lost: `${n} lost by a failed move` });
          else if (!(src ?? dst)!.equals(d)) checks.push({ ok: false, corrupted: `${n} differs` });
        }
        return all(checks);
      },
    },
    {
      name: 'copy folder',
      run: () =>
        callError(
          service.dispatch('paths.copy', {
            source: { ...base, paths: [{ path: 'seed', kind: 'directory' }] },
            destination: { ...base, directory: `copies/c${r}` },
            existing: r % 2 === 1 ? 'fail' : 'overwrite',
            operationId: opId(),
          }),
        ),
      checkDone: async () =>
        all([
          ...(await Promise.all(
            seedNames.map((n) => sameBlob(c, `copies/c${r}/${n}`, seedFiles[n]!)),
          )),
          await seedIntact(),
        ]),
      checkFailed: async () =>
        all([
          ...(await Promise.all(
            seedNames.map((n) => blobAbsentOrWhole(c, `copies/c${r}/${n}`, seedFiles[n]!)),
          )),
          await seedIntact(),
        ]),
    },
    {
      name: 'delete folder',
      run: async () => {
        await seedBlobs(c, delDir);
        return callError(
          service.dispatch('paths.delete', {
            ...base,
            paths: [{ path: `del${r}`, kind: 'directory' }],
            operationId: opId(),
          }),
        );
      },
      checkDone: async () =>
        good((await blobNames(c, `del${r}/`)).length === 0, `del${r}/ not empty after delete`),
      checkFailed: async () => {
        const left = await blobNames(c, `del${r}/`);
        return all(await Promise.all(left.map((n) => sameBlob(c, n, delDir[n]!))));
      },
    },
  ];
}
