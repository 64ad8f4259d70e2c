import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  fileListLayoutSchema,
  logLevels,
  networkSettingsSchema,
  paneWidthsSchema,
  previewTogglesSchema,
  querySettingsSchema,
  rememberedLocationsSchema,
  signInSettingsSchema,
  subscriptionFilterSchema,
  themeChoices,
  windowPlacementSchema,
  type Settings,
} from '../../shared/contract/index.js';
import { readJsonFile, writeFileAtomic } from '../platform/atomicFile.js';

/** The user's settings, read once and written atomically on each change. */
export interface SettingsStore {
  get(): Promise<Settings>;
  /** Merges `change` into the saved settings and resolves to the result. */
  update(change: Partial<Settings>): Promise<Settings>;
}

const savedSchema = z
  .object({
    resumeTransfersOnStart: z.boolean().optional(),
    downloadDirectory: z.string().min(1).optional(),
    // A damaged layout is dropped alone; the other settings stay.
    fileList: fileListLayoutSchema.optional().catch(undefined),
    theme: z.enum(themeChoices).optional().catch(undefined),
    paneWidths: paneWidthsSchema.optional().catch(undefined),
    subscriptionFilter: subscriptionFilterSchema.optional().catch(undefined),
    logLevel: z.enum(logLevels).optional().catch(undefined),
    network: networkSettingsSchema.optional().catch(undefined),
    query: querySettingsSchema.optional().catch(undefined),
    lastLocations: rememberedLocationsSchema.optional().catch(undefined),
    window: windowPlacementSchema.optional().catch(undefined),
    previewToggles: previewTogglesSchema.optional().catch(undefined),
    signIn: signInSettingsSchema.optional().catch(undefined),
  })
  .catch({});

/**
 * Settings in `<dataDir>/settings.json`. Missing or unreadable values fall back to the
 * defaults (transfers come back paused; downloads go to `defaultDownloadDirectory`), so a
 * damaged file never stops the app.
 */
export function createSettingsStore(
  dataDir: string,
  defaultDownloadDirectory: string,
): SettingsStore {
  const file = path.join(dataDir, 'settings.json');
  let current: Promise<Settings> | undefined;
  const load = async (): Promise<Settings> => {
    const saved = savedSchema.parse(await readJsonFile<unknown>(file, {}).catch(() => ({})));
    return {
      resumeTransfersOnStart: saved.resumeTransfersOnStart ?? false,
      downloadDirectory: saved.downloadDirectory ?? defaultDownloadDirectory,
      ...(saved.fileList ? { fileList: saved.fileList } : {}),
      ...(saved.theme ? { theme: saved.theme } : {}),
      ...(saved.paneWidths ? { paneWidths: saved.paneWidths } : {}),
      ...(saved.subscriptionFilter ? { subscriptionFilter: saved.subscriptionFilter } : {}),
      ...(saved.logLevel ? { logLevel: saved.logLevel } : {}),
      ...(saved.network ? { network: saved.network } : {}),
      ...(saved.query ? { query: saved.query } : {}),
      ...(saved.lastLocations ? { lastLocations: saved.lastLocations } : {}),
      ...(saved.window ? { window: saved.window } : {}),
      ...(saved.previewToggles ? { previewToggles: saved.previewToggles } : {}),
      ...(saved.signIn ? { signIn: saved.signIn } : {}),
    };
  };
  return {
    get: () => (current ??= load()),
    async update(change) {
      const next = { ...(await (current ??= load())), ...change };
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
      current = Promise.resolve(next);
      return next;
    },
  };
}

/**
 * The application (client) id saved in `<dataDir>/settings.json` (Settings → Sign-in), read at
 * once for the command line; undefined when none is saved or the file cannot be read.
 */
export function savedClientId(dataDir: string): string | undefined {
  try {
    const raw: unknown = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'));
    const signIn = (raw as { signIn?: unknown } | null)?.signIn;
    return signInSettingsSchema.safeParse(signIn ?? {}).data?.clientId;
  } catch {
    return undefined;
  }
}
