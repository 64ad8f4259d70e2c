import path from 'node:path';

// The renderer's own origin in the desktop app (Electron security checklist #18: a custom
// protocol rather than file://). Plain Node, so the path check is tested without Electron.

/** The privileged scheme the renderer is served from. */
export const appScheme = 'app';
/** The renderer's origin: the host is fixed, so `'self'` in the CSP is this origin only. */
export const appOrigin = `${appScheme}://lakeshore`;
/** The page the window loads. */
export const appIndexUrl = `${appOrigin}/index.html`;

/**
 * The file under `rendererDir` (an absolute folder, the built renderer) that `url` names, or
 * `undefined` when it names none: another scheme, host or a user name, a path that leaves the folder
 * (`..`, also percent-encoded as `%2e%2e` or `..%2f`), a backslash or NUL, or a malformed
 * escape. `/` names `index.html`; the query and fragment are ignored. Whether the file
 * exists is not checked (the protocol handler answers 404 for one that does not).
 */
export function resolveAppFile(rendererDir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const ours = parsed.protocol === `${appScheme}:` && parsed.host === 'lakeshore';
  if (!ours || parsed.username || parsed.password) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(pathname)) return undefined;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(rendererDir, relative);
  const inside = path.relative(rendererDir, file);
  const leaves = inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside);
  if (!inside || leaves) return undefined;
  return file;
}
