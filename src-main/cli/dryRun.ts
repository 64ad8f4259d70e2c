import type { PathEntry, PathRef } from '../../shared/contract/index.js';
import type { NamespaceTarget } from '../namespace/namespaceTarget.js';
import { lastSegment } from '../storage/blobEntry.js';
import { listRecursive } from '../storage/listRecursive.js';
import type { CliIo } from './output.js';

/** What `mv` and `rm` read besides the URL. */
export interface ChangeOptions {
  /** Print what would change and change nothing. */
  dryRun: boolean;
  json: boolean;
}

/** The paths at and below `ref` (the folder's own marker included when listed), for a dry run. */
export async function pathsAt(target: NamespaceTarget, ref: PathRef): Promise<PathEntry[]> {
  if (ref.kind === 'file') {
    const props = await target.access
      .container(target.container)
      .getBlobClient(ref.path)
      .getProperties();
    return [
      {
        kind: 'file',
        name: lastSegment(ref.path),
        path: ref.path,
        size: props.contentLength ?? 0,
        lastModified: (props.lastModified ?? new Date(0)).toISOString(),
      },
    ];
  }
  const below: PathEntry[] = [];
  for await (const entry of listRecursive(target.access.container(target.container), ref.path))
    below.push(entry);
  return below;
}

export const plural = (n: number, word: string) =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Prints a dry run's paths (text: one `would <verb>` line each and a total; JSON: one object). */
export function printDryRun(
  io: CliIo,
  verb: string,
  entries: PathEntry[],
  json: boolean,
  extra: Record<string, unknown> = {},
) {
  const files = entries.filter((e) => e.kind === 'file');
  const bytes = files.reduce((n, e) => n + (e.kind === 'file' ? e.size : 0), 0);
  if (json) {
    io.stdout(
      `${JSON.stringify({ dryRun: true, action: verb, ...extra, files: files.length, bytes, paths: entries.map((e) => e.path) })}\n`,
    );
    return;
  }
  for (const e of entries)
    io.stdout(`would ${verb} ${e.path}${e.kind === 'directory' ? '/' : ''}\n`);
  io.stdout(
    `Dry run: would ${verb} ${plural(files.length, 'file')} (${bytes.toLocaleString('en-US')} bytes); nothing was changed.\n`,
  );
}
