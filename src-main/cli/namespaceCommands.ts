import type { CliCredential } from './cliCredential.js';
import {
  getAccessControl,
  setAccessControl,
  updateAccessControlRecursive,
} from '../namespace/accessControl.js';
import { createDirectory } from '../namespace/createDirectory.js';
import { folderStats } from '../namespace/folderStats.js';
import { pathProperties } from '../namespace/pathProperties.js';
import { resolvePathKind } from '../namespace/resolvePathKind.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import type { CliIo } from './output.js';
import { openTarget, withProgress, needPath } from './openTarget.js';

/** What `lakeshore acl` was asked: read a path's ACL, or set entries on it or (recursive) its tree. */
export type AclRequest =
  | { action: 'get'; json: boolean }
  | {
      action: 'set';
      acl: string;
      recursive: boolean;
      /** With `recursive`: modify (merge), remove or set (replace) entries. */
      mode: 'modify' | 'remove' | 'set';
      /** With `recursive`: count what would change and change nothing. */
      dryRun: boolean;
      json: boolean;
    };

/** `lakeshore mkdir <url>`: a directory (HNS) or folder marker (flat). Rejects with `AlreadyExists`. */
export async function mkdirCommand(location: BlobLocation, credential: CliCredential, io: CliIo) {
  const target = await openTarget(location, credential);
  await createDirectory(target, needPath(location, 'mkdir'));
  io.stdout(`Created ${location.container}/${location.path}/\n`);
}

/** `lakeshore stat <url> [--json]`: properties; for a folder also its recursive counts. */
export async function statCommand(
  location: BlobLocation,
  credential: CliCredential,
  options: { json: boolean },
  io: CliIo,
) {
  const target = await openTarget(location, credential);
  const ref = await resolvePathKind(target, location.path);
  const properties = ref.path === '' ? undefined : await pathProperties(target, ref);
  const stats =
    ref.kind === 'directory'
      ? await withProgress(io, 'count', 'Counting', (c) => folderStats(target, ref.path, c))
      : undefined;
  if (options.json) {
    io.stdout(
      `${JSON.stringify({ kind: ref.kind, path: ref.path, ...properties, ...(stats ? { stats } : {}) })}\n`,
    );
    return;
  }
  const lines: [string, unknown][] = [
    ['Path', ref.path || '/'],
    ['Kind', ref.kind],
    ['Namespace', target.namespace === 'hns' ? 'hierarchical (ADLS Gen2)' : 'flat (Blob)'],
  ];
  if (properties) {
    lines.push(
      ['Size', ref.kind === 'file' ? `${properties.size} bytes` : undefined],
      ['Content-Type', properties.contentType],
      ['Content-MD5', properties.contentMD5],
      ['ETag', properties.etag],
      ['Last-Modified', properties.lastModified],
      ['Access tier', properties.accessTier],
      ['Lease', properties.leaseState],
      ['Owner', properties.accessControl?.owner],
      ['Group', properties.accessControl?.group],
      ['Permissions', properties.accessControl?.permissions],
      ['URL', properties.url],
      ['abfss', properties.abfssPath],
      ...Object.entries(properties.metadata).map(([k, v]): [string, unknown] => [`meta ${k}`, v]),
    );
  }
  if (stats) {
    lines.push(['Files', stats.files], ['Folders', stats.directories], ['Bytes', stats.bytes]);
  }
  for (const [name, value] of lines) {
    if (value !== undefined && value !== '')
      io.stdout(`${`${name}:`.padEnd(15)} ${String(value)}\n`);
  }
}

/**
 * `lakeshore acl get <url>` and `lakeshore acl set <url> <acl> [--recursive [--mode
 * modify|remove|set] [--dry-run]]` (HNS only). Rejects with `InvalidInput` on flat accounts
 * or for ACL text that does not parse.
 */
export async function aclCommand(
  options: AclRequest,
  location: BlobLocation,
  credential: CliCredential,
  io: CliIo,
) {
  const target = await openTarget(location, credential);
  if (options.action === 'get') {
    const control = await getAccessControl(target, location.path);
    if (options.json) io.stdout(`${JSON.stringify(control)}\n`);
    else {
      io.stdout(
        `# owner: ${control.owner}\n# group: ${control.group}\n# permissions: ${control.permissions}\n`,
      );
      for (const e of control.acl) {
        io.stdout(
          `${e.scope === 'default' ? 'default:' : ''}${e.type}:${e.id}:${e.permissions ?? ''}\n`,
        );
      }
    }
    return;
  }
  const aclText = options.acl;
  if (!options.recursive) {
    await setAccessControl(target, location.path, { acl: aclText });
    io.stdout(`Set the ACL of ${location.path || '/'}\n`);
    return;
  }
  const summary = await withProgress(io, 'acl', options.dryRun ? 'Checking' : 'Updating', (c) =>
    updateAccessControlRecursive(
      target,
      location.path,
      { mode: options.mode, acl: aclText, dryRun: options.dryRun },
      c,
    ),
  );
  if (options.json) {
    io.stdout(`${JSON.stringify(summary)}\n`);
    return;
  }
  const verb = options.dryRun ? 'would change' : 'changed';
  io.stdout(
    `${summary.directories} folders and ${summary.files} files; ${summary.changed} ${verb}; ${summary.failures.length} failed\n`,
  );
  for (const e of summary.examples) io.stdout(`  ${e.path}: ${e.before} -> ${e.after}\n`);
  for (const f of summary.failures) io.stdout(`  failed ${f.path}: ${f.message}\n`);
}
