import path from 'node:path';

/** The folders inside the app's data folder that more than one part uses. */
export const dataFolders = (dataDir: string) => ({
  /** Browser-mode drops, staged before they upload (see `stagingPath`). */
  staging: path.join(dataDir, 'staging'),
  /** The transfer journal. */
  transfers: path.join(dataDir, 'transfers'),
});
