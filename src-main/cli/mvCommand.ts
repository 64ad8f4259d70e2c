import type { CliCredential } from './cliCredential.js';
import { renamePath } from '../namespace/renamePath.js';
import { resolvePathKind } from '../namespace/resolvePathKind.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import type { CliIo } from './output.js';
import { openTarget, withProgress, needPath } from './openTarget.js';
import { pathsAt, printDryRun, plural, type ChangeOptions } from './dryRun.js';

/**
 * `lakeshore mv <src> <dst>`: rename or move within one container (atomic on HNS, copy then
 * delete per blob on flat); with `dryRun` it checks the source and that the destination is
 * free, prints what would move, and changes nothing. Rejects with `InvalidInput` when the
 * URLs name different containers or accounts, `AlreadyExists` when the destination exists,
 * `NotFound` for a missing source.
 */
export async function mvCommand(
  source: BlobLocation,
  destination: BlobLocation,
  credential: CliCredential,
  options: ChangeOptions,
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
  const to = needPath(destination, 'mv');
  if (options.dryRun) {
    const taken = await resolvePathKind(target, to).then(
      () => true,
      (e: unknown) => (toLakeError(e).code === 'NotFound' ? false : Promise.reject(e)),
    );
    if (taken)
      failWith(
        'AlreadyExists',
        `"${to}" already exists in container "${target.container}"; mv never replaces it.`,
      );
    printDryRun(io, `move to ${to}:`, await pathsAt(target, ref), options.json, {
      from: ref.path,
      to,
    });
    return;
  }
  const moved = await withProgress(io, 'rename', 'Moving', (c) => renamePath(target, ref, to, c));
  if (options.json) io.stdout(`${JSON.stringify({ moved: ref.path, to, paths: moved })}\n`);
  else io.stdout(`Moved ${ref.path} to ${to} (${plural(moved, 'path')})\n`);
}
