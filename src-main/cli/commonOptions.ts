import {
  InvalidArgumentError,
  Option,
  type Command,
  type CommandUnknownOpts,
  type OptionValues,
} from '@commander-js/extra-typings';
import { BlobUrlError, parseBlobUrl, type BlobLocation } from '../storage/blobUrl.js';
import { defaultAzureCredential } from '../connections/defaultCredentialConnection.js';
import type { TokenAccountCredential } from '../storage/accountAccess.js';
import { connectionStringAccount } from '../storage/connectionStringAccount.js';
import { expiredSasError } from '../storage/expiredSas.js';
import { failWith, LakeFailure } from '../storage/toLakeError.js';
import {
  requireCliCredential,
  resolveCliCredential,
  type CliCredential,
  type CredentialSources,
} from './cliCredential.js';
import { cliEntraCredential } from './cliEntra.js';
import type { AbilityName } from '../../shared/contract/index.js';
import {
  namedConnection,
  namedCredentialFor,
  refusalOf,
  type NamedConnection,
} from './namedConnection.js';
import { roleRefusalOf } from './namedRoles.js';
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
    )
    .addOption(
      new Option(
        '--auth <kind>',
        'force a credential: entra (lakeshore login), key, sas, or default (DefaultAzureCredential); default: the first that applies, the signed-in identity last',
      ).choices(authKinds),
    );
}

/** What `--auth` can force. */
export const authKinds = ['entra', 'key', 'sas', 'default'] as const;
/** One `--auth` choice. */
export type AuthKind = (typeof authKinds)[number];

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

/** A command's credential options and the environment, as `resolveCliCredential` reads them. */
const credentialSources = (
  options: { connectionString?: string; sas?: string },
  io: CliIo,
): CredentialSources => ({
  ...(options.connectionString ? { connectionString: options.connectionString } : {}),
  ...(options.sas ? { sas: options.sas } : {}),
  env: io.env,
});

/**
 * The credential for `location` from a command's credential options and the environment (see
 * `resolveCliCredential`). Throws `UsageError` when none applies or it is for another account,
 * and `LakeFailure` AuthFailed "The SAS expired at …" for a SAS past its expiry, before any
 * request.
 */
