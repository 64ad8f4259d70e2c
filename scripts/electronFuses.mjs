// Electron's fuses for the packaged app (Electron security checklist #19, "Check which fuses you
// can change"), flipped by electron-builder's afterPack hook (electron-builder.yml) with
// @electron/fuses, before the app is signed.
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** electron-builder's `Arch.arm64` (builder-util). */
const arm64 = 3;

/**
 * The fuse wire for `platform` (electron-builder's `electronPlatformName`: darwin, mas, win32,
 * linux). Off: running the binary as plain Node (`ELECTRON_RUN_AS_NODE`; the embedded Azurite
 * runs in a utility process instead), `NODE_OPTIONS` and `--inspect`/`--inspect-brk`; the file
 * protocol's extra privileges (the renderer comes from `app://lakeshore/`). On: cookie
 * encryption, loading the app only from `app.asar`, and, on macOS and Windows, where
 * electron-builder embeds the archive's hash, checking `app.asar` against it (Electron does not
 * validate it on Linux).
 */
export function lakeshoreFuses(platform) {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: platform !== 'linux',
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The packed app's executable (what electron-builder's own `addElectronFuses` flips). */
export function packedExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return path.join(appOutDir, packager.executableName);
  const ext = electronPlatformName === 'win32' ? '.exe' : '.app';
  return path.join(appOutDir, `${packager.appInfo.productFilename}${ext}`);
}

/**
 * electron-builder's afterPack hook: flips `lakeshoreFuses` in the packed executable (on Apple
 * silicon also resetting the ad-hoc signature the change breaks). Rejects when the binary has
 * no fuse wire.
 */
export default async function afterPack(context) {
  await flipFuses(packedExecutable(context), {
    ...lakeshoreFuses(context.electronPlatformName),
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === arm64,
  });
}
