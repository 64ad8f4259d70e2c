import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import packageJson from '../../package.json' with { type: 'json' };
import { resolveDataDir } from '../platform/dataDir.js';
import { toLakeError } from '../storage/toLakeError.js';
import { cliLogLevels, startCliLog, type CliLog, type CliLogLevel } from './cliLog.js';
import { startCliTelemetry, type CliTelemetry } from '../observability/cliTelemetry.js';
import { redactArgv } from '../observability/redaction.js';
import { processStorageObserver, setProcessObserver } from '../observability/storageCallPolicy.js';
import { registerConnections } from './commands/connections.js';
import { registerContainerCommands } from './commands/containers.js';
import { registerCp } from './commands/cp.js';
import { registerJobs, ResumeFailed } from './commands/jobs.js';
import { registerLogin } from './commands/login.js';
import { registerLs } from './commands/ls.js';
import { registerPathCommands } from './commands/paths.js';
import { registerPreview } from './commands/preview.js';
import { registerQuery } from './commands/query.js';
import { registerSas } from './commands/sas.js';
import { registerConvert } from './commands/convert.js';
import { registerDelta } from './commands/delta.js';
import { registerSync } from './commands/sync.js';
import { resolveNamedConnection } from './commonOptions.js';
import { useConnectionNetwork } from './connectionNetwork.js';
import { exitCode, type CliIo } from './output.js';
import { Interrupted, UsageError } from './usageError.js';

const credentialsHelp = `
URLs:
  https://<account>.blob.core.windows.net/<container>/<path>
  https://<account>.dfs.core.windows.net/<filesystem>/<path>
  abfss://<container>@<account>.dfs.core.windows.net/<path>
  http://127.0.0.1:<port>/devstoreaccount1/<container>/<path>   (emulator)

Credentials (first found wins; one for another account than the URL's is refused):
  --connection <name> (a saved connection, or one of connections.toml / LAKESHORE_CONNECTIONS_*;
  'lakeshore connections' lists them), a SAS in the URL, --sas <token>, --connection-string <s>,
  AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_SAS_TOKEN,
  AZURE_STORAGE_KEY (with AZURE_STORAGE_ACCOUNT or the URL's account);
  an emulator URL needs none (the emulator's published development key).

Exit codes: 0 ok, 1 the operation failed (the message names the error code), 2 usage error,
130 interrupted.
`;

/**
 * The `lakeshore` program: every command declares its own arguments and options once, and
 * parsing, `--help`, `help <command>` and usage errors all come from that declaration.
 * `run` runs another command line (for `jobs resume`).
 */
export function buildProgram(io: CliIo, run: (argv: string[]) => Promise<number>): Command {
  const program = new Command('lakeshore')
    .description('Browse and move data in Azure Data Lake Storage Gen2 and Blob Storage.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .addOption(
      new Option(
        '--log-level <level>',
        "write a log of this run (and the Azure SDK's requests) to the data folder",
      ).choices(cliLogLevels),
    )
    .helpOption('-h, --help', 'show help for the command')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`lakeshore: ${text.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError()
    .configureHelp({ helpWidth: 100 })
    .addHelpText('after', credentialsHelp)
    .helpCommand('help [command]', 'show help for a command');
  program.hook('preAction', (_program, action) => resolveNamedConnection(action, io));
  registerLs(program, io);
  registerPreview(program, io);
  registerCp(program, io);
  registerSync(program, io);
  registerPathCommands(program, io);
  registerContainerCommands(program, io);
  registerJobs(program, io, run);
  registerConnections(program, io);
  registerQuery(program, io);
  registerLogin(program, io);
  registerSas(program, io);
  registerConvert(program, io);
  registerDelta(program, io);
  for (const command of program.commands) {
    command.showHelpAfterError(
      `Run 'lakeshore help ${command.name()}' for its arguments and options.`,
    );
    for (const sub of command.commands)
      sub.showHelpAfterError(
        `Run 'lakeshore ${command.name()} ${sub.name()} --help' for its arguments and options.`,
      );
  }
  return program;
}

/** Runs `lakeshore` with `argv` (without node and script). Resolves to the exit code; never rejects. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io, (next) => runCli(next, io));
  if (argv.length === 0) {
    io.stderr("lakeshore: no command given. Run 'lakeshore help' for the commands.\n");
    return exitCode.usage;
  }
  let log: CliLog | undefined;
  const outerObserver = processStorageObserver();
  program.hook('preAction', () => {
    const level = (program.opts() as { logLevel?: CliLogLevel }).logLevel;
    if (!level) return;
    log = startCliLog(resolveDataDir(io.env), level);
    log.logger.info({ argv: redactArgv(argv), version: packageJson.version }, 'command started');
  });
  // After the log's observer is in place: `--connection NAME`'s timeouts and retries over it.
  program.hook('preAction', (_program, action) => useConnectionNetwork(action, io));
  const started = Date.now();
  // Traces and metrics only when OTEL_EXPORTER_OTLP_ENDPOINT names where they go.
  const telemetry: CliTelemetry | undefined = await startCliTelemetry(io.env, packageJson.version);
  const parse = () =>
    runParsed(program, argv, io, (error) => log?.logger.error({ error }, 'command failed'));
  if (telemetry) {
    program.hook('preAction', (_program, action) => {
      const path: string[] = [];
      for (let c: typeof action | null = action; c && c !== program; c = c.parent) {
        path.unshift(c.name());
      }
      telemetry.name(path);
    });
  }
  const code = telemetry ? await telemetry.run(parse) : await parse();
  await telemetry?.stop();
  if (log) {
    log.logger.info({ exitCode: code, ms: Date.now() - started }, 'command ended');
    log.close();
    io.stderr(`Log: ${log.path}\n`);
  }
  setProcessObserver(outerObserver);
  return code;
}

/** Parses and runs `argv` on `program`, mapping what it throws to an exit code (see the README). */
async function runParsed(
  program: Command,
  argv: string[],
  io: CliIo,
  logError: (error: unknown) => void,
): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end with exit code 0; everything else commander refuses is usage.
      return e.exitCode === 0 ? exitCode.ok : exitCode.usage;
    }
    if (e instanceof UsageError) {
      const command = program.commands.find((c) => c.name() === argv[0]);
      const hint = command
        ? `Run 'lakeshore help ${command.name()}' for its arguments and options.\n`
        : '';
      io.stderr(`lakeshore: ${e.message}\n${hint}`);
      return exitCode.usage;
    }
    if (e instanceof Interrupted) {
      io.stderr(`lakeshore: ${e.message}\n`);
      return exitCode.interrupted;
    }
    if (e instanceof ResumeFailed) return e.code;
    const error = toLakeError(e);
    logError(error);
    const request = error.requestId ? ` (request id ${error.requestId})` : '';
    io.stderr(`lakeshore: ${error.code}: ${error.message}${request}\n`);
    return exitCode.failed;
  }
}
