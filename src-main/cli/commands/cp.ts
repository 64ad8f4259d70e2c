import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { md5Checks, type ConflictPolicy } from '../../../shared/contract/index.js';
import type { ExistingBlobPolicy } from '../../namespace/copyPaths.js';
import { openAccount } from '../../storage/accountAccess.js';
import { failWith } from '../../storage/toLakeError.js';
import { cliJobId, jobArgument, type CliJobInfo } from '../cliJobs.js';
import {
  credentialFor,
  isStorageUrl,
  positiveNumber,
  storageUrl,
  wholeNumber,
  withCredentialOptions,
  withPatternOptions,
} from '../commonOptions.js';
import { cpCommand } from '../cpCommand.js';
import { planCopy, type ContainerLocation, type CpPlan, type CpPlanInput } from '../cpPlan.js';
import type { CliIo } from '../output.js';
import { remoteCopyCommand } from '../remoteCopy.js';
import { UsageError } from '../usageError.js';

/** `--overwrite` values (azcopy's names first) and the engine policy each means. */
const overwriteValues: Record<string, { name: string; policy: ConflictPolicy }> = {
  true: { name: 'true', policy: 'overwrite' },
  false: { name: 'false', policy: 'skip' },
  prompt: { name: 'prompt', policy: 'ask' },
  ifSourceNewer: { name: 'ifSourceNewer', policy: 'ifNewer' },
  rename: { name: 'rename', policy: 'rename' },
  ask: { name: 'prompt', policy: 'ask' },
  'if-newer': { name: 'ifSourceNewer', policy: 'ifNewer' },
};

const overwriteOption = (value: string) => {
  const found = overwriteValues[value];
  if (!found)
    throw new InvalidArgumentError(
      'Expected true, false, prompt, ifSourceNewer or rename (aliases: ask, if-newer).',
    );
  return found;
};

const semantics = `
Where things land (the rules of azcopy copy, cp -r and rclone copyto):
  source            destination                          result
  a.csv             …/c/dir/b.csv                        blob dir/b.csv
  a.csv             …/c/dir/  …/c  or an existing folder  blob dir/a.csv
  ./data -r         …/c/dir                              dir/data/…
  './data/*'        …/c/dir                              dir/<each entry of data> (folders need -r)
  a.csv b.csv       …/c/dir                              dir/a.csv, dir/b.csv
  …/c/a.csv         ./out.csv                            file out.csv
  …/c/a.csv         ./dir/  or an existing folder        file dir/a.csv
  …/c/dir -r        ./local                              ./local/dir/…
  …/c/dir/* -r      ./local                              ./local/<each entry of dir>
  blob URL          blob URL                             server-side copy, same rules

Existing targets (--overwrite, one policy for uploads, downloads and blob-to-blob copies):
  prompt (default)  ask on a terminal; elsewhere skip it and count it in the summary
  false             skip it
  true              replace it
  ifSourceNewer     replace it only when the source was modified later (not blob-to-blob)
  rename            write "name (1).ext" beside it and say so (not blob-to-blob)

An interrupted or failed copy is resumed by running the same command again with the same
options; \`lakeshore jobs\` lists, resumes and cleans those jobs.

Examples:
  lakeshore cp ./sales.csv https://acct.blob.core.windows.net/raw/2026/sales.csv
  lakeshore cp -r ./exports https://acct.blob.core.windows.net/raw/ --include-pattern '*.parquet'
  lakeshore cp 'https://acct.blob.core.windows.net/raw/2026/*' ./downloads/ -r
  lakeshore cp --dry-run ./a.csv ./b.csv https://acct.blob.core.windows.net/raw/in/
`;

/** Lines saying what a dry run of `plan` would copy, one per source. */
function describePlan(plan: CpPlan): string[] {
  const { target } = plan;
  const where = (name: string) => {
    if (target.side === 'local') return `${target.directory}/${target.name ?? name}`;
    const dir = target.directory === '' ? '' : `${target.directory}/`;
    return `${target.location.container}/${dir}${target.name ?? name}`;
  };
  return plan.sources.map((s) => {
    const name = s.side === 'local' ? s.path.split(/[/\\]/).pop()! : s.ref.path.split('/').pop()!;
    const from = s.side === 'local' ? s.path : `${s.location.container}/${s.ref.path}`;
    const folder = (s.side === 'local' ? s.kind : s.ref.kind) === 'directory';
    return `would copy ${folder ? 'folder ' : ''}${from} → ${where(name)}${folder ? '/' : ''}`;
  });
}

