import { z } from 'zod';
import { delegationSasArgsSchema, type DelegationSas } from './sharing.js';
import { entraAccountIdSchema, signInArgsSchema, type EntraAccountSummary } from './auth.js';
import { connectionUpdateSchema } from './connectionUpdate.js';
import { newConnectionSchema, type ConnectionSummary } from './connections.js';
import {
  discoveryListArgsSchema,
  discoveryUseAccountKeyArgsSchema,
  type DiscoveredTenant,
} from './discovery.js';
import {
  activityQuerySchema,
  type ActivityPage,
  type DiagnosticsExport,
  type DiagnosticsSummary,
} from './activity.js';
import {
  blobPathSchema,
  connectionIdSchema,
  containerNameSchema,
  directoryPathSchema,
  maxPageSize,
  type ContainerSummary,
  type PathPage,
} from './paths.js';
import type { CallName } from './names.js';
import {
  checkAccessArgsSchema,
  containerArgsSchema,
  copyArgsSchema,
  deleteArgsSchema,
  deleteContainerArgsSchema,
  listDeletedArgsSchema,
  undeleteArgsSchema,
  type DeletedListing,
  pathRefSchema,
  renameArgsSchema,
  setAccessControlArgsSchema,
  setPropertiesArgsSchema,
  statsArgsSchema,
  updateAclRecursiveArgsSchema,
  type AccessCheck,
  type AccessControl,
  type AccountDescription,
  type AclChangeSummary,
  type ContainerProperties,
  type FolderStats,
  type PathProperties,
} from './namespace.js';
import { operationIdSchema } from './operations.js';
import {
  queryCancelArgsSchema,
  queryRunArgsSchema,
  querySaveArgsSchema,
  inspectConversionArgsSchema,
  convertArgsSchema,
  convertFolderArgsSchema,
  type ConvertFolderPlan,
  type InspectConversionResult,
  type QueryRunResult,
  type QuerySaveResult,
} from './query.js';
import {
  planVacuumArgsSchema,
  restoreArgsSchema,
  vacuumArgsSchema,
  type VacuumPlanSummary,
} from './deltaMaintenance.js';
import {
  listFoldersArgsSchema,
  settingsUpdateSchema,
  type LocalFolderListing,
  type Settings,
} from './settings.js';
import {
  dragOutArgs,
  enqueueDownloadArgs,
  enqueueUploadArgs,
  resolveConflictArgs,
  stagedUploadArgs,
  transferJobArgs,
  type JobSummary,
} from './transfers.js';
import {
  deltaPreviewArgsSchema,
  previewArgsSchema,
  type DeltaPreview,
  type Preview,
} from './preview.js';

const connectionId = connectionIdSchema;

/**
 * Every call the renderer can make, by name, with the zod schema its argument must pass in
 * main. Channel names on every transport are these keys; nothing else crosses.
 */
