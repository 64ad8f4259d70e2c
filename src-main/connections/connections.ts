import { randomBytes } from 'node:crypto';
import type { ConnectionSummary, NewConnection } from '../../shared/contract/index.js';
import {
  openAccount,
  pipelineOptions,
  type AccountAccess,
  type AccountCredential,
} from '../storage/accountAccess.js';
import { failWith, LakeFailure, toLakeError } from '../storage/toLakeError.js';
import type { ConnectionStore } from './connectionStore.js';
import { sasExpiry } from './sasExpiry.js';

/** The embedded emulator as the connections need it: started on demand, shared by every call. */
export interface EmulatorHandle {
  /** Starts Azurite (and seeds it the first time) unless it runs; resolves to its connection string and endpoint. */
  ensureRunning(): Promise<{ connectionString: string; blobEndpoint: string }>;
}

/** Saved connections and the opened account clients behind them. */
export interface Connections {
  list(): Promise<ConnectionSummary[]>;
  /**
   * Tests `input` with one authenticated request and saves it only when that succeeds.
   * Rejects with `InvalidInput` (malformed string or URL), `AuthFailed` (bad key, expired SAS),
   * `Unreachable` (unknown host) or the service's error; nothing is saved then.
   * Adding the emulator twice returns the saved one.
   */
  add(input: NewConnection): Promise<ConnectionSummary>;
  /** Rejects with `NotFound` when `id` is unknown. */
  remove(id: string): Promise<void>;
  /**
   * The opened account of a saved connection, with the pipeline settings of `profile`
   * (`interactive` by default; `transfer` for the transfer engine). Rejects with `NotFound`
   * when `id` is unknown.
   */
  access(id: string, profile?: 'interactive' | 'transfer'): Promise<AccountAccess>;
}

const newId = (): string => randomBytes(9).toString('base64url');

function toCredential(input: Exclude<NewConnection, { kind: 'emulator' }>): AccountCredential {
  switch (input.kind) {
    case 'connectionString':
      return { kind: 'connectionString', connectionString: input.connectionString.trim() };
    case 'accountKey':
      return {
        kind: 'accountKey',
        accountName: input.accountName.trim(),
        accountKey: input.accountKey.trim(),
        blobEndpoint:
          input.blobEndpoint ?? `https://${input.accountName.trim()}.blob.core.windows.net`,
      };
    case 'sas': {
      const expiry = sasExpiry(input.url);
      if (expiry && expiry.getTime() <= Date.now()) {
        failWith(
          'AuthFailed',
          `This SAS expired on ${expiry.toISOString()}. Generate a new one and paste its URL.`,
        );
      }
      return { kind: 'sas', url: input.url.trim() };
    }
  }
}

/**
 * Runs the access probe. A 403 on that first one-item listing means the credential itself was
 * refused (Azure answers AuthenticationFailed, Azurite AuthorizationFailure for a wrong key or
 * signature), so it is reported as `AuthFailed`, keeping status and request id.
 */
async function probeCredential(access: AccountAccess): Promise<void> {
  try {
    await access.probe();
  } catch (e) {
    const error = toLakeError(e);
    if (error.code !== 'PermissionDenied' || error.status !== 403) throw e;
    throw new LakeFailure({
      ...error,
      code: 'AuthFailed',
      message: `The service refused these credentials (${error.azureCode ?? 'HTTP 403'}): check the account key or SAS. A SAS must not be expired and must allow List.`,
    });
  }
}

const defaultName = (access: AccountAccess, kind: ConnectionSummary['kind']): string => {
  const scope =
    access.scope.type === 'container'
      ? `${access.accountName}/${access.scope.container}`
      : access.accountName;
  return kind === 'sas' ? `${scope} (SAS)` : scope;
};

/** Connections backed by `store`; the emulator connection opens through `emulator`. */
export function createConnections(store: ConnectionStore, emulator: EmulatorHandle): Connections {
  const opened = new Map<string, Promise<AccountAccess>>();

  const openSaved = async (
    id: string,
    profile: 'interactive' | 'transfer',
  ): Promise<AccountAccess> => {
    const saved = await store.get(id);
    if (!saved)
      return failWith('NotFound', 'This connection no longer exists; it may have been removed.');
    if (saved.credential.kind === 'emulator') {
      const running = await emulator.ensureRunning();
      return openAccount(
        { kind: 'connectionString', connectionString: running.connectionString },
        pipelineOptions[profile],
      );
    }
    return openAccount(saved.credential, pipelineOptions[profile]);
  };

  return {
    list: () => store.list(),
    async add(input) {
      if (input.kind === 'emulator') {
        const existing = (await store.list()).find((c) => c.kind === 'emulator');
        if (existing) return existing;
        const running = await emulator.ensureRunning();
        const summary: ConnectionSummary = {
          id: newId(),
          name: input.name ?? 'Local emulator',
          kind: 'emulator',
          accountName: 'devstoreaccount1',
          blobEndpoint: running.blobEndpoint,
          scope: { type: 'account' },
        };
        await store.add({ summary, credential: { kind: 'emulator' } });
        return summary;
      }
      const credential = toCredential(input);
      const access = openAccount(credential, pipelineOptions.probe);
      await probeCredential(access);
      const summary: ConnectionSummary = {
        id: newId(),
        name: input.name ?? defaultName(access, input.kind),
        kind: input.kind,
        accountName: access.accountName,
        blobEndpoint: access.blobEndpoint,
        scope: access.scope,
      };
      await store.add({ summary, credential });
      return summary;
    },
    async remove(id) {
      opened.delete(`interactive:${id}`);
      opened.delete(`transfer:${id}`);
      if (!(await store.remove(id))) failWith('NotFound', 'This connection no longer exists.');
    },
    access(id, profile = 'interactive') {
      const key = `${profile}:${id}`;
      let access = opened.get(key);
      if (!access) {
        access = openSaved(id, profile);
        opened.set(key, access);
        access.catch(() => opened.delete(key));
      }
      return access;
    },
  };
}
