import type { DataLakeFileSystemClient, PathAccessControlItem } from '@azure/storage-file-datalake';
import type { AccessControl, AclChangeSummary, AclEntry } from '../../shared/contract/index.js';
import { failWith } from '../storage/toLakeError.js';
import { runPool } from '../platform/runPool.js';
import { applyAclChange, formatAcl, parseAcl } from './aclText.js';
import type { OperationContext } from './operationRunner.js';
import type { NamespaceTarget } from './namespaceTarget.js';
import { walkTree } from './walkTree.js';

/** Refuses ACL calls on flat accounts, which have no ACLs. Throws `InvalidInput`. */
export function requireHns(target: NamespaceTarget): DataLakeFileSystemClient {
  if (target.namespace !== 'hns') {
    failWith(
      'InvalidInput',
      'This account has no hierarchical namespace, so it has no ACLs; access is managed with Azure RBAC or SAS.',
    );
  }
  return target.access.fileSystem(target.container);
}

/** An entry in the SDK's shape (`PathAccessControlItem`). */
const toSdkEntry = (e: AclEntry): PathAccessControlItem => ({
  defaultScope: e.scope === 'default',
  accessControlType: e.type,
  entityId: e.id,
  permissions: {
    read: e.permissions?.[0] === 'r',
    write: e.permissions?.[1] === 'w',
    execute: e.permissions?.[2] === 'x',
  },
});

const pathClient = (fileSystem: DataLakeFileSystemClient, path: string) =>
  fileSystem.getDirectoryClient(path);

/**
 * Owner, owning group, permissions and ACL of `path` (`''` = the filesystem root) through
 * DFS Get Properties `action=getAccessControl`
 * (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/get-properties).
 * Rejects with `InvalidInput` on a flat account, `NotFound`, `PermissionDenied`.
 */
export async function getAccessControl(
  target: NamespaceTarget,
  path: string,
  abortSignal?: AbortSignal,
): Promise<AccessControl> {
  const fileSystem = requireHns(target);
  const raw = await pathClient(fileSystem, path).getAccessControl({
    ...(abortSignal ? { abortSignal } : {}),
  });
  return {
    owner: raw.owner ?? '',
    group: raw.group ?? '',
    permissions: raw.permissions ? permissionsText(raw.permissions) : '',
    acl: raw.acl.map((e): AclEntry => ({
      scope: e.defaultScope ? 'default' : 'access',
      type: e.accessControlType,
      id: e.entityId,
      permissions: `${e.permissions.read ? 'r' : '-'}${e.permissions.write ? 'w' : '-'}${e.permissions.execute ? 'x' : '-'}`,
    })),
  };
}

const permissionsText = (p: {
  owner: { read: boolean; write: boolean; execute: boolean };
  group: { read: boolean; write: boolean; execute: boolean };
  other: { read: boolean; write: boolean; execute: boolean };
  stickyBit: boolean;
  extendedAcls: boolean;
}): string => {
  const rwx = (r: { read: boolean; write: boolean; execute: boolean }, sticky = false) =>
    `${r.read ? 'r' : '-'}${r.write ? 'w' : '-'}${sticky ? (r.execute ? 't' : 'T') : r.execute ? 'x' : '-'}`;
  return `${rwx(p.owner)}${rwx(p.group)}${rwx(p.other, p.stickyBit)}${p.extendedAcls ? '+' : ''}`;
};

/**
 * Sets owner and/or group (DFS Update Path `setAccessControl` with x-ms-owner/x-ms-group)
 * and/or the whole ACL of one path (x-ms-acl), each validated before any request.
 * Rejects with `InvalidInput` (flat account, ACL text that does not parse), `NotFound`,
 * `PermissionDenied`.
 */
export async function setAccessControl(
  target: NamespaceTarget,
  path: string,
  change: { owner?: string; group?: string; acl?: string },
): Promise<void> {
  const fileSystem = requireHns(target);
  const client = pathClient(fileSystem, path);
  if (change.acl !== undefined) {
    const entries = parseAcl(change.acl);
    await client.setAccessControl(entries.map(toSdkEntry), {
      ...(change.owner ? { owner: change.owner } : {}),
      ...(change.group ? { group: change.group } : {}),
    });
    return;
  }
  if (change.owner === undefined && change.group === undefined) {
    failWith('InvalidInput', 'Nothing to change: give an owner, a group or an ACL.');
  }
  await client.setAccessControl([], {
    ...(change.owner ? { owner: change.owner } : {}),
    ...(change.group ? { group: change.group } : {}),
  });
}