/** `lakeshore cp <src…> <dst>`: upload, download, or copy server-side between blob URLs. */
export function registerCp(program: Command, io: CliIo): void {
  const command = program
    .command('cp')
    .summary('copy files between local paths and blob URLs, or between blob URLs')
    .description(
      "Upload (local → URL) or download (URL → local) with the app's transfer engine: parallel blocks,\n" +
        'a Content-MD5 check, a journal that resumes what was interrupted. Between two blob URLs the copy ' +
        'runs server-side. Several sources (or a wildcard) go into the destination folder.',
    )
    .argument('<paths...>', 'sources, then the destination (local paths or URLs)')
    .option('-r, --recursive', 'copy folders and everything in them')
    .addOption(
      new Option(
        '--overwrite <policy>',
        'existing targets: true, false, prompt, ifSourceNewer or rename',
      )
        .argParser(overwriteOption)
        .default(overwriteValues.prompt!, 'prompt'),
    )
    .option('--block-size <MiB>', 'block and range size in MiB, 1–4000', wholeNumber(1, 4000))
    .option('--concurrency <n>', 'ceiling of requests in flight, 1–256', wholeNumber(1, 256))
    .addOption(
      new Option('--check-md5 <mode>', "downloads: how a blob's Content-MD5 is checked")
        .choices(md5Checks)
        .default('FailIfDifferent' as const),
    )
    .option(
      '--cap-mbps <megabits>',
      'cap the transfer rate, in megabits per second (azcopy --cap-mbps)',
      positiveNumber(1_000_000),
    )
    .option('--follow-symlinks', 'uploads: follow symbolic links (default: skip and list them)')
    .option('--dry-run', 'print what would be copied and copy nothing')
    .option('--json', 'the result as one JSON object')
    .option('-q, --quiet', 'print nothing but errors');
  withCredentialOptions(withPatternOptions(command))
    .addHelpText('after', semantics)
    .action(async (paths, options) => {
      if (paths.length < 2) throw new UsageError('cp needs a source and a destination.');
      const destinationArg = paths[paths.length - 1]!;
      const sourceArgs = paths.slice(0, -1);
      const remoteSources = sourceArgs.filter(isStorageUrl);
      if (remoteSources.length > 0 && remoteSources.length < sourceArgs.length)
        throw new UsageError('The sources of one cp are all local paths or all URLs.');
      const withContainer = (arg: string): ContainerLocation => {
        const location = storageUrl(arg);
        if (!location.container)
          throw new UsageError(`${arg} names no container: …/<container>/<path>.`);
        return location as ContainerLocation;
      };
      const sources = remoteSources.map(withContainer);
      const destination = isStorageUrl(destinationArg) ? withContainer(destinationArg) : undefined;
      if (sources.length === 0 && !destination)
        throw new UsageError('One side of cp must be a blob URL.');
      const account = sources[0];
      if (account && sources.some((s) => s.blobEndpoint !== account.blobEndpoint))
        throw new UsageError('The sources of one cp are all in one account.');
      const sourceCredential = account ? credentialFor(account, options, io) : undefined;
      const destinationCredential = destination
        ? credentialFor(destination, options, io)
        : undefined;
      const transfer = 'transfer';
      const sourceAccess = sourceCredential ? openAccount(sourceCredential, transfer) : undefined;
      const destinationAccess = destinationCredential
        ? openAccount(destinationCredential, transfer)
        : undefined;
      const input: CpPlanInput = {
        sources: sourceAccess
          ? sources.map((remote) => ({ remote, access: sourceAccess }))
          : sourceArgs.map((local) => ({ local })),
        destination:
          destination && destinationAccess
            ? { remote: destination, access: destinationAccess }
            : { local: destinationArg },
        destinationArg,
        recursive: options.recursive === true,
      };
      const plan = await planCopy(input);
      if (options.dryRun) {
        const lines = describePlan(plan);
        if (options.json) io.stdout(`${JSON.stringify({ dryRun: true, copies: lines })}\n`);
        else {
          for (const line of lines) io.stdout(`${line}\n`);
          for (const f of plan.skippedFolders)
            io.stdout(`would skip folder ${f} (add --recursive)\n`);
          io.stdout('Dry run: nothing was copied.\n');
        }
        return;
      }
      const overwrite = options.overwrite;
      if (destination && options.checkMd5 !== 'FailIfDifferent')
        throw new UsageError('--check-md5 applies to downloads (a local destination).');
      if (!sourceArgs.every((a) => !isStorageUrl(a)) && options.followSymlinks)
        throw new UsageError('--follow-symlinks applies to uploads (local sources).');
      if (sourceCredential && destinationCredential) {
        const existing: Record<string, ExistingBlobPolicy | undefined> = {
          true: 'overwrite',
          false: 'skip',
          prompt: 'skip',
        };
        const policy = existing[overwrite.name];
        if (!policy)
          throw new UsageError(
            `--overwrite ${overwrite.name} is for uploads and downloads; a copy between blob URLs takes true, false or prompt.`,
          );
        await remoteCopyCommand(
          plan,
          { source: sourceCredential, destination: destinationCredential },
          { existing: policy, json: options.json === true, quiet: options.quiet === true },
          io,
        );
        return;
      }
      const job: CliJobInfo = (() => {
        const kept = sourceArgs.map((a) => jobArgument(a, isStorageUrl(a)));
        const dst = jobArgument(destinationArg, isStorageUrl(destinationArg));
        return {
          version: 1,
          id: cliJobId(kept, dst),
          sources: kept,
          destination: dst,
          startedAt: new Date().toISOString(),
          options: {
            overwrite: overwrite.name,
            recursive: options.recursive === true,
            ...(options.blockSize ? { blockSizeMiB: options.blockSize } : {}),
            ...(options.includePattern ? { include: options.includePattern } : {}),
            ...(options.excludePattern ? { exclude: options.excludePattern } : {}),
            ...(destination ? {} : { checkMd5: options.checkMd5 }),
            ...(options.followSymlinks ? { followSymlinks: true } : {}),
          },
        };
      })();
      const access = sourceAccess ?? destinationAccess ?? failWith('InvalidInput', 'No account.');
      await cpCommand(
        plan,
        job,
        access,
        {
          conflict: overwrite.policy,
          ...(options.blockSize ? { blockSizeBytes: options.blockSize * 1024 * 1024 } : {}),
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(options.includePattern ? { include: options.includePattern } : {}),
          ...(options.excludePattern ? { exclude: options.excludePattern } : {}),
          checkMd5: options.checkMd5,
          followSymlinks: options.followSymlinks === true,
          ...(options.capMbps ? { capBytesPerSecond: (options.capMbps * 1_000_000) / 8 } : {}),
          json: options.json === true,
          quiet: options.quiet === true,
          tty: io.stderrIsTTY === true,
        },
        io,
      );
    });
}
