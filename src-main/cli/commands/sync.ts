import type { CliCredential } from '../cliCredential.js';
import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import path from 'node:path';
import {
  credentialFor,
  isStorageUrl,
  storageUrl,
  wholeNumber,
  withCredentialOptions,
  withPatternOptions,
} from '../commonOptions.js';
import type { ContainerLocation } from '../cpPlan.js';
import { openTarget } from '../openTarget.js';
import type { CliIo } from '../output.js';
import { syncCommand, type DeleteDestination, type SyncSide } from '../syncCommand.js';
import type { SyncCompare } from '../syncPlan.js';
import { UsageError } from '../usageError.js';

const deleteDestinationOption = (value: string): DeleteDestination => {
  if (value === 'true' || value === 'false' || value === 'prompt') return value;
  throw new InvalidArgumentError('Expected true, false or prompt.');
};

const compareHashOption = (value: string): SyncCompare => {
  if (/^md5$/i.test(value)) return 'md5';
  if (/^none$/i.test(value)) return 'metadata';
  throw new InvalidArgumentError('Expected md5 (or none: size and last-modified time).');
};

const semantics = `
What sync does (azcopy sync's rules; always recursive):
  The source and destination are folders (a container root or a directory, or a local
  folder); the source's contents are mirrored into the destination:
    sync ./data …/c/dir      gives dir/<contents of data>, not dir/data/…
  A source file is copied (replacing the destination's file) when the destination lacks it,
  its size differs, or it was modified later (last-modified times compared to the second).
  With --compare-hash md5 the size and Content-MD5 decide instead: a blob's Content-MD5 comes
  from the listing, a local file's is computed; a side without one counts as different.
  Folder markers and empty folders are not synced.

Files only at the destination (--delete-destination):
  false (default)  kept; the summary says how many there are
  true             listed first ("would delete …", one line each), deleted after the copies
  prompt           listed, then asked once on a terminal (elsewhere a usage error)
  Nothing is deleted unless every copy succeeded; a failed copy exits 1 naming it.

--include-pattern and --exclude-pattern apply to both sides: a file they leave out is neither
copied nor deleted. --dry-run prints what would be copied and deleted and changes nothing.
Running the same sync again finishes what an interrupted or failed one left: a sync killed or
interrupted keeps its transfer journal, and the next run of it resumes those copies first
(blocks already staged are not sent again), then compares the folders again.

Examples:
  lakeshore sync ./exports https://acct.blob.core.windows.net/raw/exports
  lakeshore sync https://acct.blob.core.windows.net/raw/2026 ./mirror --delete-destination true
  lakeshore sync https://a.blob.core.windows.net/raw https://b.blob.core.windows.net/backup/raw
  lakeshore sync ./data https://acct.blob.core.windows.net/raw --compare-hash md5 --dry-run
  lakeshore sync ./logs https://acct.blob.core.windows.net/logs --exclude-pattern '*.tmp'
`;

/** `lakeshore sync <src> <dst>`: mirror one folder's contents into another (azcopy sync). */
export function registerSync(program: Command, io: CliIo): void {
  const command = program
    .command('sync')
    .summary('mirror a folder into another: local → URL, URL → local or URL → URL')
    .description(
      "Make the destination folder hold the source folder's files: copy what is missing, resized " +
        'or newer (or whose MD5 differs), and with --delete-destination remove what the source lacks. ' +
        "Uploads and downloads go through the app's transfer engine; between blob URLs the copies run server-side.",
    )
    .argument('<src>', 'the source folder: a local path or a URL')
    .argument('<dst>', 'the destination folder: a local path or a URL')
    .addOption(
      new Option(
        '--delete-destination <mode>',
        'files only at the destination: false (keep), true (delete), prompt (ask)',
      )
        .argParser(deleteDestinationOption)
        .default('false' as DeleteDestination),
    )
    .addOption(
      new Option(
        '--compare-hash <hash>',
        'compare Content-MD5 instead of last-modified times: md5',
      ).argParser(compareHashOption),
    )
    .option('--block-size <MiB>', 'block and range size in MiB, 1–4000', wholeNumber(1, 4000))
    .option('--concurrency <n>', 'ceiling of requests in flight, 1–256', wholeNumber(1, 256))
    .option('--dry-run', 'print what would be copied and deleted and change nothing')
    .option('--json', 'the result as one JSON object');
  withCredentialOptions(withPatternOptions(command))
    .addHelpText('after', semantics)
    .action(async (src, dst, options) => {
      if (options.deleteDestination === 'prompt' && !options.dryRun && !io.ask)
        throw new UsageError(
          '--delete-destination prompt needs a terminal to ask on; pass true or false.',
        );
      if (!isStorageUrl(src) && !isStorageUrl(dst))
        throw new UsageError('One side of sync must be a blob URL.');
      // Both credentials are resolved (and refused) before any request is sent.
      type Parsed = { local: string } | { location: ContainerLocation; credential: CliCredential };
      const parsed = [src, dst].map((arg): Parsed => {
        if (!isStorageUrl(arg)) return { local: path.resolve(arg) };
        const location = storageUrl(arg);
        if (!location.container)
          throw new UsageError(`${arg} names no container: …/<container>/<path>.`);
        return {
          location: location as ContainerLocation,
          credential: credentialFor(location, options, io),
        };
      });
      const open = async (p: Parsed): Promise<SyncSide> =>
        'local' in p
          ? { side: 'local', root: p.local }
          : {
              side: 'remote',
              location: p.location,
              target: await openTarget(p.location, p.credential),
            };
      const source = await open(parsed[0]!);
      const destination = await open(parsed[1]!);
      const credentials: CliCredential[] = parsed.flatMap((p) =>
        'credential' in p ? [p.credential] : [],
      );
      const credential = credentials[0];
      await syncCommand(
        source,
        destination,
        {
          compare: options.compareHash ?? 'metadata',
          deleteDestination: options.deleteDestination,
          dryRun: options.dryRun === true,
          json: options.json === true,
          ...(options.includePattern ? { include: options.includePattern } : {}),
          ...(options.excludePattern ? { exclude: options.excludePattern } : {}),
          ...(options.blockSize ? { blockSizeBytes: options.blockSize * 1024 * 1024 } : {}),
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(credential ? { credential } : {}),
        },
        io,
      );
    });
}