export const callSchemas = {
  'app.info': z.object({}).strict(),
  'settings.get': z.object({}).strict(),
  /** Saves the given settings and resolves to all of them. */
  'settings.update': settingsUpdateSchema,
  /** Sub-folders of a local folder, for the in-app folder picker (browser mode). */
  'local.listFolders': listFoldersArgsSchema,
  /** The OS's folder dialog (desktop app only; `null` when the user cancels). */
  'local.pickFolder': z.object({ title: z.string().max(200).optional() }).strict(),
  'connections.list': z.object({}).strict(),
  'connections.add': newConnectionSchema,
  'connections.remove': z.object({ id: connectionId }).strict(),
  /** Replaces a saved connection's own timeouts and retries (see `connectionUpdateSchema`). */
  'connections.update': connectionUpdateSchema,
  /** Whether the account has a hierarchical namespace (detected once per connection, cached). */
  'accounts.describe': z.object({ connectionId }).strict(),
  'containers.list': z.object({ connectionId }).strict(),
  /** Creates a container (a filesystem on HNS accounts); the name is checked before any request. */
  'containers.create': containerArgsSchema,
  /** Deletes a container and everything in it; `confirmName` must repeat the name. */
  'containers.delete': deleteContainerArgsSchema,
  'containers.properties': containerArgsSchema,
  'paths.list': z
    .object({
      connectionId,
      container: containerNameSchema,
      directory: directoryPathSchema,
      /** Entries per page, 1–5,000; the service default is 5,000. */
      pageSize: z.number().int().min(1).max(maxPageSize).optional(),
      continuationToken: z.string().min(1).max(4096).optional(),
    })
    .strict(),
  /** Reads only the bytes needed to show a blob. A new preview aborts the previous one still running. */
  'paths.preview': previewArgsSchema,
  /** A Delta table at a version (time travel); aborts the previous preview like `paths.preview`. */
  'paths.previewDelta': deltaPreviewArgsSchema,
  /** Whether a directory is the root of a table format Lakeshore previews (`_delta_log/` inside). */
  'paths.detectTable': z
    .object({ connectionId, container: containerNameSchema, directory: directoryPathSchema })
    .strict(),
  /** Aborts the preview in flight, if any (the pane closed). */
  'paths.cancelPreview': z.object({}).strict(),
  /** SQL over a file, folder or Delta table as view `t` (see `queryRunArgsSchema`). */
  'query.run': queryRunArgsSchema,
  /** Saves a query's whole result as CSV or Parquet to a local file or a blob (see `querySaveArgsSchema`). */
  'query.save': querySaveArgsSchema,
  /** The schema DuckDB infers for a blob to convert (see `inspectConversionArgsSchema`). */
  'query.inspectConversion': inspectConversionArgsSchema,
  /** VACUUM's dry run: the files it would delete (see `planVacuumArgsSchema`). */
  'delta.planVacuum': planVacuumArgsSchema,
  /** Interrupts a running query; its `query.run` answers `Cancelled`. */
  'query.cancel': queryCancelArgsSchema,
  /** Downloads a blob to a temporary folder and opens it with the OS's default app (desktop app only). */
  'paths.openWithDefaultApp': previewArgsSchema.omit({ maxRows: true }),
  /**
   * Desktop app: downloads small files to a temporary folder and hands them to the OS as a
   * native drag (`webContents.startDrag`), for a drop on the desktop or a file manager.
   * Folders and files over `dragOutLimits` are refused (use Download).
   */
  'paths.dragOut': dragOutArgs,
  /** HNS: Create Path (directory); flat: a zero-length `hdi_isfolder=true` marker blob. */
  'paths.createDirectory': z
    .object({ connectionId, container: containerNameSchema, path: blobPathSchema })
    .strict(),
  /** HNS: one atomic rename; flat: copy each blob then delete its source, with progress. */
  'paths.rename': renameArgsSchema,
  /** Deletes files and folders recursively, with progress. */
  'paths.delete': deleteArgsSchema,
  /** Server-side copy into a directory (any connection), with progress. */
  'paths.copy': copyArgsSchema,
  /** Recursive count and bytes of a directory, streamed as progress. */
  'paths.stats': statsArgsSchema,
  'paths.properties': z
    .object({ connectionId, container: containerNameSchema, ...pathRefSchema.shape })
    .strict(),
  /** A file's URL with a user delegation SAS (Microsoft Entra ID connections), to share it. */
  'paths.delegationSas': delegationSasArgsSchema,
  /** Sets content type and/or replaces metadata of a file. */
  'paths.setProperties': setPropertiesArgsSchema,
  /** HNS only. */
  'paths.getAccessControl': z
    .object({ connectionId, container: containerNameSchema, path: directoryPathSchema })
    .strict(),
  /** HNS only: owner, group and/or the whole ACL of one path. */
  'paths.setAccessControl': setAccessControlArgsSchema,
  /** HNS only: merge, remove or set ACL entries on a directory tree (optionally a dry run). */
  'paths.updateAccessControlRecursive': updateAclRecursiveArgsSchema,
  /** HNS only: whether a user or group can reach a path (execute on every parent). */
  'paths.checkAccess': checkAccessArgsSchema,
  /** Soft-deleted blobs under a directory (flat accounts with blob soft delete). */
  'paths.listDeleted': listDeletedArgsSchema,
  /** Restores soft-deleted blobs. */
  'paths.undelete': undeleteArgsSchema,
  /** Cancels a running operation (delete, rename, copy, stats, recursive ACL). */
  'operations.cancel': z.object({ operationId: operationIdSchema }).strict(),
  /** Every job the transfer queue knows (progress then arrives as `transfers.progress` events). */
  'transfers.list': z.object({}).strict(),
  /** Uploads local files and folders (Electron: paths the user picked or dropped). */
  'transfers.enqueueUpload': enqueueUploadArgs,
  /** Uploads what the browser staged under a batch id (browser-mode drops). */
  'transfers.enqueueStagedUpload': stagedUploadArgs,
  'transfers.enqueueDownload': enqueueDownloadArgs,
  /** Converts one blob CSV/TSV/NDJSON → Parquet or Parquet → CSV into any connection, as a job (see `convertArgsSchema`). */
  'transfers.enqueueConvert': convertArgsSchema,
  /** Converts every convertible file under a folder, one job per file (see `convertFolderArgsSchema`). */
  'transfers.enqueueConvertFolder': convertFolderArgsSchema,
  /** VACUUM as a job: deletes the files a plan made when it starts lists (see `vacuumArgsSchema`). */
  'transfers.enqueueVacuum': vacuumArgsSchema,
  /** RESTORE to a version as the next commit, as a job (see `restoreArgsSchema`). */
  'transfers.enqueueRestore': restoreArgsSchema,
  'transfers.pause': transferJobArgs,
  'transfers.resume': transferJobArgs,
  'transfers.cancel': transferJobArgs,
  'transfers.retry': transferJobArgs,
  /** Shows a finished download's file or folder selected in the OS file manager (the desktop app). */
  'transfers.showInFolder': transferJobArgs,
  'transfers.clearFinished': z.object({}).strict(),
  'transfers.resolveConflict': resolveConflictArgs,
  'auth.signIn': signInArgsSchema,
  /** Ends a sign-in that waits for the browser or a device code. */
  'auth.cancelSignIn': z.object({}).strict(),
  'auth.signOut': z.object({ accountId: entraAccountIdSchema }).strict(),
  'auth.accounts': z.object({}).strict(),
  /** The tenants → subscriptions → storage accounts a signed-in account sees (Resource Manager). */
  'discovery.list': discoveryListArgsSchema,
  /** Opens a discovered account with its key (Resource Manager listKeys) instead of the identity's data roles. */
  'discovery.useAccountKey': discoveryUseAccountKeyArgsSchema,
  /** Whether to offer "Use account key instead": a discovered account whose identity may list its keys. */
  'discovery.canUseAccountKey': discoveryUseAccountKeyArgsSchema,
  /** The activity log of storage operations, newest first, filtered. */
  'activity.list': activityQuerySchema,
  /** Latency percentiles, errors by code and retries per operation since the app started. */
  'diagnostics.summary': z.object({}).strict(),
  /** Writes a zip of the logs, settings and activity (secrets removed) into the download folder. */
  'diagnostics.export': z.object({}).strict(),
} as const satisfies Record<CallName, z.ZodType>;

