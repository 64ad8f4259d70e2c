import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { NetworkSettings } from '../../shared/contract/index.js';
import { plainFileCipher } from '../auth/secretVault.js';
import { createConnectionStore } from '../connections/connectionStore.js';
import {
  processStorageObserver,
  setProcessObserver,
  withOwnNetwork,
} from '../observability/storageCallPolicy.js';
import { resolveDataDir } from '../platform/dataDir.js';
import { connectionConfigPath, readConnectionConfig } from '../provisioning/connectionConfig.js';
import { provisionedPipeline } from '../provisioning/provisionedCredential.js';
import { retryOptionsNetwork } from '../storage/accountAccess.js';
import type { CliIo } from './output.js';

/**
 * The timeouts and retries connection `name` sets over the defaults, found as `namedConnection`
 * finds it: a valid provisioned entry's (connections.toml or the environment; its `retries.*`
 * and `timeouts.operation_s` read as the app reads them), else a saved connection's (Add
 * connection › Advanced; by name, then ignoring case). Undefined when it sets none or there is
 * no such connection (`namedConnection` reports that). Reads no secret.
 */
export async function connectionNetwork(
  name: string,
  io: CliIo,
): Promise<Partial<NetworkSettings> | undefined> {
  const dataDir = resolveDataDir(io.env);
  const config = await readConnectionConfig(connectionConfigPath(dataDir, io.env), io.env);
  const entry = config.entries.find((e) => e.name === name);
  if (entry)
    return entry.status === 'valid'
      ? retryOptionsNetwork(provisionedPipeline(entry.settings).retryOptions)
      : undefined;
  const summaries = await createConnectionStore(dataDir, plainFileCipher).list();
  const summary =
    summaries.find((s) => s.name === name) ??
    summaries.find((s) => s.name.toLowerCase() === name.toLowerCase());
  return summary?.network;
}

/**
 * When `command` was given `--connection NAME`, makes the process's storage observer (that of
 * every account the run opens, `setProcessObserver`) time and retry requests with that
 * connection's own settings over the ones it had. The caller restores the observer after the run.
 */
export async function useConnectionNetwork(command: CommandUnknownOpts, io: CliIo): Promise<void> {
  const name = (command.opts() as { connection?: string }).connection;
  if (!name) return;
  const own = await connectionNetwork(name, io);
  setProcessObserver(withOwnNetwork(processStorageObserver(), own));
}
