import path from 'node:path';
import pino, { type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import type { LogLevel } from '../../shared/contract/index.js';
import { dataFolders } from '../platform/dataFolders.js';
import { pinoRedaction } from './redaction.js';

/** The app's log: pino writing one JSON line per event into a size-rotated file. */
export interface AppLog {
  logger: Logger;
  /** The file written now (rotation moves to the next number). */
  file(): string;
  /** Every log file of the app in its folder (`lakeshore-app.<n>.log`), oldest first. */
  folder: string;
  setLevel(level: LogLevel): void;
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>;
}

/** Options of `startAppLog`: the rotation size (pino-roll's form: `10m`, `512k`) and how many older files are kept. */
export interface AppLogOptions {
  level?: LogLevel;
  size?: string;
  keep?: number;
}

/**
 * Starts the app's log in `<dataDir>/logs/lakeshore-app.<n>.log`, rolled to the next number
 * when a file reaches `size` (default 10 MiB) with the `keep` newest older files kept (default
 * 5) by pino-roll (https://github.com/mcollina/pino-roll); fields named as secrets are
 * replaced by pino's redact paths and every other string scrubbed (`pinoRedaction`).
 */
export async function startAppLog(dataDir: string, options: AppLogOptions = {}): Promise<AppLog> {
  const folder = dataFolders(dataDir).logs;
  const stream = await pinoRoll({
    file: path.join(folder, 'lakeshore-app'),
    extension: '.log',
    size: options.size ?? '10m',
    limit: { count: options.keep ?? 5 },
    mkdir: true,
  });
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...pinoRedaction,
    },
    stream,
  );
  return {
    logger,
    folder,
    file: () => stream.file,
    setLevel(level) {
      logger.level = level;
    },
    close: () =>
      new Promise<void>((resolve) => {
        stream.flush(() => {
          stream.end();
          resolve();
        });
      }),
  };
}
