// The writes the lost-answer suite adds to the fault suite's round: conditional and staged
// uploads, folders, properties, ACLs and containers, each with how to check it.
import { ContainerClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type {
  AccessControl,
  LakeError,
  Result,
  TransferJobSummary,
} from '../../shared/contract/index.js';
import {
  blobOrNone,
  type Check,
  type FaultContext,
  type FaultOperation,
} from './faultOperations.js';
import { jobError, tempFolder } from './serviceHarness.js';

const ok: Check = { ok: true };
const good = (cond: boolean, what: string, kind: 'lost' | 'corrupted' = 'lost'): Check =>
  cond ? ok : { ok: false, [kind]: what };
const callError = async (call: Promise<Result<unknown>>): Promise<LakeError | undefined> => {
  const r = await call;
  return r.ok ? undefined : r.error;
};
const opId = () => `op-${randomBytes(6).toString('hex')}`;

/** An upload of one local file through the transfer engine, waited for. */
async function upload(
  ctx: FaultContext,
  file: string,
  remoteDirectory: string,
  conflict: 'overwrite' | 'skip',
): Promise<LakeError | undefined> {
  const { harness: h, connectionId, direct } = ctx;
  const r = await h.service.dispatch('transfers.enqueueUpload', {
    connectionId,
    container: direct.containerName,
    remoteDirectory,
    localPaths: [file],
    conflict,
  });
  if (!r.ok) return r.error;
  const jobs = await h.waitForJobs((r.value as { jobIds: string[] }).jobIds);
  if (!jobs) return { code: 'Unknown', message: 'transfer did not end within 120 s' };
  const failed = jobs.find((j: TransferJobSummary) => j.state.kind !== 'completed');
  return failed ? (jobError(failed) ?? { code: 'Unknown', message: failed.state.kind }) : undefined;
}

/** The file a staged upload writes: over one 8 MiB block, so Put Block and Put Block List. */
const stagedBytes = (r: number) => randomBytes(8 * 1024 * 1024 + 4096 + r);

/**
 * The writes of round `r` beyond `roundOperations`: a small and a staged file uploaded without
 * replacing (If-None-Match: *) and a staged one replacing, a folder made, a blob's content type
 * and metadata set, on HNS an ACL set and changed below a folder, and a container made and
 * deleted.
 */
export function writeOperations(
  ctx: FaultContext,
  r: number,
  namespace: 'flat' | 'hns',
): FaultOperation[] {
  const { harness: h, connectionId, direct: c } = ctx;
  const base = { connectionId, container: c.containerName };
  const dir = tempFolder(`w${r}`);
  const files = {
    small: { name: `small${r}.txt`, bytes: randomBytes(3000 + r), remote: `w${r}/new` },
    stagedNew: { name: `staged-new${r}.bin`, bytes: stagedBytes(r), remote: `w${r}/new` },
    stagedOver: { name: `staged-over${r}.bin`, bytes: stagedBytes(r + 1), remote: `w${r}/over` },
  };
  for (const f of Object.values(files)) writeFileSync(path.join(dir, f.name), f.bytes);
  const uploadOp = (
    label: string,
    f: (typeof files)[keyof typeof files],
    conflict: 'overwrite' | 'skip',
  ): FaultOperation => ({
    name: label,
    run: () => upload(ctx, path.join(dir, f.name), f.remote, conflict),
    checkDone: async () => {
      const got = await blobOrNone(c, `${f.remote}/${f.name}`);
      if (!got) return { ok: false, lost: `${f.remote}/${f.name} missing` };
      return good(got.equals(f.bytes), `${f.remote}/${f.name} differs`, 'corrupted');
    },
    checkFailed: async () => {
      const got = await blobOrNone(c, `${f.remote}/${f.name}`);
      return got ? good(got.equals(f.bytes), `${f.name} half-committed`, 'corrupted') : ok;
    },
  });
  const propsBlob = `props${r}.txt`;
  const containerName = `${c.containerName.slice(0, 40)}-made${r}`;
  const aclDir = `acl${r}`;
  const aclOf = async (p: string) => {
    const got = await h.service.dispatch('paths.getAccessControl', { ...base, path: p });
    return got.ok ? (got.value as AccessControl) : undefined;
  };
  const has = (a: AccessControl | undefined, type: string, id: string, perms: string) =>
    a?.acl.some(
      (e) => e.scope === 'access' && e.type === type && e.id === id && e.permissions === perms,
    ) ?? false;
  const ops: FaultOperation[] = [
    uploadOp('upload small, not replacing', files.small, 'skip'),
    uploadOp('upload staged, not replacing', files.stagedNew, 'skip'),
    uploadOp('upload staged, replacing', files.stagedOver, 'overwrite'),
    {
      name: 'make folder',
      run: () =>
        callError(h.service.dispatch('paths.createDirectory', { ...base, path: `made${r}/sub` })),
      checkDone: async () => {
        const marker = await c
          .getBlobClient(`made${r}/sub`)
          .getProperties()
          .catch(() => undefined);
        return good(marker?.metadata?.hdi_isfolder === 'true', `made${r}/sub is not a folder`);
      },
      checkFailed: async () => ok,
    },
    {
      name: 'set properties',
      run: async () => {
        await c.getBlockBlobClient(propsBlob).upload('props', 5);
        return callError(
          h.service.dispatch('paths.setProperties', {
            ...base,
            path: propsBlob,
            contentType: 'text/csv',
            metadata: { round: String(r), owner: 'reliability' },
          }),
        );
      },
      checkDone: async () => {
        const p = await c.getBlobClient(propsBlob).getProperties();
        return good(
          p.contentType === 'text/csv' && p.metadata?.round === String(r),
          `${propsBlob} has ${p.contentType} ${JSON.stringify(p.metadata)}`,
        );
      },
      checkFailed: async () =>
        good((await blobOrNone(c, propsBlob))?.toString() === 'props', `${propsBlob} changed`),
    },
    {
      name: 'make and delete a container',
      run: async () => {
        const made = await callError(
          h.service.dispatch('containers.create', { connectionId, container: containerName }),
        );
        if (made) return made;
        return callError(
          h.service.dispatch('containers.delete', {
            connectionId,
            container: containerName,
            confirmName: containerName,
          }),
        );
      },
      checkDone: async () => {
        const other = new ContainerClient(
          c.url.replace(/\/[^/?]*(\?.*)?$/, `/${containerName}`),
          c.credential,
        );
        const gone = !(await other.exists());
        return good(gone, `${containerName} still there after delete`);
      },
      checkFailed: async () => ok,
    },
  ];
  if (namespace === 'hns') {
    ops.push(
      {
        name: 'set ACL',
        run: async () => {
          await c.getBlockBlobClient(`${aclDir}/a.txt`).upload('a', 1);
          return callError(
            h.service.dispatch('paths.setAccessControl', {
              ...base,
              path: aclDir,
              acl: 'user::rwx,group::r-x,other::---,user:reliability-reader:r-x',
            }),
          );
        },
        checkDone: async () =>
          good(
            has(await aclOf(aclDir), 'user', 'reliability-reader', 'r-x'),
            `${aclDir} ACL not set`,
          ),
        checkFailed: async () => ok,
      },
      {
        name: 'change ACLs below a folder',
        run: () =>
          callError(
            h.service.dispatch('paths.updateAccessControlRecursive', {
              ...base,
              path: aclDir,
              mode: 'modify',
              acl: 'user:reliability-writer:rwx',
              dryRun: false,
              operationId: opId(),
            }),
          ),
        checkDone: async () =>
          good(
            has(await aclOf(`${aclDir}/a.txt`), 'user', 'reliability-writer', 'rwx'),
            `${aclDir}/a.txt ACL not changed`,
          ),
        checkFailed: async () => ok,
      },
    );
  }
  return ops;
}
