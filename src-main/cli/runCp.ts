import type { ConflictPolicy } from '../../shared/contract/index.js';
import { BlobUrlError, parseBlobUrl, type BlobLocation } from '../storage/blobUrl.js';
import { toLakeError } from '../storage/toLakeError.js';
import { resolveCliCredential } from './cliCredential.js';
import { cpCommand } from './cpCommand.js';
import { remoteCopyCommand } from './namespaceCommands.js';
import { exitCode, type CliIo } from './output.js';

const overwriteModes: Record<string, ConflictPolicy> = {
  ask: 'ask',
  true: 'overwrite',
  false: 'skip',
  rename: 'rename',
  'if-newer': 'ifNewer',
};

/** A storage URL when `arg` is one (https, http emulator or abfss), else a local path. */
const endpoint = (arg: string): { remote: BlobLocation } | { local: string } => {
  if (!/^(https?|abfss?):\/\//i.test(arg)) return { local: arg };
  return { remote: parseBlobUrl(arg) };
};

const positiveInt = (v: string | undefined) =>
  v === undefined ? undefined : Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : NaN;

/** Parses and runs `lakeshore cp`; resolves to the exit code. */
export async function runCp(
  args: string[],
  values: {
    recursive: boolean;
    json: boolean;
    overwrite: string;
    'block-size'?: string;
    concurrency?: string;
    'connection-string'?: string;
    sas?: string;
  },
  io: CliIo,
  usageError: (message: string) => number,
): Promise<number> {
  if (args.length !== 2) return usageError('cp needs a source and a destination.');
  const conflict = overwriteModes[values.overwrite];
  if (!conflict)
    return usageError(
      `--overwrite must be ask, true, false, rename or if-newer, got "${values.overwrite}".`,
    );
  const blockMiB = positiveInt(values['block-size']);
  const concurrency = positiveInt(values.concurrency);
  if (Number.isNaN(blockMiB) || (blockMiB ?? 0) > 4000)
    return usageError('--block-size is a whole number of MiB from 1 to 4000.');
  if (Number.isNaN(concurrency) || (concurrency ?? 0) > 256)
    return usageError('--concurrency is a whole number from 1 to 256.');
  let source, target;
  try {
    source = endpoint(args[0]!);
    target = endpoint(args[1]!);
  } catch (e) {
    if (e instanceof BlobUrlError) return usageError(e.message);
    throw e;
  }
  const remote =
    'remote' in source ? source.remote : 'remote' in target ? target.remote : undefined;
  if (!remote) return usageError('One side of cp must be a blob URL.');
  const credentialFor = (location: BlobLocation) =>
    resolveCliCredential(location, {
      ...(values['connection-string'] ? { connectionString: values['connection-string'] } : {}),
      ...(values.sas ? { sas: values.sas } : {}),
      env: io.env,
    });
  const credential = credentialFor(remote);
  if (!credential)
    return usageError(
      'No credentials: pass --connection-string or --sas, or set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_KEY.',
    );
  try {
    if ('remote' in source && 'remote' in target) {
      if (values.overwrite !== 'ask' && values.overwrite !== 'false')
        return usageError(
          'A copy between blob URLs never replaces existing blobs: leave out --overwrite.',
        );
      await remoteCopyCommand(
        source.remote,
        target.remote,
        { source: credential, destination: credentialFor(target.remote) ?? credential },
        { recursive: values.recursive, json: values.json, mode: 'modify', dryRun: false },
        io,
      );
      return exitCode.ok;
    }
    await cpCommand(
      source,
      target,
      credential,
      {
        recursive: values.recursive,
        conflict,
        json: values.json,
        tty: io.stderrIsTTY === true,
        ...(blockMiB ? { blockSizeBytes: blockMiB * 1024 * 1024 } : {}),
        ...(concurrency ? { concurrency } : {}),
      },
      io,
    );
    return exitCode.ok;
  } catch (e) {
    const error = toLakeError(e);
    io.stderr(
      `lakeshore: ${error.code}: ${error.message}${error.requestId ? ` (request id ${error.requestId})` : ''}\n`,
    );
    return exitCode.failed;
  }
}
