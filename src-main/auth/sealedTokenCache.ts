import { readFile } from 'node:fs/promises';
import type { ICachePlugin } from '@azure/msal-node';
import { writeFileAtomic } from '../platform/atomicFile.js';
import type { SecretCipher } from './secretVault.js';

/**
 * MSAL's cache plugin persisting the token cache (accounts, refresh and access tokens) in one
 * file sealed by `cipher` (Electron's safeStorage in the desktop app), mode 0600, written
 * atomically when MSAL changed it and read before every access, so the CLI and the app see
 * each other's sign-ins.
 */
export function sealedTokenCache(file: string, cipher: SecretCipher): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      let sealed: string;
      try {
        sealed = await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      if (sealed) context.tokenCache.deserialize(cipher.open(sealed));
    },
    async afterCacheAccess(context) {
      if (!context.cacheHasChanged) return;
      await writeFileAtomic(file, cipher.seal(context.tokenCache.serialize()), 0o600);
    },
  };
}
