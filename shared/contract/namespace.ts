import { z } from 'zod';
import { operationIdSchema } from './operations.js';
import {
  blobPathSchema,
  connectionIdSchema,
  containerNameSchema,
  directoryPathSchema,
} from './paths.js';

const connectionId = connectionIdSchema;
const container = containerNameSchema;

/**
 * What an account can do: `hns` accounts (ADLS Gen2, hierarchical namespace) have real
 * directories, atomic rename and POSIX ACLs; `flat` Blob accounts emulate directories with
 * `/` in names and `hdi_isfolder=true` marker blobs.
 */
export interface AccountDescription {
  namespace: 'hns' | 'flat';
  /**
   * How it was decided: Get Account Information, a DFS probe when the credential cannot call
   * it, or Resource Manager's `isHnsEnabled` for an account discovered after sign-in.
   */
  detectedBy: 'accountInfo' | 'dfsProbe' | 'resourceManager';
  accountName: string;
  /** Whether the account keeps deleted blobs, read when the connection was first described. */
  softDelete: SoftDeletePolicy;
}

/**
 * The account's blob soft delete (DeleteRetentionPolicy of Get Blob Service Properties,
 * https://learn.microsoft.com/rest/api/storageservices/get-blob-service-properties): on with
 * the days deleted blobs are kept, off, or `unknown` when the credential may not read it
 * (a container SAS).
 */
export type SoftDeletePolicy =
  { enabled: true; days: number } | { enabled: false } | { enabled: 'unknown' };

/** A path and whether it is a directory. */
export const pathRefSchema = z
  .object({ path: blobPathSchema, kind: z.enum(['file', 'directory']) })
  .strict();
export type PathRef = z.infer<typeof pathRefSchema>;

/** `paths.rename`: move `source` to `destination` in the same container (full paths). */
export const renameArgsSchema = z
  .object({
    connectionId,
    container,
    source: pathRefSchema,
    destination: blobPathSchema,
    operationId: operationIdSchema,
  })
  .strict();

/** `paths.delete`: delete files and folders (folders recursively). */
export const deleteArgsSchema = z
  .object({
    connectionId,
    container,
    paths: z.array(pathRefSchema).min(1).max(10_000),
    operationId: operationIdSchema,
  })
  .strict();

/** `paths.copy`: server-side copy of files and folders into a directory of any connection's container. */
export const copyArgsSchema = z
  .object({
    source: z
      .object({ connectionId, container, paths: z.array(pathRefSchema).min(1).max(10_000) })
      .strict(),
    destination: z.object({ connectionId, container, directory: directoryPathSchema }).strict(),
    /** HNS to HNS: give each copy its source's owner, group and ACL (default false). */
    keepAcls: z.boolean().optional(),
    /**
     * When an item's name exists in the destination: `fail` (the default) refuses with
     * `AlreadyExists` naming them before anything is copied; `skip` copies only the blobs that
     * do not exist (a folder merges); `overwrite` replaces them; `rename` (Keep both) copies
     * that item under the first free "name (1).ext".
     */
    existing: z.enum(['fail', 'skip', 'overwrite', 'rename']).optional(),
    operationId: operationIdSchema,
  })
  .strict();

/** `paths.stats`: recursive count and bytes of a directory. */
export const statsArgsSchema = z
  .object({
    connectionId,
    container,
    directory: directoryPathSchema,
    operationId: operationIdSchema,
  })
  .strict();

/** Counts of a directory tree; `files` and `bytes` include every level below. */
export interface FolderStats {
  files: number;
  directories: number;
  /** Bytes. */
  bytes: number;
}

/** Properties of one file or directory (Get Blob Properties, plus Get Access Control on HNS). */
export interface PathProperties {
  path: string;
  kind: 'file' | 'directory';
  /** Bytes. */
  size: number;
  contentType?: string;
  contentEncoding?: string;
  /** Base64, as the service stores it. */
  contentMD5?: string;
  etag?: string;
  /** ISO 8601. */
  lastModified?: string;
  /** ISO 8601. */
  createdOn?: string;
  accessTier?: string;
  leaseState?: string;
  leaseStatus?: string;
  serverEncrypted?: boolean;
  metadata: Record<string, string>;
  /** `https://<account>.blob.core.windows.net/<container>/<path>` (no SAS). */
  url: string;
  /** `abfss://<container>@<account>.dfs.core.windows.net/<path>`. */
  abfssPath: string;
  /** HNS only. */
  accessControl?: AccessControl;
}

/** Metadata names are C# identifiers (REST "Setting and Retrieving Properties and Metadata"). */
export const metadataSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/, 'Metadata names are letters, digits and _'),
  z.string().max(8192),
);

