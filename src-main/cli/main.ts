import { runCli } from './runCli.js';

// The `lakeshore` binary (dist/main/cli.mjs, started by bin/lakeshore.mjs).
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
});
