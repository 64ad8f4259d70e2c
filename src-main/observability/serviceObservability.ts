import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultNetworkSettings,
  type ActivityPage,
  type DiagnosticsExport,
  type DiagnosticsSummary,
  type NetworkSettings,
  type Settings,
  type StorageActivity,
} from '../../shared/contract/index.js';
import { createActivityLog, type ActivityLog, type ActivityQuery } from './activityLog.js';
import { startAppLog, type AppLog } from './appLog.js';
import { exportDiagnostics } from './exportDiagnostics.js';
import { operationStats } from './operationMetrics.js';
import type { StorageObserver } from './storageCallPolicy.js';
import { startTelemetry, type Telemetry } from './telemetry.js';

/** The service's observability: the activity log, the app log, telemetry, and the calls that read them. */
export interface ServiceObservability {
  /** The observer of one connection's requests (see `createConnections`). */
  observe(connection: string): StorageObserver;
  /** Records an operation that does not go through a storage pipeline (an Entra ID sign-in). */
  record(entry: StorageActivity): void;
  activity: ActivityLog;
  listActivity(query: ActivityQuery): ActivityPage;
  summary(): Promise<DiagnosticsSummary>;
  /** Writes the diagnostics zip into `folder`. */
  exportTo(folder: string, about: unknown): Promise<DiagnosticsExport>;
  /** Applies a change of the log level or network settings. */
  apply(settings: Settings): void;
  dispose(): Promise<void>;
}

/** What `createServiceObservability` needs. */
export interface ObservabilityOptions {
  dataDir: string;
  version: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the app log (`startAppLog`), telemetry (`startTelemetry`, OTLP only with
 * `OTEL_EXPORTER_OTLP_ENDPOINT`) and an activity log whose every entry is also one line
 * `storage operation` of the app log (so entries past the ring's 10,000 stay in the file).
 */
export function createServiceObservability(options: ObservabilityOptions): ServiceObservability {
  const activity = createActivityLog();
  const telemetry: Telemetry = startTelemetry({
    version: options.version,
    ...(options.env ? { env: options.env } : {}),
  });
  let network: NetworkSettings = defaultNetworkSettings;
  const log: Promise<AppLog | undefined> = startAppLog(options.dataDir).catch(() => undefined);
  activity.subscribe((entry) => {
    void log.then((l) =>
      l?.logger[entry.outcome === 'failed' ? 'warn' : 'info'](
        { activity: entry },
        'storage operation',
      ),
    );
  });
  const settingsFile = path.join(options.dataDir, 'settings.json');
  return {
    activity,
    observe: (connection) => ({
      connection,
      network: () => network,
      record: (entry) => activity.record(entry),
    }),
    record: (entry) => activity.record(entry),
    listActivity: (query) => activity.list(query),
    async summary() {
      const l = await log;
      return {
        ...operationStats(),
        otlpEndpoint: telemetry.otlpEndpoint,
        logFile: l?.file() ?? '',
      };
    },
    async exportTo(folder, about) {
      const l = await log;
      await new Promise<void>((resolve) => (l ? l.logger.flush(() => resolve()) : resolve()));
      const settings: unknown = JSON.parse(await readFile(settingsFile, 'utf8').catch(() => '{}'));
      return exportDiagnostics(folder, {
        logFolder: l?.folder ?? path.join(options.dataDir, 'logs'),
        settings,
        activity: activity.all(),
        summary: await this.summary(),
        about,
      });
    },
    apply(settings) {
      network = { ...defaultNetworkSettings, ...settings.network };
      void log.then((l) => l?.setLevel(settings.logLevel ?? 'info'));
    },
    async dispose() {
      await telemetry.flush().catch(() => undefined);
      await (await log)?.close();
    },
  };
}
