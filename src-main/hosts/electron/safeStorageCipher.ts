import { safeStorage } from 'electron';
import type { SecretCipher } from '../../auth/secretVault.js';

/**
 * Seals secrets with Electron `safeStorage` (Keychain on macOS, DPAPI on Windows, libsecret
 * or kwallet on Linux), stored as base64. Throws when the OS offers no encryption.
 */
export function createSafeStorageCipher(): SecretCipher {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('OS encryption (safeStorage) is not available on this system.');
  }
  return {
    kind: 'os-encryption',
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
