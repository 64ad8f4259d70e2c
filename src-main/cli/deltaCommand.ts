import { deltaHealth, deltaHistory, warningText } from '../delta/deltaHealth.js';
import { commitRestore, planRestore } from '../delta/restore.js';
import { defaultRetentionHours, planVacuum, runVacuum } from '../delta/vacuum.js';
import { isDeltaTable } from '../preview/delta/deltaLog.js';
import { openAccount } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith } from '../storage/toLakeError.js';
import type { CliCredential } from './cliCredential.js';
import type { CliIo } from './output.js';
import { UsageError } from './usageError.js';

/** What `lakeshore delta <action>` does. */
export type DeltaAction =
  | { kind: 'history'; json: boolean }
  | { kind: 'health'; json: boolean }
  | { kind: 'vacuum'; retentionHours: number; dryRun: boolean; yes: boolean; json: boolean }
  | { kind: 'restore'; version: number; json: boolean };

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/**
 * `lakeshore delta history|health|vacuum|restore <table-url>`: see `deltaHistory`, `deltaHealth`,
 * `planVacuum`/`runVacuum`, `planRestore`/`commitRestore`. A retention under 7 days deletes only
 * with `--yes`, after naming the versions time travel loses. Throws `NotFound` when the URL is not
 * a Delta table; `UsageError` for a short retention without `--yes`.
 */
export async function deltaCommand(
  location: BlobLocation,
  credential: CliCredential,
  action: DeltaAction,
  io: CliIo,
): Promise<void> {
  if (!location.container || !location.path)
    failWith('InvalidInput', 'delta needs the URL of a Delta table: …/<container>/<table folder>.');
  const container = openAccount(credential).container(location.container!);
  const directory = location.path.replace(/\/+$/, '');
  const controller = new AbortController();
  io.onInterrupt?.(() => controller.abort());
  const signal = controller.signal;
  if (!(await isDeltaTable(container, directory, signal)))
    failWith('NotFound', `${directory} is not a Delta table (no _delta_log/ commits).`);
  const out = (value: unknown, text: () => string[]) =>
    io.stdout(
      action.json
        ? `${JSON.stringify(value)}\n`
        : text()
            .map((l) => `${l}\n`)
            .join(''),
    );
  switch (action.kind) {
    case 'history': {
      const history = await deltaHistory(container, directory, signal);
      return out(history, () =>
        history.map(
          (h) =>
            `${String(h.version).padStart(6)}  ${h.timestamp}  ${h.operation.padEnd(10)}  +${h.filesAdded} -${h.filesRemoved} files${h.rowsAdded === undefined ? '' : `  ${h.rowsAdded} rows added`}`,
        ),
      );
    }
    case 'health': {
      const health = await deltaHealth(container, directory, signal);
      return out(health, () => [
        `Version ${health.version} · reader ${health.protocol.minReaderVersion}, writer ${health.protocol.minWriterVersion}${health.protocol.readerFeatures.length ? ` · features ${health.protocol.readerFeatures.join(', ')}` : ''}`,
        `${health.files.length} active files, ${kib(health.totalBytes)}, median ${kib(health.medianFileBytes)}`,
        ...(health.partitionColumns.length
          ? [
              `Partitioned by ${health.partitionColumns.join(', ')}: ${health.partitions.length} partitions`,
              ...health.partitions.map(
                (p) =>
                  `  ${Object.entries(p.values)
                    .map(([k, v]) => `${k}=${v ?? 'null'}`)
                    .join('/')}  ${p.files} files, ${kib(p.bytes)}`,
              ),
            ]
          : ['Not partitioned']),
        ...(health.warnings.length
          ? health.warnings.map((w) => `Warning: ${warningText(w)}`)
          : ['No warnings']),
      ]);
    }
    case 'vacuum': {
      const plan = await planVacuum(container, directory, action.retentionHours, signal);
      const short = action.retentionHours < defaultRetentionHours;
      if (short && !action.yes && !action.dryRun)
        throw new UsageError(
          `A retention of ${action.retentionHours} hours is under the 7-day default: time travel to versions ${plan.versionsLost.join(', ') || '(none)'} may fail afterwards. Run with --dry-run to see the files, then --yes to delete them.`,
        );
      if (action.dryRun || plan.files.length === 0)
        return out({ ...plan, deleted: 0, dryRun: action.dryRun }, () => [
          `${action.dryRun ? 'Would delete' : 'Nothing to delete:'} ${plan.files.length} files (${kib(plan.bytes)}) unreferenced since ${plan.cutoff}`,
          ...plan.files.map((f) => `  ${f.name}`),
          ...(short && plan.versionsLost.length
            ? [`Time travel loses versions ${plan.versionsLost.join(', ')}.`]
            : []),
        ]);
      const deleted = await runVacuum(container, plan, signal);
      return out({ ...plan, deleted, dryRun: false }, () => [
        `Deleted ${deleted} files (${kib(plan.bytes)}).`,
      ]);
    }
    case 'restore': {
      const plan = await planRestore(container, directory, action.version, signal);
      await commitRestore(container, plan, signal);
      const { commit: _commit, ...summary } = plan;
      return out(summary, () => [
        `Restored to version ${plan.version} as version ${plan.commitVersion}: ${plan.filesAdded} files added back, ${plan.filesRemoved} removed.`,
      ]);
    }
  }
}
