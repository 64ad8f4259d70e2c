import {
  InvalidArgumentError,
  type Command,
  type CommandUnknownOpts,
  type OptionValues,
} from '@commander-js/extra-typings';
import { BlobUrlError, parseBlobUrl, type BlobLocation } from '../storage/blobUrl.js';
import type { AccountCredential } from '../storage/accountAccess.js';
import { connectionStringAccount } from '../storage/connectionStringAccount.js';
import { expiredSasError } from '../storage/expiredSas.js';
import { LakeFailure } from '../storage/toLakeError.js';
import { requireCliCredential } from './cliCredential.js';
import { namedConnection, namedCredentialFor, type NamedConnection } from './namedConnection.js';
import type { CliIo } from './output.js';
import { UsageError } from './usageError.js';

/** A parser for a whole number option from `min` to `max` (commander reports the message as a usage error). */
export const wholeNumber =
  (min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    return n;
  };

/** A parser for a positive number option (decimals allowed) up to `max`. */
export const positiveNumber =
  (max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > max)
      throw new InvalidArgumentError(`Expected a number above 0, at most ${max}.`);
    return n;
  };

/** Splits azcopy-style pattern lists (`'*.csv;*.tsv'`), repeated options adding up. */
const patternList = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== ''),
];

/**
 * Adds `--connection`, `--connection-string` and `--sas` to a command that reaches storage.
 * `--connection NAME` is resolved before the action runs by `resolveNamedConnection` (the
 * program's pre-action hook), its secret references read then.
 */
export function withCredentialOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
) {
  return command
    .option(
      '--connection <name>',
      'a saved connection or one of connections.toml / LAKESHORE_CONNECTIONS_* (lakeshore connections lists them)',
    )
    .option(
      '--connection-string <string>',
      'connection string of the account the URL names (default: AZURE_STORAGE_CONNECTION_STRING)',
    )
    .option(
      '--sas <token>',
      'SAS token for the URL (default: a SAS in the URL, or AZURE_STORAGE_SAS_TOKEN)',
    );
}

/** Adds `--include-pattern` and `--exclude-pattern` (file names, `*` and `?`, `;`-separated, repeatable). */
export function withPatternOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
) {
  return command
    .option(
      '--include-pattern <patterns>',
      "only files whose name matches one of these ('*.csv;*.tsv')",
      patternList,
    )
    .option(
      '--exclude-pattern <patterns>',
      "leave out files whose name matches one of these ('*.tmp')",
      patternList,
    );
}

/** Parses a storage URL argument; a malformed one is a usage error naming the form expected. */
export function storageUrl(arg: string): BlobLocation {
  try {
    return parseBlobUrl(arg);
  } catch (e) {
    if (e instanceof BlobUrlError || e instanceof URIError) throw new UsageError(e.message);
    throw e;
  }
}

/** Whether `arg` is written as a storage URL (https, http emulator, abfs/abfss) rather than a local path. */
export const isStorageUrl = (arg: string): boolean => /^(https?|abfss?):\/\//i.test(arg);

/**
 * The credential for `location` from a command's credential options and the environment (see
 * `resolveCliCredential`). Throws `UsageError` when none applies or it is for another account,
 * and `LakeFailure` AuthFailed "The SAS expired at …" for a SAS past its expiry, before any
 * request.
 */
export function credentialFor(
  location: BlobLocation,
  options: { connectionString?: string; sas?: string },
  io: CliIo,
): AccountCredential {
  const named = (options as { [namedConnectionKey]?: NamedConnection })[namedConnectionKey];
  const credential = named
    ? namedCredentialFor(location, named)
    : requireCliCredential(location, {
        ...(options.connectionString ? { connectionString: options.connectionString } : {}),
        ...(options.sas ? { sas: options.sas } : {}),
        env: io.env,
      });
  const sas =
    credential.kind === 'sas'
      ? credential.url
      : credential.kind === 'connectionString'
        ? (connectionStringAccount(credential.connectionString)?.sharedAccessSignature ?? '')
        : '';
  const expired = sas ? expiredSasError(sas, new Date()) : undefined;
  if (expired) throw new LakeFailure(expired);
  return credential;
}

/** Where the resolved `--connection` travels from the pre-action hook to `credentialFor`. */
const namedConnectionKey = 'resolvedConnection';

/** Commands that write when their last argument is a storage URL (the destination). */
const writesToDestination = new Set(['cp', 'sync']);
/** Commands that always change storage. */
const writingCommands = new Set(['rm', 'mv', 'mkdir', 'mb', 'rb', 'acl set']);

/**
 * Resolves `--connection NAME` of `command` and keeps it on the command's options. Throws
 * `UsageError` when it is combined with `--connection-string`/`--sas`, and when the
 * connection is read-only and the command would write; nothing is sent before.
 */
export async function resolveNamedConnection(
  command: CommandUnknownOpts,
  io: CliIo,
): Promise<void> {
  const options = command.opts() as {
    connection?: string;
    connectionString?: string;
    sas?: string;
  };
  if (!options.connection) return;
  if (options.connectionString || options.sas)
    throw new UsageError(
      '--connection cannot be combined with --connection-string or --sas: give one.',
    );
  const named = await namedConnection(options.connection, io);
  const name = command.parent?.parent
    ? `${command.parent.name()} ${command.name()}`
    : command.name();
  const destination = command.args.at(-1);
  const writes =
    writingCommands.has(name) ||
    (writesToDestination.has(name) && destination !== undefined && isStorageUrl(destination));
  if (named.readOnly && writes) {
    throw new UsageError(
      `Connection "${named.name}" is read-only (read_only = true in its configuration): ${name} would change storage. Nothing was done.`,
    );
  }
  command.setOptionValue(namedConnectionKey, named);
}
