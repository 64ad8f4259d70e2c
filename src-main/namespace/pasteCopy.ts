import type { PathRef } from '../../shared/contract/index.js';
import { LakeFailure } from '../storage/toLakeError.js';
import { numberedName } from '../transfers/safeLocalPath.js';
import { copyPaths, type ExistingBlobPolicy } from './copyPaths.js';
import type { OperationContext } from './operationRunner.js';
import type { NamespaceTarget } from './namespaceTarget.js';

/** What a paste does with a name that exists in the destination: `ExistingBlobPolicy`, or `rename` (Keep both). */
export type PastePolicy = ExistingBlobPolicy | 'rename';

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const inside = (directory: string, name: string) =>
  directory === '' ? name : `${directory}/${name}`;

/** Whether `path` exists in `target`'s container: a blob of that name (a file, a folder marker) or anything below it. */
async function pathExists(target: NamespaceTarget, path: string): Promise<boolean> {
  const container = target.access.container(target.container);
  if (await container.getBlobClient(path).exists()) return true;
  const page = await container
    .listBlobsFlat({ prefix: `${path}/` })
    .byPage({ maxPageSize: 1 })
    .next();
  return !page.done && page.value.segment.blobItems.length > 0;
}

/** The names of `paths` that exist already in `destination`'s directory (each item keeps its name there). */
export async function namesInTheWay(
  paths: readonly PathRef[],
  destination: NamespaceTarget & { directory: string },
): Promise<string[]> {
  const names = paths.map((p) => baseName(p.path));
  const found = await Promise.all(
    names.map((n) => pathExists(destination, inside(destination.directory, n))),
  );
  return names.filter((_, i) => found[i]);
}

/**
 * Refuses a paste whose items meet existing names, before anything is copied:
 * `AlreadyExists` naming them (`“a.csv” already exists in samples/raw.`).
 */
export async function refuseNamesInTheWay(
  paths: readonly PathRef[],
  destination: NamespaceTarget & { directory: string },
): Promise<void> {
  const names = await namesInTheWay(paths, destination);
  if (names.length === 0) return;
  const where =
    destination.directory === ''
      ? destination.container
      : `${destination.container}/${destination.directory}`;
  const list = names.map((n) => `“${n}”`).join(', ');
  throw new LakeFailure({
    code: 'AlreadyExists',
    message: `${list} already ${names.length === 1 ? 'exists' : 'exist'} in ${where}.`,
  });
}

/**
 * A paste's copy (`copyPaths`) under a policy for names that exist: `fail`, `skip` and
 * `overwrite` as `copyPaths` takes them (per blob: a folder pasted onto a folder merges);
 * `rename` copies each item whose name exists under the first free "name (1).ext",
 * "name (2).ext"… (folders "name (1)"), the others under their own names.
 */
export async function pasteCopy(
  source: NamespaceTarget,
  paths: readonly PathRef[],
  destination: NamespaceTarget & { directory: string },
  context: OperationContext,
  options: { keepAcls: boolean; existing: PastePolicy },
): Promise<{ copied: number; bytes: number; skipped: number }> {
  if (options.existing !== 'rename') {
    return copyPaths(source, paths, destination, context, {
      keepAcls: options.keepAcls,
      existing: options.existing,
    });
  }
  const totals = { copied: 0, bytes: 0, skipped: 0 };
  const taken = new Set<string>();
  for (const ref of paths) {
    const own = baseName(ref.path);
    let name = own;
    for (
      let n = 1;
      taken.has(name) || (await pathExists(destination, inside(destination.directory, name)));
      n++
    ) {
      name = ref.kind === 'file' ? numberedName(own, n) : `${own} (${n})`;
    }
    taken.add(name);
    const done = await copyPaths(source, [ref], destination, context, {
      keepAcls: options.keepAcls,
      targetName: name,
    });
    totals.copied += done.copied;
    totals.bytes += done.bytes;
    totals.skipped += done.skipped;
  }
  return totals;
}
