import path from 'node:path';

/** The folders inside the app's data folder that more than one part uses. */
export const dataFolders = (dataDir: string) => ({
  /** Browser-mode drops, staged before they upload (see `stagingPath`). */
  staging: path.join(dataDir, 'staging'),
  /** Files downloaded for a drag out of the window, kept a while then removed (see `paths.dragOut`). */
  dragOut: path.join(dataDir, 'drag-out'),
  /** The transfer journal. */
  transfers: path.join(dataDir, 'transfers'),
  /** The logs (the command line's runs: `lakeshore-<time>-<pid>.log`). */
  logs: path.join(dataDir, 'logs'),
});
