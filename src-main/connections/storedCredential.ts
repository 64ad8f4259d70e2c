import type { AccountCredential } from '../storage/accountAccess.js';

/** A saved connection's credential: an account credential, or the embedded emulator (resolved when used). */
export type StoredCredential = AccountCredential | { kind: 'emulator' };
