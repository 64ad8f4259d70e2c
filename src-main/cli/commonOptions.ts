import { InvalidArgumentError, type Command, type OptionValues } from '@commander-js/extra-typings';
import { BlobUrlError, parseBlobUrl, type BlobLocation } from '../storage/blobUrl.js';
import type { AccountCredential } from '../storage/accountAccess.js';
import { connectionStringAccount } from '../storage/connectionStringAccount.js';
import { expiredSasError } from '../storage/expiredSas.js';
import { LakeFailure } from '../storage/toLakeError.js';
import { requireCliCredential } from './cliCredential.js';
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

/** Adds `--connection-string` and `--sas` to a command that reaches storage. */
export function withCredentialOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
) {
  return command
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
  const credential = requireCliCredential(location, {
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
