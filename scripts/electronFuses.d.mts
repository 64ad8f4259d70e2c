import type { FuseV1Config } from '@electron/fuses';

/** The part of electron-builder's `AfterPackContext` the hook reads. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's `Arch` (arm64 = 3). */
  arch: number;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}

export function lakeshoreFuses(platform: string): FuseV1Config;
export function packedExecutable(context: PackContext): string;
export default function afterPack(context: PackContext): Promise<void>;
