/** The Electron executable's path, or undefined when the binary is not installed. */
export function findElectronBinary(root: string): string | undefined;
