import { utilityProcess } from 'electron';
import { EventEmitter } from 'node:events';
import type { NodeScriptRunner } from '../../emulator/azurite.js';

/**
 * Runs a Node script in an Electron utility process (the embedded Azurite): the app's binary
 * cannot be started as plain Node, since the packaged app's RunAsNode fuse is off. The child
 * is adapted to `NodeChild`; `kill` ends it with SIGTERM whatever signal is asked for.
 */
export const runInUtilityProcess: NodeScriptRunner = (script, args, env) => {
  const child = utilityProcess.fork(script, args, {
    env,
    stdio: 'pipe',
    serviceName: 'Lakeshore emulator',
  });
  const exited = new EventEmitter();
  let exitCode: number | null = null;
  child.once('exit', (code) => {
    exitCode = code;
    exited.emit('exit');
  });
  return {
    get pid() {
      return child.pid;
    },
    get exitCode() {
      return exitCode;
    },
    signalCode: null,
    stdout: child.stdout,
    stderr: child.stderr,
    kill: () => child.kill(),
    once(event, listener) {
      exited.once(event, listener);
    },
  };
};