/** Where this process keeps secrets: Electron safeStorage (OS keychain) or a 0600 file (browser mode). */
export type SecretStorageKind = 'os-encryption' | 'file-0600';

export interface AppInfo {
  version: string;
  /** `electron`: the desktop app; `browser`: the loopback browser mode. */
  mode: 'electron' | 'browser';
  secretStorage: SecretStorageKind;
  dataDir: string;
  /** Where the logs are written: `<dataDir>/logs`. */
  logDir: string;
  /** Where downloads go unless the user picks a folder: the OS's Downloads folder. */
  downloadDirectory: string;
  /** Whether `paths.openWithDefaultApp` works here (the desktop app). */
  canOpenFiles: boolean;
  /** Whether `local.pickFolder` opens the OS's folder dialog (the desktop app); otherwise use the in-app picker. */
  canPickFolders: boolean;
  /** Whether `paths.dragOut` can hand files to the OS as a native drag (the desktop app). */
  canDragOut: boolean;
  /** Whether `transfers.showInFolder` opens the OS file manager at a download (the desktop app). */
  canShowInFolder: boolean;
}

/** The value each call resolves to on success. */
export interface CallResults extends Record<CallName, unknown> {
  'app.info': AppInfo;
  'settings.get': Settings;
  'settings.update': Settings;
  'local.listFolders': LocalFolderListing;
  'local.pickFolder': { path: string | null };
  'connections.list': ConnectionSummary[];
  'connections.add': ConnectionSummary;
  'connections.remove': null;
  'connections.update': ConnectionSummary;
  'accounts.describe': AccountDescription;
  'containers.list': ContainerSummary[];
  'containers.create': null;
  'containers.delete': null;
  'containers.properties': ContainerProperties;
  'paths.list': PathPage;
  'paths.preview': Preview;
  'paths.previewDelta': DeltaPreview;
  'paths.detectTable': { format: 'delta' | 'none' };
  'paths.cancelPreview': null;
  'query.run': QueryRunResult;
  'query.save': QuerySaveResult;
  'query.inspectConversion': InspectConversionResult;
  'delta.planVacuum': VacuumPlanSummary;
  'query.cancel': null;
  'paths.openWithDefaultApp': { jobId: string };
  /** Resolves once the drag was handed to the OS: how many files and bytes it carries. */
  'paths.dragOut': { files: number; bytes: number };
  'paths.createDirectory': null;
  'paths.rename': { moved: number };
  'paths.delete': { deleted: number; bytes: number };
  'paths.copy': { copied: number; bytes: number };
  'paths.stats': FolderStats;
  'paths.properties': PathProperties;
  'paths.delegationSas': DelegationSas;
  'paths.setProperties': null;
  'paths.getAccessControl': AccessControl;
  'paths.setAccessControl': null;
  'paths.updateAccessControlRecursive': AclChangeSummary;
  'paths.checkAccess': AccessCheck;
  'paths.listDeleted': DeletedListing;
  'paths.undelete': { restored: number };
  'operations.cancel': null;
  'transfers.list': JobSummary[];
  'transfers.enqueueUpload': { jobIds: string[] };
  'transfers.enqueueStagedUpload': { jobIds: string[] };
  'transfers.enqueueDownload': { jobIds: string[] };
  'transfers.enqueueConvert': { jobIds: string[] };
  'transfers.enqueueConvertFolder': ConvertFolderPlan;
  'transfers.enqueueVacuum': { jobIds: string[] };
  'transfers.enqueueRestore': { jobIds: string[] };
  'transfers.pause': null;
  'transfers.resume': null;
  'transfers.cancel': null;
  'transfers.retry': null;
  'transfers.showInFolder': null;
  'transfers.clearFinished': null;
  'transfers.resolveConflict': null;
  'auth.signIn': EntraAccountSummary;
  'auth.cancelSignIn': null;
  'auth.signOut': null;
  'auth.accounts': EntraAccountSummary[];
  'discovery.list': DiscoveredTenant[];
  'discovery.useAccountKey': null;
  'discovery.canUseAccountKey': boolean;
  'activity.list': ActivityPage;
  'diagnostics.summary': DiagnosticsSummary;
  'diagnostics.export': DiagnosticsExport;
}