/**
 * Applies an ACL change to `directory` and everything below it, or in a dry run only
 * computes it. `modify` (merge: update and add the named entries, keep the rest) and
 * `remove` (drop the named entries) leave entries that exist only on some children in
 * place — unlike `set`, which replaces each ACL. The change itself is DFS Set Access Control
 * Recursive (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update,
 * `mode=modify|remove|set`), which pages through the tree with continuation tokens and keeps
 * going past per-path failures (`forceFlag`). The dry run walks the tree, reads each ACL and
 * compares it with the result of the change (`changed`, up to 20 examples).
 * Rejects with `InvalidInput` (flat account, ACL text that does not parse), `Cancelled`.
 */
export async function updateAccessControlRecursive(
  target: NamespaceTarget,
  directory: string,
  request: { mode: 'modify' | 'remove' | 'set'; acl: string; dryRun: boolean },
  context: OperationContext,
): Promise<AclChangeSummary> {
  const fileSystem = requireHns(target);
  const changes = parseAcl(request.acl, { forRemoval: request.mode === 'remove' });
  const summary: AclChangeSummary = {
    directories: 0,
    files: 0,
    changed: 0,
    failures: [],
    examples: [],
  };
  if (request.dryRun) {
    return dryRun(target, directory, changes, request.mode, summary, context);
  }
  const client = pathClient(fileSystem, directory);
  const options = {
    abortSignal: context.signal,
    continueOnFailure: true,
    batchSize: 2000,
    onProgress: (progress: {
      batchCounters: {
        changedDirectoriesCount: number;
        changedFilesCount: number;
        failedChangesCount: number;
      };
      batchFailures: { name: string; message: string }[];
    }) => {
      const c = progress.batchCounters;
      summary.directories += c.changedDirectoriesCount;
      summary.files += c.changedFilesCount;
      summary.changed += c.changedDirectoriesCount + c.changedFilesCount;
      for (const f of progress.batchFailures)
        summary.failures.push({ path: f.name, message: f.message });
      context.advance({
        done: c.changedDirectoriesCount + c.changedFilesCount,
        failures: c.failedChangesCount,
      });
    },
  };
  if (request.mode === 'remove') {
    await client.removeAccessControlRecursive(
      changes.map((e) => ({
        defaultScope: e.scope === 'default',
        accessControlType: e.type,
        entityId: e.id,
      })),
      options,
    );
  } else if (request.mode === 'modify') {
    await client.updateAccessControlRecursive(changes.map(toSdkEntry), options);
  } else {
    await client.setAccessControlRecursive(changes.map(toSdkEntry), options);
  }
  return summary;
}

async function dryRun(
  target: NamespaceTarget,
  directory: string,
  changes: AclEntry[],
  mode: 'modify' | 'remove' | 'set',
  summary: AclChangeSummary,
  context: OperationContext,
): Promise<AclChangeSummary> {
  const paths: { path: string; isDirectory: boolean }[] = [{ path: directory, isDirectory: true }];
  for await (const entry of walkTree(target, directory, context.signal)) {
    paths.push({ path: entry.path, isDirectory: entry.kind === 'directory' });
  }
  context.advance({ total: paths.length });
  await runPool(paths, 8, async ({ path, isDirectory }) => {
    context.signal.throwIfAborted();
    try {
      const current = (await getAccessControl(target, path, context.signal)).acl;
      const before = formatAcl(current);
      const after = formatAcl(applyAclChange(current, changes, mode, isDirectory));
      if (isDirectory) summary.directories += 1;
      else summary.files += 1;
      if (before !== after) {
        summary.changed += 1;
        if (summary.examples.length < 20) summary.examples.push({ path, before, after });
      }
      context.advance({ done: 1 });
    } catch (e) {
      summary.failures.push({ path, message: (e as Error).message });
      context.advance({ failures: 1 });
    }
  });
  return summary;
}
