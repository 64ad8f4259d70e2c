import type { FolderStats } from '../../shared/contract/index.js';
import type { OperationContext } from './operationRunner.js';
import type { NamespaceTarget } from './namespaceTarget.js';
import { walkTree } from './walkTree.js';

/**
 * Counts files, directories and bytes below `directory`, streaming each listing page's
 * counts to `context` as it arrives (`done` = files and directories so far, `bytes`).
 * On flat accounts, folders that exist only as name prefixes are counted from the file
 * names. Rejects with `Cancelled` through the signal or the listing's error (`NotFound`).
 */
export async function folderStats(
  target: NamespaceTarget,
  directory: string,
  context: OperationContext,
): Promise<FolderStats> {
  const stats: FolderStats = { files: 0, directories: 0, bytes: 0 };
  const directories = new Set<string>();
  const base = directory === '' ? 0 : directory.length + 1;
  for await (const entry of walkTree(target, directory, context.signal)) {
    if (entry.kind === 'directory') {
      if (!directories.has(entry.path)) {
        directories.add(entry.path);
        context.advance({ done: 1 });
      }
      continue;
    }
    stats.files += 1;
    stats.bytes += entry.size;
    let added = 0;
    for (let i = entry.path.indexOf('/', base); i !== -1; i = entry.path.indexOf('/', i + 1)) {
      const parent = entry.path.slice(0, i);
      if (!directories.has(parent)) {
        directories.add(parent);
        added += 1;
      }
    }
    context.advance({ done: 1 + added, bytes: entry.size });
  }
  stats.directories = directories.size;
  return stats;
}