export function credentialFor(
  location: BlobLocation,
  options: { connectionString?: string; sas?: string; auth?: AuthKind },
  io: CliIo,
): CliCredential {
  const named = (options as { [namedConnectionKey]?: NamedConnection })[namedConnectionKey];
  const token = tokenCredentialFor(location, options, io);
  if (token) return token;
  const sources = credentialSources(options, io);
  if (
    (options.auth === 'sas' || options.auth === 'key') &&
    !named &&
    !resolveCliCredential(location, sources)
  ) {
    throw new UsageError(forcedKindMissing[options.auth]);
  }
  const credential = named
    ? namedCredentialFor(location, named)
    : requireCliCredential(location, sources);
  if (options.auth) checkForcedKind(credential, options.auth);
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

/**
 * The bearer-token credential for `location`, when `--auth entra|default` forces one, or when
 * no other credential applies to an https URL and `lakeshore login` signed someone in (as
 * azcopy does after `azcopy login`). Throws `UsageError` for `--auth entra` with no one signed in.
 */
function tokenCredentialFor(
  location: BlobLocation,
  options: { connectionString?: string; sas?: string; auth?: AuthKind },
  io: CliIo,
): TokenAccountCredential | undefined {
  const named = (options as { [namedConnectionKey]?: NamedConnection })[namedConnectionKey];
  const at = (credential: TokenAccountCredential['credential']): TokenAccountCredential => ({
    kind: 'token',
    blobEndpoint: location.blobEndpoint,
    credential,
    ...(location.container ? { container: location.container } : {}),
  });
  if (options.auth === 'default') return at(defaultAzureCredential(undefined, io.env));
  if (options.auth === 'entra') {
    const signedIn = cliEntraCredential(io);
    if (!signedIn) throw new UsageError(forcedKindMissing.entra);
    return at(signedIn);
  }
  if (options.auth || named || !location.blobEndpoint.startsWith('https://')) return undefined;
  if (resolveCliCredential(location, { ...options, env: io.env })) return undefined;
  const signedIn = cliEntraCredential(io);
  return signedIn && at(signedIn);
}

/** What `--auth sas|key|entra` says when no credential of that kind was given. */
const forcedKindMissing: Record<Exclude<AuthKind, 'default'>, string> = {
  sas: '--auth sas, but no SAS was given: put one in the URL, pass --sas or set AZURE_STORAGE_SAS_TOKEN.',
  key: '--auth key, but no account key was given: pass --connection-string with an AccountKey or set AZURE_STORAGE_KEY (with AZURE_STORAGE_ACCOUNT).',
  entra: '--auth entra needs a signed-in identity: run lakeshore login first.',
};

/** Throws `UsageError` when the credential found is not of the kind `--auth` forces. */
function checkForcedKind(credential: CliCredential, auth: AuthKind): void {
  const isSas =
    credential.kind === 'sas' ||
    (credential.kind === 'connectionString' &&
      connectionStringAccount(credential.connectionString)?.sharedAccessSignature !== undefined);
  if (auth === 'sas' && !isSas) throw new UsageError(forcedKindMissing.sas);
  if (auth === 'key' && isSas) {
    throw new UsageError(
      '--auth key, but the credential found is a SAS: pass --connection-string with an AccountKey or set AZURE_STORAGE_KEY.',
    );
  }
}

/** Where the resolved `--connection` travels from the pre-action hook to `credentialFor`. */
const namedConnectionKey = 'resolvedConnection';

/**
 * What each command that changes storage needs of its credential; `cp` and `sync` change it
 * only when their last argument (the destination) is a storage URL.
 */
const changes: Record<string, { needs: AbilityName[]; toDestination?: true }> = {
  cp: { needs: ['write'], toDestination: true },
  sync: { needs: ['write'], toDestination: true },
  rm: { needs: ['delete'] },
  mv: { needs: ['write', 'delete'] },
  mkdir: { needs: ['write'] },
  mb: { needs: ['write'] },
  rb: { needs: ['delete'] },
  'acl set': { needs: ['manageAcl'] },
};

/** The storage URLs a changing command's `args` change: its destination (the last), or each storage URL; one that does not parse is left to the command. */
const changedUrls = (args: readonly string[], toDestination: boolean): BlobLocation[] =>
  (toDestination ? args.slice(-1) : args).filter(isStorageUrl).flatMap((arg) => {
    try {
      return [parseBlobUrl(arg)];
    } catch {
      return [];
    }
  });

/** The command's name as `changes` keys it: `rm`, `acl set`. */
const changeName = (command: CommandUnknownOpts): string =>
  command.parent?.parent ? `${command.parent.name()} ${command.name()}` : command.name();

/**
 * Refuses, before any request, a command that changes storage through a SAS (in the URL, from
 * `--sas`, a connection string or the environment) not signed for it: `LakeFailure`
 * PermissionDenied naming the missing letter, so a `--dry-run` does not promise what the service
 * would refuse. An expired SAS is left to `credentialFor` (AuthFailed "The SAS expired at …").
 */
function refuseWhatItsSasDoesNotAllow(
  command: CommandUnknownOpts,
  options: { connectionString?: string; sas?: string },
  io: CliIo,
): void {
  const name = changeName(command);
  const change = changes[name];
  if (!change) return;
  const sources = credentialSources(options, io);
  for (const location of changedUrls(command.args, change.toDestination === true)) {
    const credential = resolveCliCredential(location, sources);
    const sas =
      credential?.kind === 'sas'
        ? credential.url
        : credential?.kind === 'connectionString'
          ? connectionStringAccount(credential.connectionString)?.sharedAccessSignature
          : undefined;
    if (!credential || !sas || expiredSasError(sas, new Date())) continue;
    const refused = refusalOf(credential, change.needs);
    if (refused) failWith('PermissionDenied', `Cannot ${name}: ${refused} Nothing was done.`);
  }
}

/**
 * Resolves `--connection NAME` of `command` and keeps it on the command's options. Throws
 * `UsageError` when it is combined with `--connection-string`/`--sas`, and a `LakeFailure`
 * PermissionDenied (exit 1) when the connection is read-only and the command would write, or
 * when its credential does not allow what the
 * command does (a SAS without `w` for a copy into storage, without `d` for rm: the reason of
 * `abilitiesOf`; a Microsoft Entra ID identity whose data roles on the account or container
 * the command changes do not: `roleRefusalOf`, from Resource Manager); nothing is sent to
 * storage before.
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
  if (!options.connection) {
    refuseWhatItsSasDoesNotAllow(command, options, io);
    return;
  }
  if (options.connectionString || options.sas)
    throw new UsageError(
      '--connection cannot be combined with --connection-string or --sas: give one.',
    );
  const named = await namedConnection(options.connection, io);
  const name = changeName(command);
  const destination = command.args.at(-1);
  const change = changes[name];
  const writes =
    change !== undefined &&
    (!change.toDestination || (destination !== undefined && isStorageUrl(destination)));
  // A refusal of the connection, not of the command's syntax: PermissionDenied, exit 1.
  if (named.readOnly && writes) {
    failWith(
      'PermissionDenied',
      `Connection "${named.name}" is read-only (read_only = true in its configuration): ${name} would change storage. Nothing was done.`,
    );
  }
  const refused = writes
    ? (refusalOf(named.credential, change.needs) ??
      (await roleRefusalOf(
        named,
        change.needs,
        changedUrls(command.args, change.toDestination === true),
        io.env,
      )))
    : undefined;
  if (refused)
    failWith(
      'PermissionDenied',
      `Connection "${named.name}" cannot ${name}: ${refused} Nothing was done.`,
    );
  command.setOptionValue(namedConnectionKey, named);
}
