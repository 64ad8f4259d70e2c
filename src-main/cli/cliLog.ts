import { AzureLogger, setLogLevel, type AzureLogLevel } from '@azure/logger';
import path from 'node:path';
import { format } from 'node:util';
import pino, { type Logger } from 'pino';
import { dataFolders } from '../platform/dataFolders.js';
import { defaultNetworkSettings } from '../../shared/contract/index.js';
import { pinoRedaction } from '../observability/redaction.js';
import { setProcessObserver } from '../observability/storageCallPolicy.js';

/** `--log-level` values (azcopy's names), most to least verbose. */
export const cliLogLevels = ['debug', 'info', 'warning', 'error'] as const;
/** One of `cliLogLevels`. */
export type CliLogLevel = (typeof cliLogLevels)[number];

const pinoLevel: Record<CliLogLevel, string> = {
  debug: 'debug',
  info: 'info',
  warning: 'warn',
  error: 'error',
};
const azureLevel: Record<CliLogLevel, AzureLogLevel> = {
  debug: 'verbose',
  info: 'info',
  warning: 'warning',
  error: 'error',
};

/** A run's log: the pino logger writing JSON lines to `path`. */
export interface CliLog {
  logger: Logger;
  /** The log file. */
  path: string;
  /** Writes what is buffered and stops taking the Azure SDK's log lines. */
  close(): void;
}

/**
 * Starts the log of one `lakeshore` run at `level`: one JSON line per event in
 * `<dataDir>/logs/lakeshore-<time>-<pid>.log`, the Azure SDK's own log (requests, responses,
 * retries; its logging policy already redacts query parameters and headers it does not know)
 * routed into it at the matching level (`setLogLevel`, AzureLogger.log, see
 * https://learn.microsoft.com/javascript/api/@azure/logger), each storage request of the run
 * as one `storage operation` line (the process observer, `setProcessObserver`), and every line
 * scrubbed of secrets (`pinoRedaction`).
 */
export function startCliLog(dataDir: string, level: CliLogLevel): CliLog {
  const file = path.join(
    dataFolders(dataDir).logs,
    `lakeshore-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`,
  );
  const destination = pino.destination({ dest: file, mkdir: true, sync: true });
  const logger = pino(
    {
      level: pinoLevel[level],
      base: { pid: process.pid },
      ...pinoRedaction,
    },
    destination,
  );
  const previous = AzureLogger.log;
  setLogLevel(azureLevel[level]);
  // setLogLevel already filtered the SDK's lines; they go in at the run's level.
  const write = pinoLevel[level] as 'info';
  AzureLogger.log = (...args: unknown[]) => logger[write]({ source: 'azure-sdk' }, format(...args));
  // Every storage request of the run, one line each (warn when it failed).
  const previousObserver = setProcessObserver({
    connection: 'cli',
    network: () => defaultNetworkSettings,
    record: (entry) =>
      logger[entry.outcome === 'failed' ? 'warn' : 'info'](
        { activity: entry },
        'storage operation',
      ),
  });
  return {
    logger,
    path: file,
    close() {
      setLogLevel();
      AzureLogger.log = previous;
      setProcessObserver(previousObserver);
      destination.flushSync();
    },
  };
}
