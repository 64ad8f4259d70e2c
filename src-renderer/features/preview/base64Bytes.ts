/** Decodes base64 into bytes (browser `atob`). */
export const base64Bytes = (b64: string): Uint8Array =>
  Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
