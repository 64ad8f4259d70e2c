import { createInterface } from 'node:readline/promises';
import { runCli } from './runCli.js';

// The CLI bundle (dist/main/cli.cjs, CommonJS so that launch.ts can run it through V8's code
// cache): runs `lakeshore` with the process's arguments and sets the exit code.

// A reader that stops early (`lakeshore ls … | head`) closes the pipe: the rest of the output
// is dropped, as any Unix tool does, and the command still finishes (a copy removes its journal)
// instead of crashing on an unhandled EPIPE.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

// Ctrl-C goes to the running command (a copy keeps its journal and says how to resume); a
// second Ctrl-C ends the process at once.
const interruptHandlers: Array<() => void> = [];
process.on('SIGINT', () => {
  if (interruptHandlers.length === 0) process.exit(130);
  interruptHandlers.splice(0).forEach((handler) => handler());
});

const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;

void runCli(process.argv.slice(2), {
  stdout: (text) => void (stdoutClosed || process.stdout.write(text)),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  onInterrupt: (handler) => void interruptHandlers.push(handler),
  ...(interactive
    ? {
        ask: async (question: string) => {
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return await rl.question(question);
          } finally {
            rl.close();
          }
        },
      }
    : {}),
}).then((code) => {
  process.exitCode = code;
});
