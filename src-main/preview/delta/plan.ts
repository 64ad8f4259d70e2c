import { failWith } from '../../storage/toLakeError.js';

/** Most commits the history lists (the newest ones). */
export const maxHistoryEntries = 100;

/** Which log files to read to show one version of a table, and what to tell the user about it. */
export interface ReplayPlan {
  /** The newest version in the log (commit or checkpoint). */
  latestVersion: number;
  /** The version shown: the one asked for, or the last before a missing commit. */
  version: number;
  /** The checkpoint version the replay starts from, if any. */
  checkpoint?: number;
  /** Commit versions to replay after the checkpoint (or from 0), in order. */
  replay: number[];
  /** Commit versions whose `commitInfo` makes the history, newest first, at most `maxHistoryEntries`. */
  history: number[];
  /** Problems met (a missing commit, a stale `_last_checkpoint`); the checkpoint used is `checkpoint`, not a note. */
  notes: string[];
}

/**
 * Plans a time-travel read (Delta protocol, "Checkpoints" and "Delta Log Entries":
 * https://github.com/delta-io/delta/blob/master/PROTOCOL.md#checkpoints): start from the
 * newest checkpoint at or before `requested` (default: the latest version), then replay the
 * JSON commits after it. A commit missing from that sequence stops the replay at the version
 * before it, with a note. `hint` is the version `_last_checkpoint` names, noted when the log
 * lacks that checkpoint. Throws `LakeFailure` `NotFound` for an empty log and `InvalidInput`
 * for a version past the latest or one that neither commit 0 nor a checkpoint can rebuild.
 */
export function planReplay(
  commits: ReadonlySet<number>,
  checkpoints: ReadonlySet<number>,
  requested: number | undefined,
  hint?: number,
): ReplayPlan {
  const all = [...commits, ...checkpoints];
  if (all.length === 0) return failWith('NotFound', 'The Delta log holds no commits.');
  const latestVersion = Math.max(...all);
  if (requested !== undefined && requested > latestVersion) {
    return failWith(
      'InvalidInput',
      `Version ${requested} does not exist: the latest version is ${latestVersion}.`,
    );
  }
  const target = requested ?? latestVersion;
  const notes: string[] = [];
  if (hint !== undefined && !checkpoints.has(hint)) {
    notes.push(`_last_checkpoint names checkpoint ${hint}, which is not in the log.`);
  }
  const usable = [...checkpoints].filter((v) => v <= target);
  const checkpoint = usable.length > 0 ? Math.max(...usable) : undefined;
  if (checkpoint === undefined && !commits.has(0)) {
    const earliest = Math.min(...commits);
    return failWith(
      'InvalidInput',
      `Version ${target} cannot be rebuilt: the log starts at commit ${earliest} and has no checkpoint at or before version ${target}.`,
    );
  }
  const replay: number[] = [];
  let version = checkpoint ?? -1;
  for (let v = version + 1; v <= target; v += 1) {
    if (!commits.has(v)) {
      notes.push(`Commit ${v} is missing: showing up to version ${version}.`);
      break;
    }
    replay.push(v);
    version = v;
  }
  const history = [...commits].sort((a, b) => b - a).slice(0, maxHistoryEntries);
  return {
    latestVersion,
    version,
    ...(checkpoint === undefined ? {} : { checkpoint }),
    replay,
    history,
    notes,
  };
}
