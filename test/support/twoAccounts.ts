import {
  BlobServiceClient,
  StorageSharedKeyCredential,
  type ContainerClient,
} from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { startAzurite } from '../../src-main/emulator/azurite.js';

/** Two storage accounts, `a` and `b`, each with its own name and key, on one Azurite. */
export interface TwoAccounts {
  /** `http://127.0.0.1:PORT/<account>` of each. */
  endpoints: { a: string; b: string };
  /** Account names and keys (base64), as a connection string or the CLI's `--account-key` takes them. */
  names: { a: string; b: string };
  keys: { a: string; b: string };
  /** A client on `container` of `account`, signed with that account's key. */
  container(account: 'a' | 'b', container: string): ContainerClient;
  /** A client on `container` of `account` signed with the OTHER account's key (must be refused). */
  wrongKeyContainer(account: 'a' | 'b', container: string): ContainerClient;
  /** Process id of the Azurite serving both (a benchmark reads its CPU seconds). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts an in-memory Azurite holding two accounts (`lakeshorea`, `lakeshoreb`, random keys),
 * declared by Azurite's `AZURITE_ACCOUNTS` variable (`name:key;name:key`, see
 * https://github.com/Azure/Azurite#customized-storage-accounts--keys), so a test can move data
 * from one account to another with a credential each, as between two real accounts.
 */
export async function startTwoAccounts(): Promise<TwoAccounts> {
  const names = { a: 'lakeshorea', b: 'lakeshoreb' };
  const keys = { a: randomBytes(64).toString('base64'), b: randomBytes(64).toString('base64') };
  const before = process.env.AZURITE_ACCOUNTS;
  process.env.AZURITE_ACCOUNTS = `${names.a}:${keys.a};${names.b}:${keys.b}`;
  const azurite = await startAzurite({ location: 'memory' }).finally(() => {
    if (before === undefined) delete process.env.AZURITE_ACCOUNTS;
    else process.env.AZURITE_ACCOUNTS = before;
  });
  const endpoints = {
    a: `http://127.0.0.1:${azurite.port}/${names.a}`,
    b: `http://127.0.0.1:${azurite.port}/${names.b}`,
  };
  const client = (account: 'a' | 'b', signer: 'a' | 'b', container: string) =>
    new BlobServiceClient(
      endpoints[account],
      new StorageSharedKeyCredential(names[account], keys[signer]),
    ).getContainerClient(container);
  return {
    endpoints,
    names,
    keys,
    container: (account, container) => client(account, account, container),
    wrongKeyContainer: (account, container) =>
      client(account, account === 'a' ? 'b' : 'a', container),
    pid: azurite.pid,
    stop: () => azurite.stop(),
  };
}
