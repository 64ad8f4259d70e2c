import { z } from 'zod';
import { blobPathSchema, connectionIdSchema, containerNameSchema } from './paths.js';

/**
 * How long a URL with SAS works: presets within the 7 days a user delegation key may last
 * (https://learn.microsoft.com/rest/api/storageservices/get-user-delegation-key).
 */
export const sasLifetimes = ['1h', '1d', '7d'] as const;
export type SasLifetime = (typeof sasLifetimes)[number];

/**
 * `paths.delegationSas`: a file's or (on accounts with a hierarchical namespace) a folder's URL
 * signed with a user delegation key; read-only unless `write`.
 */
export const delegationSasArgsSchema = z
  .object({
    connectionId: connectionIdSchema,
    container: containerNameSchema,
    path: blobPathSchema,
    /** A file (the default) or a folder with everything below it. */
    kind: z.enum(['file', 'folder']).optional(),
    lifetime: z.enum(sasLifetimes),
    /** Also allow add, create and write (`racw`); default read only (`r`). */
    write: z.boolean().optional(),
  })
  .strict();
export type DelegationSasArgs = z.infer<typeof delegationSasArgsSchema>;

/** The URL with its SAS, what it allows and until when (ISO 8601 UTC). */
export interface DelegationSas {
  url: string;
  /** The SAS's `sp`, e.g. `r` or `racw` for a file, `rl` or `racwl` for a folder. */
  permissions: string;
  expiresOn: string;
}
