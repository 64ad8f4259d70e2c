import type { Command } from '@commander-js/extra-typings';
import { defaultRetentionHours } from '../../delta/vacuum.js';
import {
  credentialFor,
  positiveNumber,
  storageUrl,
  wholeNumber,
  withCredentialOptions,
} from '../commonOptions.js';
import { deltaCommand, type DeltaAction } from '../deltaCommand.js';
import type { CliIo } from '../output.js';

/** `lakeshore delta history|health|vacuum|restore <table-url>`: Delta table maintenance. */
export function registerDelta(program: Command, io: CliIo): void {
  const delta = program
    .command('delta')
    .summary('Delta table history, health, VACUUM and RESTORE')
    .description(
      'Look after a Delta table: its history, its health (files, partitions, warnings), VACUUM and RESTORE.',
    );
  const run = (
    url: string,
    options: { connectionString?: string; sas?: string },
    action: DeltaAction,
  ) => {
    const location = storageUrl(url);
    return deltaCommand(location, credentialFor(location, options, io), action, io);
  };
  withCredentialOptions(
    delta
      .command('history')
      .description('The commits, newest first: version, time, operation, files and rows.')
      .argument('<table-url>', 'the table folder')
      .option('--json', 'one JSON array'),
  ).action((url, o) => run(url, o, { kind: 'history', json: o.json === true }));
  withCredentialOptions(
    delta
      .command('health')
      .description(
        'Active files and sizes, partitions, and warnings: small files (median under 8 MiB), over-partitioning, high-cardinality partition columns, unsupported table features.',
      )
      .argument('<table-url>', 'the table folder')
      .option('--json', 'one JSON object'),
  ).action((url, o) => run(url, o, { kind: 'health', json: o.json === true }));
  withCredentialOptions(
    delta
      .command('vacuum')
      .description(
        'Delete data files no version within the retention references (never _delta_log/ or a file the latest version reads). Run with --dry-run first; a retention under 7 days needs --yes.',
      )
      .argument('<table-url>', 'the table folder')
      .option(
        '--retention-hours <hours>',
        'keep what versions of the last H hours reference',
        positiveNumber(100 * 365 * 24),
        defaultRetentionHours,
      )
      .option('--dry-run', 'list what would be deleted; delete nothing')
      .option('--yes', 'confirm a retention under 7 days')
      .option('--json', 'one JSON object'),
  ).action((url, o) =>
    run(url, o, {
      kind: 'vacuum',
      retentionHours: o.retentionHours,
      dryRun: o.dryRun === true,
      yes: o.yes === true,
      json: o.json === true,
    }),
  );
  withCredentialOptions(
    delta
      .command('restore')
      .description(
        "Restore the table to a version as a new commit (RESTORE), created only if no other writer committed it first. (--version prints the program's version, so the version is --to-version.)",
      )
      .argument('<table-url>', 'the table folder')
      .requiredOption(
        '--to-version <n>',
        'the version to restore',
        wholeNumber(0, Number.MAX_SAFE_INTEGER),
      )
      .option('--json', 'one JSON object'),
  ).action((url, o) =>
    run(url, o, { kind: 'restore', version: o.toVersion, json: o.json === true }),
  );
}
