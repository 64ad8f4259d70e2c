/**
 * The renderer's Content-Security-Policy. The same string is in src-renderer/index.html (a
 * test keeps them equal) and is sent as a header by the browser-mode host. Styles allow
 * 'unsafe-inline' because Fluent UI (griffel) injects style elements; scripts do not.
 * `frame-ancestors` is ignored in a meta tag, so only the web host's header adds it.
 */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'";
