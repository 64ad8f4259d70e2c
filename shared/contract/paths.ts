import { z } from 'zod';

/** A saved connection's id, as main issued it. */
export const connectionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a connection id');

/** A full blob or directory name inside a container: 1–1,024 characters (the blob name limit), no NUL. */
export const blobPathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.includes('\0'), { message: 'A path cannot contain NUL' });

/** The rule for container names in user words (REST reference "Naming and Referencing Containers, Blobs, and Metadata"). */
export const containerNameRule =
  '3–63 characters: lowercase letters, digits and single hyphens, starting and ending with a letter or digit';

/** Why `name` cannot be a container name, rule by rule, or undefined when it can. */
export function containerNameProblem(name: string): string | undefined {
  if (name.length < 3) return 'At least 3 characters';
  if (name.length > 63) return 'At most 63 characters';
  if (/[^a-z0-9-]/.test(name)) return 'Only lowercase letters, digits and hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'Start and end with a letter or digit';
  if (name.includes('--')) return 'No two hyphens in a row';
  return undefined;
}

/** Azure container names, checked with `containerNameProblem`. */
export const containerNameSchema = z
  .string()
  .refine(
    (name) => containerNameProblem(name) === undefined,
    'Container names are 3–63 lowercase letters, digits and single hyphens',
  );

/**
 * A directory path inside a container: `''` for the root, otherwise segments joined by `/`,
 * with no leading or trailing `/`, no empty segment and no NUL. At most 1,024 characters
 * (the blob name limit).
 */
export const directoryPathSchema = z
  .string()
  .max(1024)
  .refine((p) => p === '' || (!p.startsWith('/') && !p.endsWith('/') && !p.includes('//')), {
    message: 'A directory path has no leading, trailing or doubled "/"',
  })
  .refine((p) => !p.includes('\0'), { message: 'A path cannot contain NUL' });

export interface ContainerSummary {
  name: string;
  /** ISO 8601. */
  lastModified: string;
  /** Anonymous read access: none, `blob` or `container`. */
  publicAccess: 'none' | 'blob' | 'container';
  leaseState?: string;
}

/** An entry of a directory listing. `path` is the full name inside the container (directories without a trailing `/`). */
export type PathEntry =
  | { kind: 'directory'; name: string; path: string }
  | {
      kind: 'file';
      name: string;
      path: string;
      /** Bytes. */
      size: number;
      /** ISO 8601. */
      lastModified: string;
      contentType?: string;
      etag?: string;
      accessTier?: string;
    };

/** One page of a directory listing; `continuationToken` is absent on the last page. */
export interface PathPage {
  entries: PathEntry[];
  continuationToken?: string;
}

/** The service returns at most 5,000 entries a page (List Blobs `maxresults`). */
export const maxPageSize = 5000;
