import { z } from 'zod';
import { connectionIdSchema, containerNameSchema, directoryPathSchema } from './paths.js';

const table = {
  connectionId: connectionIdSchema,
  container: containerNameSchema,
  /** The table's root folder (holding `_delta_log/`). */
  directory: directoryPathSchema.refine((d) => d !== '', { message: 'A table folder' }),
};

/** The Delta default retention of VACUUM: 7 days (`delta.deletedFileRetentionDuration`). */
export const defaultVacuumRetentionHours = 168;

/** `delta.planVacuum`: what VACUUM with `retentionHours` would delete (a dry run; nothing changes). */
export const planVacuumArgsSchema = z
  .object({
    ...table,
    retentionHours: z
      .number()
      .min(0)
      .max(24 * 365 * 100),
  })
  .strict();

/**
 * `transfers.enqueueVacuum`: a job deleting what a plan made in main when it starts lists
 * (never the caller's list). A retention under `defaultVacuumRetentionHours` needs
 * `acceptVersionsLost`, after the plan named the versions time travel loses; otherwise the job
 * fails `InvalidInput` naming them, and nothing is deleted.
 */
export const vacuumArgsSchema = planVacuumArgsSchema
  .extend({ acceptVersionsLost: z.boolean().optional() })
  .strict();

/**
 * `transfers.enqueueRestore`: a job whose next commit restores the table to `version`
 * (conditional create; a concurrent commit makes it fail).
 */
export const restoreArgsSchema = z.object({ ...table, version: z.number().int().min(0) }).strict();

/** What VACUUM would delete: the files (blob names, bytes), their bytes, the cutoff and the versions time travel loses. */
export interface VacuumPlanSummary {
  retentionHours: number;
  cutoff: string;
  files: { name: string; size: number }[];
  bytes: number;
  versionsLost: number[];
}

/** What a RESTORE job wrote: the commit's version and the files it removed and added back. */
export interface RestoreSummary {
  version: number;
  commitVersion: number;
  filesAdded: number;
  filesRemoved: number;
}
