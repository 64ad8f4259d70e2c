import { z } from 'zod';
import { subscriptionFilterSchema } from './discovery.js';
import {
  logLevels,
  networkSettingsSchema,
  type LogLevel,
  type NetworkSettings,
} from './network.js';
import { querySettingsSchema, type QuerySettings } from './querySettings.js';
import { signInSettingsSchema, type SignInSettings } from './signInSettings.js';
import { localPathSchema } from './transfers.js';

export * from './signInSettings.js';

/** What the user set in Settings; kept in `<dataDir>/settings.json`. */
export interface Settings {
  /** Unfinished transfers restart when Lakeshore starts (true) or come back paused (false, the default). */
  resumeTransfersOnStart: boolean;
  /** Where downloads go; the OS's Downloads folder until the user picks another. */
  downloadDirectory: string;
  /** The file list's column widths and sort, as the user left them (absent: the defaults). */
  fileList?: FileListLayout;
  /** The window's theme (absent: `system`, following the OS). */
  theme?: ThemeChoice;
  /** Widths of the panes the user resized with their splitters (absent: the defaults). */
  paneWidths?: PaneWidths;
  /**
   * Per signed-in Microsoft Entra ID account (its id), the subscription ids whose storage
   * accounts the tree lists; an account absent here shows every subscription.
   */
  subscriptionFilter?: Record<string, string[]>;
  /** The app log's level (absent: `info`). */
  logLevel?: LogLevel;
  /** Timeouts and retries of storage requests, each absent one at `defaultNetworkSettings`. */
  network?: Partial<NetworkSettings>;
  /** DuckDB's memory limit and the query cache's size, each absent one at `defaultQuerySettings`. */
  query?: Partial<QuerySettings>;
  /** Where the window last was in each connection, the most recent first (absent: nowhere yet). */
  lastLocations?: RememberedLocation[];
  /** The desktop window's size and place when it last closed (absent: the default size, centred). */
  window?: WindowPlacement;
  /** The preview pane's view switches as the user left them (absent: each off). */
  previewToggles?: PreviewToggles;
  /** Microsoft Entra ID sign-in: the public client's application id (absent: `defaultClientId`). */
  signIn?: Partial<SignInSettings>;
}

/**
 * The desktop window's bounds in screen pixels (Electron `getNormalBounds`: the size it has
 * when not maximized) and whether it was maximized.
 */
export interface WindowPlacement {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** A saved `WindowPlacement`: sizes within 200–20,000 px, positions within ±100,000 px. */
export const windowPlacementSchema = z
  .object({
    x: z.number().int().min(-100_000).max(100_000),
    y: z.number().int().min(-100_000).max(100_000),
    width: z.number().int().min(200).max(20_000),
    height: z.number().int().min(200).max(20_000),
    maximized: z.boolean(),
  })
  .strict();

/** The preview's view switches: text wrapping and the Markdown source view. */
export const previewToggleNames = ['wrapText', 'markdownSource'] as const;
/** One preview view switch. */
export type PreviewToggle = (typeof previewToggleNames)[number];
/** Each preview switch that was turned on or off. */
export type PreviewToggles = Partial<Record<PreviewToggle, boolean>>;

/** A saved `PreviewToggles`. */
export const previewTogglesSchema = z.partialRecord(z.enum(previewToggleNames), z.boolean());

/** Where the window was in one connection: a directory of a container (`''` its root), or the account. */
export interface RememberedLocation {
  connectionId: string;
  container?: string;
  directory?: string;
}

/** At most this many connections' last locations are kept. */
export const maxRememberedLocations = 50;

/** Saved `lastLocations`: one per connection, container names as the service allows them. */
export const rememberedLocationsSchema = z
  .array(
    z
      .object({
        connectionId: z.string().min(1).max(200),
        container: z.string().min(1).max(63).optional(),
        directory: z.string().max(1024).optional(),
      })
      .strict(),
  )
  .max(maxRememberedLocations);

/** Widths in px of the storage tree and of the preview (or Properties) pane. */
export interface PaneWidths {
  tree?: number;
  preview?: number;
}

/** A saved `PaneWidths`: each within 100–4,000 px. */
export const paneWidthsSchema = z
  .object({
    tree: z.number().int().min(100).max(4000).optional(),
    preview: z.number().int().min(100).max(4000).optional(),
  })
  .strict();

/** Theme choices in Settings: follow the OS (dark and forced colours), or always light, dark or high contrast. */
export const themeChoices = ['system', 'light', 'dark', 'highContrast'] as const;
/** One theme choice. */
export type ThemeChoice = (typeof themeChoices)[number];

/** The file list's columns, in display order. */
export const fileListColumns = ['name', 'size', 'modified', 'contentType'] as const;
/** One column of the file list. */
export type FileListColumn = (typeof fileListColumns)[number];

/** How the file list is sorted: by one column, up or down (folders always first). */
export interface FileListSort {
  column: FileListColumn;
  direction: 'ascending' | 'descending';
}

/** Column widths in px (a missing column keeps its default) and the sort. */
export interface FileListLayout {
  columnWidths?: Partial<Record<FileListColumn, number>>;
  sort?: FileListSort;
}

/** A saved `FileListLayout`: widths within 40–4,000 px. */
export const fileListLayoutSchema = z
  .object({
    columnWidths: z
      .partialRecord(z.enum(fileListColumns), z.number().int().min(40).max(4000))
      .optional(),
    sort: z
      .object({
        column: z.enum(fileListColumns),
        direction: z.enum(['ascending', 'descending']),
      })
      .strict()
      .optional(),
  })
  .strict();

/** `settings.update`: any subset of the settings. */
export const settingsUpdateSchema = z
  .object({
    resumeTransfersOnStart: z.boolean().optional(),
    downloadDirectory: localPathSchema.optional(),
    fileList: fileListLayoutSchema.optional(),
    theme: z.enum(themeChoices).optional(),
    paneWidths: paneWidthsSchema.optional(),
    subscriptionFilter: subscriptionFilterSchema.optional(),
    logLevel: z.enum(logLevels).optional(),
    network: networkSettingsSchema.optional(),
    query: querySettingsSchema.optional(),
    lastLocations: rememberedLocationsSchema.optional(),
    window: windowPlacementSchema.optional(),
    previewToggles: previewTogglesSchema.optional(),
    signIn: signInSettingsSchema.optional(),
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
