import { runCli } from './runCli.js';

// The `lakeshore` binary (dist/main/cli.mjs, started by bin/lakeshore.mjs).

// A reader that stops early (`lakeshore ls … | head`) closes the pipe: the rest of the output
// is dropped, as any Unix tool does, and the command still finishes (a copy removes its journal)
// instead of crashing on an unhandled EPIPE.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => void (stdoutClosed || process.stdout.write(text)),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
});
