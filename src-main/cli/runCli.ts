import { parseArgs } from 'node:util';
import { BlobUrlError, parseBlobUrl } from '../storage/blobUrl.js';
import { toLakeError } from '../storage/toLakeError.js';
import { resolveCliCredential } from './cliCredential.js';
import { lsCommand } from './lsCommand.js';
import {
  aclCommand,
  mkdirCommand,
  mvCommand,
  rmCommand,
  statCommand,
} from './namespaceCommands.js';
import { runCp } from './runCp.js';
import { previewCommand } from './previewCommand.js';
import { exitCode, type CliIo } from './output.js';

export const usage = `Usage: lakeshore <command> [options]

Commands:
  ls <url> [--recursive] [--json]   List containers, a directory, or (--recursive) everything under it
  cp <src> <dst> [--recursive] [--overwrite ask|true|false|rename|if-newer]
     [--block-size MiB] [--concurrency N] [--json]
                                    Upload (local → URL) or download (URL → local) with the app's
                                    transfer engine; ask skips existing targets. URL → URL copies
                                    server-side into the destination folder
  preview <url> [--rows N] [--json] Show what a blob holds (tables, text, JSON, images, hex), reading
                                    only the bytes needed; N table rows, 1–1000 (default 20)
  mkdir <url>                       Create a directory (HNS) or folder marker (flat accounts)
  mv <src-url> <dst-url>            Rename or move within a container (atomic on HNS accounts)
  rm <url> [--recursive]            Delete a file, or a folder and everything below it
  stat <url> [--json]               Properties; for a folder also its file count and bytes
  acl get <url> [--json]            Owner, group, permissions and ACL (HNS accounts)
  acl set <url> <acl> [--recursive [--mode modify|remove|set] [--dry-run]]
                                    Set one path's ACL, or merge (modify, the default), remove or
                                    replace entries on a whole tree; --dry-run counts the changes

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
        mode: { type: 'string', default: 'modify' },
        'dry-run': { type: 'boolean', default: false },
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
  const [command, ...rest] = positionals;
  if (command === 'cp') return runCp(rest, values, io, usageError);
  const aclAction = command === 'acl' ? rest.shift() : undefined;
  if (command === 'acl' && aclAction !== 'get' && aclAction !== 'set') {
    return usageError('acl needs get or set.');
  }
  const arity: Record<string, [number, number]> = {
    ls: [1, 1],
    preview: [1, 1],
    mkdir: [1, 1],
    rm: [1, 1],
    stat: [1, 1],
    mv: [2, 2],
    acl: aclAction === 'set' ? [2, 2] : [1, 1],
  };
  const expected = command ? arity[command] : undefined;
  if (!expected) return usageError(command ? `Unknown command "${command}".` : 'No command given.');
  if (rest.length < expected[0])
    return usageError(`${command} needs ${expected[0] === 2 ? 'two arguments' : 'a URL'}.`);
  if (rest.length > expected[1]) return usageError(`Unexpected argument "${rest[expected[1]]}".`);
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1000) {
    return usageError(`--rows must be a whole number from 1 to 1000, got "${values.rows}".`);
  }

  let location, second;
  try {
    location = parseBlobUrl(rest[0]!);
    second = command === 'mv' ? parseBlobUrl(rest[1]!) : undefined;
  } catch (e) {
    if (e instanceof BlobUrlError) return usageError(e.message);
    throw e;
  }
  const namespaceOptions = {
    recursive: values.recursive,
    json: values.json,
    mode: values.mode,
    dryRun: values['dry-run'],
  };
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
    switch (command) {
      case 'ls':
        await lsCommand(
          location,
          credential,
          { recursive: values.recursive, json: values.json },
          io,
        );
        break;
      case 'preview':
        await previewCommand(location, credential, { rows, json: values.json }, io);
        break;
      case 'mkdir':
        await mkdirCommand(location, credential, io);
        break;
      case 'mv':
        await mvCommand(location, second!, credential, io);
        break;
      case 'rm':
        await rmCommand(location, credential, namespaceOptions, io);
        break;
      case 'stat':
        await statCommand(location, credential, namespaceOptions, io);
        break;
      case 'acl':
        await aclCommand(aclAction!, location, rest[1], credential, namespaceOptions, io);
        break;
    }
    return exitCode.ok;
  } catch (e) {
    const error = toLakeError(e);
    const request = error.requestId ? ` (request id ${error.requestId})` : '';
    io.stderr(`lakeshore: ${error.code}: ${error.message}${request}\n`);
    return exitCode.failed;
  }
}
