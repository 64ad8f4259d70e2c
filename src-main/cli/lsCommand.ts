import type { CliCredential } from './cliCredential.js';
import type { PathEntry } from '../../shared/contract/index.js';
import { openAccount } from '../storage/accountAccess.js';
import { folderMarkerKey, lastSegment } from '../storage/blobEntry.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { listDirectoryEntries } from '../storage/listDirectory.js';
import { listRecursive } from '../storage/listRecursive.js';
import { failWith, toLakeError } from '../storage/toLakeError.js';
import { nameFilter } from '../transfers/nameFilter.js';
import { hasWildcard } from './namePatterns.js';
import { formatEntryLine, type CliIo } from './output.js';

export interface LsOptions {
  recursive: boolean;
  /** One JSON object per line (NDJSON) instead of text columns. */
  json: boolean;
  /** File name patterns (see `nameFilter`); directories are listed only when no include is given. */
  include?: string[];
  exclude?: string[];
}

const parentOf = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf('/')));

/**
 * `lakeshore ls`: containers (URL names the account only), one blob (URL names a blob), one
 * directory level, or with `recursive` everything under the path. A wildcard in the last
 * segment (`…/raw/*.csv`) lists what matches in its directory. Writes as pages arrive.
 * Rejects with `NotFound` when nothing is at the path (or nothing matches), else the
 * service's error.
 */
export async function lsCommand(
  location: BlobLocation,
  credential: CliCredential,
  options: LsOptions,
  io: CliIo,
): Promise<void> {
  const access = openAccount(credential);
  if (!location.container) {
    for (const c of await access.listContainers()) {
      io.stdout(options.json ? `${JSON.stringify({ kind: 'container', ...c })}\n` : `${c.name}/\n`);
    }
    return;
  }
  const container = access.container(location.container);
  const last = lastSegment(location.path);
  const wildcard = hasWildcard(last) ? nameFilter({ include: [last] }) : undefined;
  const directory = wildcard ? parentOf(location.path) : location.path;
  const files = nameFilter(options);
  const showDirectories = (options.include ?? []).length === 0;
  let written = 0;
  const write = (entry: PathEntry) => {
    if (wildcard && !options.recursive && !wildcard(entry.name)) return;
    if (entry.kind === 'file' ? !files(entry.name) : !showDirectories) return;
    written++;
    io.stdout(options.json ? `${JSON.stringify(entry)}\n` : `${formatEntryLine(entry)}\n`);
  };

  // A folder marker with nothing below it is an empty folder, not a missing path.
  let marker = false;
  if (!wildcard && directory !== '') {
    const props = await container
      .getBlobClient(directory)
      .getProperties()
      .catch((e: unknown) => (toLakeError(e).code === 'NotFound' ? undefined : Promise.reject(e)));
    if (props && props.metadata?.[folderMarkerKey] !== 'true') {
      write({
        kind: 'file',
        name: last,
        path: directory,
        size: props.contentLength ?? 0,
        lastModified: (props.lastModified ?? new Date(0)).toISOString(),
        ...(props.contentType ? { contentType: props.contentType } : {}),
        ...(props.etag ? { etag: props.etag } : {}),
        ...(props.accessTier ? { accessTier: props.accessTier } : {}),
      });
      return;
    }
    marker = props !== undefined;
  }
  let seen = 0;
  if (options.recursive) {
    const under = wildcard ? location.path.slice(0, location.path.lastIndexOf('/') + 1) : '';
    for await (const entry of listRecursive(container, directory)) {
      seen++;
      // With a wildcard, `--recursive` keeps what lies below a matching name of the directory.
      if (wildcard && !wildcard(entry.path.slice(under.length).split('/')[0] ?? '')) continue;
      write(entry);
    }
  } else {
    for await (const entry of listDirectoryEntries(container, directory)) {
      seen++;
      write(entry);
    }
  }
  if (wildcard && written === 0 && !options.include && !options.exclude) {
    failWith('NotFound', `Nothing matches "${last}" in ${location.container}/${directory}.`);
  }
  if (!wildcard && seen === 0 && directory !== '' && !marker) {
    failWith(
      'NotFound',
      `Nothing named "${directory}" exists in container "${location.container}".`,
    );
  }
}
