import { randomUUID } from 'node:crypto';
import type { OperationKind, OperationProgressEvent } from '../../shared/contract/index.js';
import {
  getAccessControl,
  setAccessControl,
  updateAccessControlRecursive,
} from '../namespace/accessControl.js';
import { copyPaths } from '../namespace/copyPaths.js';
import { createDirectory } from '../namespace/createDirectory.js';
import { deletePaths } from '../namespace/deletePaths.js';
import { detectNamespace } from '../namespace/detectNamespace.js';
import { folderStats } from '../namespace/folderStats.js';
import type { NamespaceTarget } from '../namespace/namespaceTarget.js';
import { createOperationRunner, type OperationContext } from '../namespace/operationRunner.js';
import { pathProperties } from '../namespace/pathProperties.js';
import { renamePath } from '../namespace/renamePath.js';
import { resolvePathKind } from '../namespace/resolvePathKind.js';
import { openAccount, type AccountCredential } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith } from '../storage/toLakeError.js';
import type { CliIo } from './output.js';

/** Options the namespace commands read. */
export interface NamespaceCommandOptions {
  recursive: boolean;
  json: boolean;
  /** `acl set --recursive`: modify (merge, the default), remove or set. */
  mode: string;
  dryRun: boolean;
}

/** Opens the container a URL names and detects its account's namespace. Rejects with `InvalidInput` when the URL names no container. */
async function openTarget(
  location: BlobLocation,
  credential: AccountCredential,
): Promise<NamespaceTarget> {
  if (!location.container) {
    failWith('InvalidInput', 'The URL must name a container: …/<container>/<path>.');
  }
  const access = openAccount(credential);
  const { namespace } = await detectNamespace(access);
  return { access, container: location.container!, namespace };
}

/**
 * Runs `body` as an operation of `kind`; on a terminal its count so far is drawn on one
 * stderr line (ended when it finishes), elsewhere nothing is printed.
 */
async function withProgress<T>(
  io: CliIo,
  kind: OperationKind,
  title: string,
  body: (context: OperationContext) => Promise<T>,
): Promise<T> {
  let drawn = false;
  const runner = createOperationRunner((e: OperationProgressEvent) => {
    if (!io.stderrIsTTY || e.state !== 'running') return;
    io.stderr(`\r${title}: ${e.done}${e.total ? `/${e.total}` : ''}`);
    drawn = true;
  });
  try {
    return await runner.run(randomUUID(), kind, title, body);
  } finally {
    if (drawn) io.stderr('\n');
  }
}

const needPath = (location: BlobLocation, command: string): string =>
  location.path || failWith('InvalidInput', `${command} needs a path inside the container.`);

/** `lakeshore mkdir <url>`: a directory (HNS) or folder marker (flat). Rejects with `AlreadyExists`. */
export async function mkdirCommand(
  location: BlobLocation,
  credential: AccountCredential,
  io: CliIo,
) {
  const target = await openTarget(location, credential);
  await createDirectory(target, needPath(location, 'mkdir'));
  io.stdout(`Created ${location.container}/${location.path}/\n`);
}

/**
 * `lakeshore mv <src> <dst>`: rename or move within one container (atomic on HNS, copy then
 * delete per blob on flat). Rejects with `InvalidInput` when the URLs name different
 * containers or accounts, `AlreadyExists` when the destination exists.
 */
export async function mvCommand(
  source: BlobLocation,
  destination: BlobLocation,
  credential: AccountCredential,
  io: CliIo,
) {
  if (
    source.blobEndpoint !== destination.blobEndpoint ||
    source.container !== destination.container
  ) {
    failWith('InvalidInput', 'mv moves within one container; use cp to copy between containers.');
  }
  const target = await openTarget(source, credential);
  const ref = await resolvePathKind(target, needPath(source, 'mv'));
  const moved = await withProgress(io, 'rename', 'Moving', (c) =>
    renamePath(target, ref, needPath(destination, 'mv'), c),
  );
  io.stdout(
    `Moved ${source.path} to ${destination.path} (${moved} path${moved === 1 ? '' : 's'})\n`,
  );
}

