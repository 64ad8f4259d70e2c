import type { CliCredential } from './cliCredential.js';
import { copyPaths, type ExistingBlobPolicy } from '../namespace/copyPaths.js';
import type { CpPlan } from './cpPlan.js';
import { count } from './cpOutput.js';
import { openTarget, withProgress } from './openTarget.js';
import type { CliIo } from './output.js';

/**
 * `lakeshore cp <src-url…> <dst-url>` between blob URLs (any containers and accounts): a
 * server-side copy of each source into the plan's target directory, or under its name
 * (streamed through this process only when the destination cannot read the source).
 * `existing` says what happens to a destination blob that exists. Rejects with
 * `AlreadyExists` (policy `fail`), or the service's error.
 */
export async function remoteCopyCommand(
  plan: CpPlan,
  credentials: { source: CliCredential; destination: CliCredential },
  options: { existing: ExistingBlobPolicy; json: boolean; quiet: boolean },
  io: CliIo,
): Promise<void> {
  if (plan.target.side !== 'remote') return;
  const { location, directory, name } = plan.target;
  const to = await openTarget(location, credentials.destination);
  const started = performance.now();
  const totals = { copied: 0, bytes: 0, skipped: 0 };
  for (const source of plan.sources) {
    if (source.side !== 'remote') continue;
    const from = await openTarget(source.location, credentials.source);
    const done = await withProgress(io, 'copy', 'Copying', (c) =>
      copyPaths(from, [source.ref], { ...to, directory }, c, {
        existing: options.existing,
        ...(name ? { targetName: name } : {}),
      }),
    );
    totals.copied += done.copied;
    totals.bytes += done.bytes;
    totals.skipped += done.skipped;
  }
  const seconds = (performance.now() - started) / 1000;
  if (options.json) io.stdout(`${JSON.stringify({ ...totals, seconds })}\n`);
  else if (!options.quiet)
    io.stdout(
      `Copied ${count(totals.copied, 'blob')} (${totals.bytes.toLocaleString('en-US')} bytes) in ${seconds.toFixed(1)} s; ${totals.skipped} skipped (existed)\n`,
    );
  for (const folder of plan.skippedFolders)
    io.stderr(`Skipped folder ${folder}: add --recursive to copy folders a wildcard matches.\n`);
}
