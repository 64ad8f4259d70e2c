// `npm start`: builds what is missing, then launches the Electron app, or browser mode when
// the Electron binary is absent. `npm run start:web` (--web) always starts browser mode.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-missing'], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const wantWeb = process.argv.includes('--web');
const electron = wantWeb ? undefined : findElectronBinary(root);
if (!wantWeb && !electron) {
  console.log(
    'Electron binary not installed (it cannot be downloaded here): starting browser mode instead.',
  );
}
const child = electron
  ? spawn(electron, [root], { stdio: 'inherit' })
  : spawn(process.execPath, [path.join(root, 'dist/main/web.mjs')], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