/** The argument as the caller writes it. */
export type CallArgs<N extends CallName> = z.input<(typeof callSchemas)[N]>;
/** The argument after validation in main. */
export type ParsedArgs<N extends CallName> = z.output<(typeof callSchemas)[N]>;
export type CallResult<N extends CallName> = CallResults[N];

/** Long-running operations report progress and can be cancelled, so their deadline is a day. */
const operationMs = 86_400_000;

/** Client-side deadline per call in ms; a call past it resolves to a `Timeout` error. */
export const callTimeoutMs: Record<CallName, number> = {
  'app.info': 5_000,
  'settings.get': 5_000,
  'settings.update': 5_000,
  'local.listFolders': 10_000,
  'local.pickFolder': 3_600_000,
  'connections.list': 5_000,
  'connections.add': 120_000,
  'connections.remove': 5_000,
  'connections.update': 5_000,
  'accounts.describe': 60_000,
  'containers.list': 60_000,
  'containers.create': 60_000,
  'containers.delete': 60_000,
  'containers.properties': 60_000,
  'paths.list': 120_000,
  'paths.preview': 60_000,
  'paths.previewDelta': 120_000,
  'paths.detectTable': 30_000,
  'paths.cancelPreview': 5_000,
  // Fetching a table's files into the cache and running the query: minutes for big tables.
  'query.run': 3_600_000,
  'query.save': 3_600_000,
  'query.inspectConversion': 3_600_000,
  'delta.planVacuum': 600_000,
  'query.cancel': 5_000,
  'paths.openWithDefaultApp': 60_000,
  // The download runs while the user holds the mouse: main gives up after dragOutLimits.deadlineMs.
  'paths.dragOut': 30_000,
  'paths.createDirectory': 60_000,
  'paths.rename': operationMs,
  'paths.delete': operationMs,
  'paths.copy': operationMs,
  'paths.stats': operationMs,
  'paths.properties': 60_000,
  'paths.delegationSas': 60_000,
  'paths.setProperties': 60_000,
  'paths.getAccessControl': 60_000,
  'paths.setAccessControl': 60_000,
  'paths.updateAccessControlRecursive': operationMs,
  'paths.checkAccess': 120_000,
  'paths.listDeleted': 120_000,
  'paths.undelete': 600_000,
  'operations.cancel': 5_000,
  'transfers.list': 5_000,
  'transfers.enqueueUpload': 60_000,
  'transfers.enqueueStagedUpload': 60_000,
  'transfers.enqueueDownload': 60_000,
  'transfers.enqueueConvert': 60_000,
  'transfers.enqueueConvertFolder': 120_000,
  'transfers.enqueueVacuum': 60_000,
  'transfers.enqueueRestore': 60_000,
  'transfers.pause': 60_000,
  'transfers.resume': 5_000,
  'transfers.cancel': 60_000,
  'transfers.retry': 5_000,
  'transfers.showInFolder': 5_000,
  'transfers.clearFinished': 10_000,
  'transfers.resolveConflict': 5_000,
  // The user signs in in the browser or on another device; the device code lives 15 minutes.
  'auth.signIn': 1_200_000,
  'auth.cancelSignIn': 5_000,
  'auth.signOut': 10_000,
  'auth.accounts': 10_000,
  // Tenants, subscriptions and their accounts: several Resource Manager pages each.
  'discovery.list': 120_000,
  'discovery.useAccountKey': 60_000,
  'discovery.canUseAccountKey': 60_000,
  'activity.list': 10_000,
  'diagnostics.summary': 10_000,
  'diagnostics.export': 60_000,
};
