import { parseArgs } from 'node:util';
import { BlobUrlError, parseBlobUrl } from '../storage/blobUrl.js';
import { toLakeError } from '../storage/toLakeError.js';
import { resolveCliCredential } from './cliCredential.js';
import { lsCommand } from './lsCommand.js';
import { runCp } from './runCp.js';
import { previewCommand } from './previewCommand.js';
import { exitCode, type CliIo } from './output.js';

export const usage = `Usage: lakeshore <command> [options]

Commands:
  ls <url> [--recursive] [--json]   List containers, a directory, or (--recursive) everything under it
  cp <src> <dst> [--recursive] [--overwrite ask|true|false|rename|if-newer]
     [--block-size MiB] [--concurrency N] [--json]
                                    Upload (local → URL) or download (URL → local) with the app's
                                    transfer engine; ask skips existing targets
  preview <url> [--rows N] [--json] Show what a blob holds (tables, text, JSON, images, hex), reading
                                    only the bytes needed; N table rows, 1–1000 (default 20)

URLs:
  https://<account>.blob.core.windows.net/<container>/<path>
  https://<account>.dfs.core.windows.net/<filesystem>/<path>
  abfss://<container>@<account>.dfs.core.windows.net/<path>
  http://127.0.0.1:<port>/devstoreaccount1/<container>/<path>   (emulator)

Credentials (first found wins):
  --connection-string <s>    or AZURE_STORAGE_CONNECTION_STRING
  --sas <token>              or a SAS in the URL's query
  AZURE_STORAGE_KEY          with the account named by the URL

Exit codes: 0 ok, 1 the operation failed (the message names the error code), 2 usage error.
`;

/** Runs `lakeshore` with `argv` (without node and script). Resolves to the exit code; never rejects. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const usageError = (message: string) => {
    io.stderr(`lakeshore: ${message}\n\n${usage}`);
    return exitCode.usage;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        recursive: { type: 'boolean', short: 'r', default: false },
        json: { type: 'boolean', default: false },
        rows: { type: 'string', default: '20' },
        overwrite: { type: 'string', default: 'ask' },
        'block-size': { type: 'string' },
        concurrency: { type: 'string' },
        'connection-string': { type: 'string' },
        sas: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return usageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(usage);
    return exitCode.ok;
  }
  const [command, target, ...extra] = positionals;
  if (command === 'cp') return runCp(positionals.slice(1), values, io, usageError);
  if (command !== 'ls' && command !== 'preview') {
    return usageError(command ? `Unknown command "${command}".` : 'No command given.');
  }
  if (!target) return usageError(`${command} needs a URL.`);
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1000) {
    return usageError(`--rows must be a whole number from 1 to 1000, got "${values.rows}".`);
  }
  if (extra.length > 0) return usageError(`Unexpected argument "${extra[0]}".`);

  let location;
  try {
    location = parseBlobUrl(target);
  } catch (e) {
    if (e instanceof BlobUrlError) return usageError(e.message);
    throw e;
  }
  const credential = resolveCliCredential(location, {
    ...(values['connection-string'] ? { connectionString: values['connection-string'] } : {}),
    ...(values.sas ? { sas: values.sas } : {}),
    env: io.env,
  });
  if (!credential) {
    return usageError(
      'No credentials: pass --connection-string or --sas, or set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_KEY.',
    );
  }
  try {
    if (command === 'ls')
      await lsCommand(location, credential, { recursive: values.recursive, json: values.json }, io);
    else await previewCommand(location, credential, { rows, json: values.json }, io);
    return exitCode.ok;
  } catch (e) {
    const error = toLakeError(e);
    const request = error.requestId ? ` (request id ${error.requestId})` : '';
    io.stderr(`lakeshore: ${error.code}: ${error.message}${request}\n`);
    return exitCode.failed;
  }
}