export const setPropertiesArgsSchema = z
  .object({
    connectionId,
    container,
    path: blobPathSchema,
    contentType: z.string().min(1).max(256).optional(),
    metadata: metadataSchema.optional(),
  })
  .strict();

/** An ACL entry as ADLS Gen2 writes it: `[default:]user|group|mask|other:[id]:rwx`. */
export interface AclEntry {
  scope: 'access' | 'default';
  type: 'user' | 'group' | 'mask' | 'other';
  /** Object id, UPN or empty for the owning user/group, mask and other. */
  id: string;
  /** Three characters from `r-`, `w-`, `x-`; absent in a removal list. */
  permissions?: string;
}

/** Owner, owning group, permissions (`rwxr-x---` and `+` with extended ACL) and ACL of an HNS path. */
export interface AccessControl {
  owner: string;
  group: string;
  permissions: string;
  acl: AclEntry[];
}

/** An ACL as text (`user::rwx,group::r-x,other::---,user:oid:r-x`), 1–8 KiB; parsed in main. */
export const aclTextSchema = z.string().min(1).max(8192);

export const setAccessControlArgsSchema = z
  .object({
    connectionId,
    container,
    path: blobPathSchema,
    owner: z.string().min(1).max(256).optional(),
    group: z.string().min(1).max(256).optional(),
    acl: aclTextSchema.optional(),
  })
  .strict();

/**
 * `paths.updateAccessControlRecursive`: `modify` adds or updates the named entries and keeps
 * every other entry of each path (the default; entries that only exist on children survive),
 * `remove` removes the named entries (no permissions given), `set` replaces whole ACLs.
 * With `dryRun` nothing changes: the result says how many paths would.
 */
export const updateAclRecursiveArgsSchema = z
  .object({
    connectionId,
    container,
    path: directoryPathSchema,
    mode: z.enum(['modify', 'remove', 'set']),
    acl: aclTextSchema,
    dryRun: z.boolean(),
    operationId: operationIdSchema,
  })
  .strict();

/** What a recursive ACL change did (or, in a dry run, would do). */
export interface AclChangeSummary {
  directories: number;
  files: number;
  /** Paths whose ACL is or would be different afterwards. */
  changed: number;
  failures: { path: string; message: string }[];
  /** Up to 20 examples of a change: a path and its ACL before and after. */
  examples: { path: string; before: string; after: string }[];
}

/** `paths.checkAccess`: can `principal` (an object id or UPN) reach `path`? */
export const checkAccessArgsSchema = z
  .object({
    connectionId,
    container,
    path: blobPathSchema,
    principal: z.string().min(1).max(256),
    principalKind: z.enum(['user', 'group']),
  })
  .strict();

/** For each directory from the root down to `path`: whether the principal has execute there. */
export interface AccessCheck {
  reachable: boolean;
  steps: { path: string; execute: boolean; read: boolean; write: boolean; via: string }[];
}

/** Containers: create, delete (the name typed again to confirm), properties. */
export const containerArgsSchema = z.object({ connectionId, container }).strict();
export const deleteContainerArgsSchema = z
  .object({ connectionId, container, confirmName: z.string() })
  .strict()
  .refine((a) => a.confirmName === a.container, {
    message: 'Type the container name exactly to confirm',
    path: ['confirmName'],
  });

export interface ContainerProperties {
  name: string;
  publicAccess: 'none' | 'blob' | 'container';
  leaseState?: string;
  leaseStatus?: string;
  leaseDuration?: string;
  etag?: string;
  /** ISO 8601. */
  lastModified?: string;
  metadata: Record<string, string>;
  hasImmutabilityPolicy?: boolean;
  hasLegalHold?: boolean;
}

/** `paths.listDeleted`: soft-deleted blobs under a directory of a flat account. */
export const listDeletedArgsSchema = z
  .object({ connectionId, container, directory: directoryPathSchema })
  .strict();

/** A soft-deleted blob: full path, bytes, and when it was deleted (ISO 8601). */
export interface DeletedEntry {
  path: string;
  size: number;
  deletedOn?: string;
  /** Days before the service removes it for good. */
  remainingRetentionDays?: number;
}

/**
 * Soft-deleted blobs under a directory (every level below, at most `maxDeletedEntries`), and
 * whether the account keeps deleted blobs at all (`unknown` when the credential cannot read
 * the service properties).
 */
export interface DeletedListing {
  softDelete: SoftDeletePolicy;
  entries: DeletedEntry[];
  /** More deleted blobs exist than were listed. */
  truncated: boolean;
}

/** At most this many deleted blobs are listed at once. */
export const maxDeletedEntries = 5000;

/** `paths.undelete`: restore soft-deleted blobs (Undelete Blob). */
export const undeleteArgsSchema = z
  .object({ connectionId, container, paths: z.array(blobPathSchema).min(1).max(maxDeletedEntries) })
  .strict();
