import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { DiagnosticsExport } from '../../shared/contract/index.js';
import { redactSecrets, scrubValue } from './redaction.js';

/** What goes into a diagnostics zip. */
export interface DiagnosticsContent {
  /** The log folder: every `*.log` in it is added under `logs/`. */
  logFolder: string;
  /** The settings as saved (scrubbed before they are written). */
  settings: unknown;
  /** The activity since the app started (scrubbed). */
  activity: unknown[];
  /** The Diagnostics view's summary. */
  summary: unknown;
  /** App version, mode and such, for the support ticket. */
  about: unknown;
}

/**
 * Writes `lakeshore-diagnostics-<time>.zip` (fflate's zipSync, deflated) into `folder`: `logs/*.log`
 * with each line scrubbed again (`redactSecrets`, on top of the log's own redaction),
 * `settings.json`, `activity.json`, `summary.json` and `about.json`, every value scrubbed by
 * `scrubValue`. Resolves to where it went, its size in bytes and the names inside. Rejects
 * with the file system's error when `folder` cannot be written.
 */
export async function exportDiagnostics(
  folder: string,
  content: DiagnosticsContent,
  now = new Date(),
): Promise<DiagnosticsExport> {
  const json = (value: unknown) => strToU8(`${JSON.stringify(scrubValue(value), null, 2)}\n`);
  const files: Record<string, Uint8Array> = {
    'about.json': json(content.about),
    'settings.json': json(content.settings),
    'activity.json': json(content.activity),
    'summary.json': json(content.summary),
  };
  const logs = await readdir(content.logFolder).catch(() => [] as string[]);
  for (const name of logs.filter((n) => n.endsWith('.log')).sort()) {
    const text = await readFile(path.join(content.logFolder, name), 'utf8');
    files[`logs/${name}`] = strToU8(redactSecrets(text));
  }
  const zip = zipSync(files, { level: 6, mtime: now });
  await mkdir(folder, { recursive: true });
  const file = path.join(
    folder,
    `lakeshore-diagnostics-${now.toISOString().replace(/[:.]/g, '-')}.zip`,
  );
  await writeFile(file, zip, { mode: 0o600 });
  return { path: file, bytes: zip.length, files: Object.keys(files) };
}
