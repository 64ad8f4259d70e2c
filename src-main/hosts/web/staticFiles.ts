import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import mime from 'mime-types';
import { contentSecurityPolicy } from '../csp.js';

/** Headers on every static response: the renderer's CSP (also in its HTML), no sniffing, no framing. */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': `${contentSecurityPolicy}; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Serves `urlPath` from `rootDir` (the built renderer): `/` is `index.html`; a path that
 * escapes `rootDir` or does not exist answers 404. Only GET and HEAD reach here.
 */
export async function serveStatic(
  rootDir: string,
  urlPath: string,
  res: ServerResponse,
): Promise<void> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    relative = '/';
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = path.resolve(rootDir, `.${relative}`);
  if (relative.includes('\0') || (file !== rootDir && !file.startsWith(rootDir + path.sep))) {
    res.writeHead(404, securityHeaders).end('Not found');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': mime.contentType(path.extname(file)) || 'application/octet-stream',
    });
    res.end(body);
  } catch {
    res.writeHead(404, securityHeaders).end('Not found');
  }
}
