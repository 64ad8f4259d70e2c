// Names the kind of write a request is, as the chaos proxy sees it, for the lost-answer suite.
import type http from 'node:http';
import { seededRandom, type ChaosPlan } from './chaosProxy.js';

/**
 * The REST operation a request is when it changes something (by method, query and headers),
 * with ` (conditional)` when it carries If-None-Match or If-Match; `undefined` for a read.
 */
export function writeKindOf(req: http.IncomingMessage): string | undefined {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = (name: string) => url.searchParams.get(name);
  const h = (name: string) => req.headers[name] as string | undefined;
  const conditional = h('if-none-match') !== undefined || h('if-match') !== undefined;
  const when = (kind: string) => (conditional ? `${kind} (conditional)` : kind);
  switch (req.method) {
    case 'DELETE':
      if (q('restype') === 'container' || q('resource') === 'filesystem') return 'Delete Container';
      return q('recursive') !== null ? 'Delete Path' : 'Delete Blob';
    case 'POST':
      return q('comp') === 'batch' ? 'Blob Batch' : 'POST';
    case 'PATCH':
      return `Path Update ${q('action') ?? ''}`.trim();
    case 'PUT': {
      if (h('x-ms-rename-source') !== undefined) return 'Rename Path';
      if (h('x-ms-copy-source') !== undefined && q('comp') === null) return when('Copy Blob');
      if (q('resource') === 'file' || q('resource') === 'directory') {
        return when(`Create Path (${q('resource')})`);
      }
      if (q('comp') === null && (q('restype') === 'container' || q('resource') === 'filesystem')) {
        return 'Create Container';
      }
      switch (q('comp')) {
        case null:
          return when('Put Blob');
        case 'block':
          return 'Put Block';
        case 'blocklist':
          return when('Put Block List');
        case 'properties':
          return when('Set Blob Properties');
        case 'metadata':
          return when('Set Blob Metadata');
        default:
          return when(`PUT comp=${q('comp')}`);
      }
    }
    default:
      return undefined;
  }
}

/** The kinds of write each namespace's lost-answer run must have lost an answer of. */
export const expectedLostKinds: Record<'flat' | 'hns', string[]> = {
  flat: [
    'Put Blob',
    'Put Blob (conditional)',
    'Put Block',
    'Put Block List',
    'Put Block List (conditional)',
    'Copy Blob',
    'Copy Blob (conditional)',
    'Delete Blob',
    'Blob Batch',
    'Set Blob Properties (conditional)',
    'Set Blob Metadata',
    'Create Container',
    'Delete Container',
  ],
  hns: [
    'Put Blob',
    'Put Blob (conditional)',
    'Put Block',
    'Put Block List',
    'Put Block List (conditional)',
    'Copy Blob',
    'Copy Blob (conditional)',
    'Rename Path',
    'Delete Path',
    'Create Path (directory) (conditional)',
    'Path Update setAccessControl',
    'Path Update setAccessControlRecursive',
    'Set Blob Properties (conditional)',
    'Set Blob Metadata',
    'Create Container',
    'Delete Container',
  ],
};

/** A lost-answer plan and what it did. */
export interface LostAnswerPlan {
  plan: ChaosPlan;
  /** Starts an operation: each kind of write's answer is lost once in it, at the occurrence the seed picks (the first in round 0). */
  startOperation(round: number): void;
  /** Answers lost so far, by kind. */
  lost: Map<string, number>;
  /** Answers lost in the operation running. */
  lostInOperation(): number;
}

/**
 * For each operation, loses the answer of one request of every kind of write it sends: the
 * first of its kind in round 0 (so every kind an operation sends is lost at least once), the
 * 1st–3rd (drawn from `seed`) in later rounds. Reads pass.
 */
export function lostAnswerPlan(seed: number): LostAnswerPlan {
  const random = seededRandom(seed);
  const lost = new Map<string, number>();
  let seen = new Map<string, number>();
  let pick = new Map<string, number>();
  let round = 0;
  let inOperation = 0;
  return {
    lost,
    lostInOperation: () => inOperation,
    startOperation(r) {
      round = r;
      seen = new Map();
      pick = new Map();
      inOperation = 0;
    },
    plan(req) {
      const kind = writeKindOf(req);
      if (!kind) return undefined;
      const n = (seen.get(kind) ?? 0) + 1;
      seen.set(kind, n);
      if (!pick.has(kind)) pick.set(kind, round === 0 ? 1 : 1 + Math.floor(random() * 3));
      if (n !== pick.get(kind)) return undefined;
      lost.set(kind, (lost.get(kind) ?? 0) + 1);
      inOperation += 1;
      return 'lose';
    },
  };
}
