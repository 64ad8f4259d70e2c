import { openAccount } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import type { AccountCredential } from '../storage/accountAccess.js';
import { listDirectory } from '../storage/listDirectory.js';
import { listRecursive } from '../storage/listRecursive.js';
import { formatEntryLine, type CliIo } from './output.js';

export interface LsOptions {
  recursive: boolean;
  /** One JSON object per line (NDJSON) instead of text columns. */
  json: boolean;
}

/**
 * `lakeshore ls`: lists containers (URL names the account only), one directory level, or
 * with `recursive` everything under the path. Writes as pages arrive. Rejects with the
 * service's error (mapped by the caller).
 */
export async function lsCommand(
  location: BlobLocation,
  credential: AccountCredential,
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
  const write = (entry: Parameters<typeof formatEntryLine>[0]) =>
    io.stdout(options.json ? `${JSON.stringify(entry)}\n` : `${formatEntryLine(entry)}\n`);
  if (options.recursive) {
    for await (const entry of listRecursive(container, location.path)) write(entry);
    return;
  }
  let continuationToken: string | undefined;
  do {
    const page = await listDirectory(container, location.path, {
      pageSize: 5000,
      ...(continuationToken ? { continuationToken } : {}),
    });
    page.entries.forEach(write);
    continuationToken = page.continuationToken;
  } while (continuationToken);
}
