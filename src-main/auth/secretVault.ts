import type { SecretStorageKind } from '../../shared/contract/index.js';

/**
 * Encrypts secrets at rest. The Electron host provides one backed by `safeStorage`
 * (OS keychain / DPAPI / libsecret); browser mode stores them in plain text in a 0600 file,
 * which `kind` tells the UI.
 */
export interface SecretCipher {
  kind: SecretStorageKind;
  /** Returns the stored form of `plain` (base64 for safeStorage output, the text itself for the 0600 file). */
  seal(plain: string): string;
  /** Reverses `seal`. Throws when the stored form cannot be decrypted (another user or machine). */
  open(sealed: string): string;
}

/** The browser-mode cipher: no encryption; protection is the file's 0600 mode. */
export const plainFileCipher: SecretCipher = {
  kind: 'file-0600',
  seal: (plain) => plain,
  open: (sealed) => sealed,
};
