import path from 'node:path';
import type { ConnectionSummary } from '../../shared/contract/index.js';
import type { SecretCipher } from '../auth/secretVault.js';
import { readJsonFile, writeFileAtomic } from '../platform/atomicFile.js';
import type { StoredCredential } from './storedCredential.js';

/** A saved connection: what the renderer may see, and the credential it may not. */
export interface SavedConnection {
  summary: ConnectionSummary;
  credential: StoredCredential;
}

/**
 * Saved connections under the data folder: `connections.json` holds the summaries (no
 * secret), `secrets.json` (mode 0600) the credentials sealed by `cipher`. Writes are atomic
 * and serialised, so a crash never leaves a summary without its secret.
 */
export interface ConnectionStore {
  list(): Promise<ConnectionSummary[]>;
  /** The saved connection, or `undefined` when `id` is unknown. */
  get(id: string): Promise<SavedConnection | undefined>;
  add(connection: SavedConnection): Promise<void>;
  /** Returns whether something was removed. */
  remove(id: string): Promise<boolean>;
  /**
   * Replaces the summary of `id` with `change(summary)` in place (its credential untouched) and
   * resolves to the new summary, or to `undefined` when `id` is unknown.
   */
  updateSummary(
    id: string,
    change: (summary: ConnectionSummary) => ConnectionSummary,
  ): Promise<ConnectionSummary | undefined>;
}

/** Opens the store in `dataDir`. Throws on read when a file is corrupt or a secret cannot be opened by `cipher`. */
export function createConnectionStore(dataDir: string, cipher: SecretCipher): ConnectionStore {
  const summariesFile = path.join(dataDir, 'connections.json');
  const secretsFile = path.join(dataDir, 'secrets.json');
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const readSummaries = () => readJsonFile<ConnectionSummary[]>(summariesFile, []);
  const readSecrets = () => readJsonFile<Record<string, string>>(secretsFile, {});

  const writeBoth = async (summaries: ConnectionSummary[], secrets: Record<string, string>) => {
    await writeFileAtomic(secretsFile, JSON.stringify(secrets, null, 2), 0o600);
    await writeFileAtomic(summariesFile, JSON.stringify(summaries, null, 2));
  };

  return {
    list: () => serialise(readSummaries),
    get: (id) =>
      serialise(async () => {
        const summary = (await readSummaries()).find((s) => s.id === id);
        const sealed = (await readSecrets())[id];
        if (!summary || sealed === undefined) return undefined;
        return { summary, credential: JSON.parse(cipher.open(sealed)) as StoredCredential };
      }),
    add: ({ summary, credential }) =>
      serialise(async () => {
        const summaries = (await readSummaries()).filter((s) => s.id !== summary.id);
        const secrets = await readSecrets();
        secrets[summary.id] = cipher.seal(JSON.stringify(credential));
        await writeBoth([...summaries, summary], secrets);
      }),
    remove: (id) =>
      serialise(async () => {
        const summaries = await readSummaries();
        const secrets = await readSecrets();
        if (!summaries.some((s) => s.id === id)) return false;
        delete secrets[id];
        await writeBoth(
          summaries.filter((s) => s.id !== id),
          secrets,
        );
        return true;
      }),
    updateSummary: (id, change) =>
      serialise(async () => {
        const summaries = await readSummaries();
        const at = summaries.findIndex((s) => s.id === id);
        if (at < 0) return undefined;
        const changed = { ...change(summaries[at]!), id };
        summaries[at] = changed;
        await writeFileAtomic(summariesFile, JSON.stringify(summaries, null, 2));
        return changed;
      }),
  };
}