/** `lakeshore rm <url> [--recursive]`: a file, or with --recursive a folder and everything below it. */
export async function rmCommand(
  location: BlobLocation,
  credential: AccountCredential,
  options: NamespaceCommandOptions,
  io: CliIo,
) {
  const target = await openTarget(location, credential);
  const ref = await resolvePathKind(target, needPath(location, 'rm'));
  if (ref.kind === 'directory' && !options.recursive) {
    failWith(
      'InvalidInput',
      `"${ref.path}" is a folder: pass --recursive to delete it and everything below it.`,
    );
  }
  const { deleted } = await withProgress(io, 'delete', 'Deleting', (c) =>
    deletePaths(target, [ref], c),
  );
  io.stdout(
    `Deleted ${ref.path}${ref.kind === 'directory' ? '/' : ''} (${deleted} path${deleted === 1 ? '' : 's'})\n`,
  );
}

/** `lakeshore stat <url> [--json]`: properties; for a folder also its recursive counts. */
export async function statCommand(
  location: BlobLocation,
  credential: AccountCredential,
  options: NamespaceCommandOptions,
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
  action: string,
  location: BlobLocation,
  aclText: string | undefined,
  credential: AccountCredential,
  options: NamespaceCommandOptions,
  io: CliIo,
) {
  const target = await openTarget(location, credential);
  if (action === 'get') {
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
  if (!aclText) failWith('InvalidInput', 'acl set needs the ACL, e.g. user:<object-id>:r-x');
  if (!options.recursive) {
    await setAccessControl(target, location.path, { acl: aclText! });
    io.stdout(`Set the ACL of ${location.path || '/'}\n`);
    return;
  }
  if (!['modify', 'remove', 'set'].includes(options.mode)) {
    failWith('InvalidInput', `--mode must be modify, remove or set, got "${options.mode}".`);
  }
  const summary = await withProgress(io, 'acl', options.dryRun ? 'Checking' : 'Updating', (c) =>
    updateAccessControlRecursive(
      target,
      location.path,
      { mode: options.mode as 'modify' | 'remove' | 'set', acl: aclText!, dryRun: options.dryRun },
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

/**
 * `lakeshore cp <src-url> <dst-url> [--recursive]` between two blob URLs (any containers and
 * accounts): a server-side copy into the destination directory, keeping the source's name
 * (streamed through this process only when the destination cannot read the source). Never
 * replaces an existing blob. Rejects with `InvalidInput` for a folder without --recursive,
 * `AlreadyExists` when a destination blob exists, `NotFound` for a missing source.
 */
export async function remoteCopyCommand(
  source: BlobLocation,
  destination: BlobLocation,
  credentials: { source: AccountCredential; destination: AccountCredential },
  options: NamespaceCommandOptions,
  io: CliIo,
) {
  const from = await openTarget(source, credentials.source);
  const to = await openTarget(destination, credentials.destination);
  const ref = await resolvePathKind(from, needPath(source, 'cp'));
  if (ref.kind === 'directory' && !options.recursive) {
    failWith('InvalidInput', `"${ref.path}" is a folder: add --recursive.`);
  }
  const started = performance.now();
  const { copied, bytes } = await withProgress(io, 'copy', 'Copying', (c) =>
    copyPaths(from, [ref], { ...to, directory: destination.path }, c),
  );
  const seconds = (performance.now() - started) / 1000;
  if (options.json) io.stdout(`${JSON.stringify({ copied, bytes, seconds })}\n`);
  else
    io.stdout(
      `Copied ${copied} blob${copied === 1 ? '' : 's'}, ${bytes} bytes in ${seconds.toFixed(1)} s\n`,
    );
}
