import { z } from 'zod';
import { localPathSchema } from './transfers.js';

/** What the user set in Settings; kept in `<dataDir>/settings.json`. */
export interface Settings {
  /** Unfinished transfers restart when Lakeshore starts (true) or come back paused (false, the default). */
  resumeTransfersOnStart: boolean;
  /** Where downloads go; the OS's Downloads folder until the user picks another. */
  downloadDirectory: string;
}

/** `settings.update`: any subset of the settings. */
export const settingsUpdateSchema = z
  .object({
    resumeTransfersOnStart: z.boolean().optional(),
    downloadDirectory: localPathSchema.optional(),
  })
  .strict();

/** `local.listFolders`: the sub-folders of a local folder (the home folder when absent), for the in-app folder picker. */
export const listFoldersArgsSchema = z.object({ path: localPathSchema.optional() }).strict();

/** One local folder's sub-folders by name (hidden ones left out), sorted; `parent` is absent at a root. */
export interface LocalFolderListing {
  path: string;
  parent?: string;
  folders: string[];
}
