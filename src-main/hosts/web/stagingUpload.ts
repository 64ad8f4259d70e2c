import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fail, ok, stagingBatchIdPattern, type Result } from '../../../shared/contract/index.js';

/**
 * Where `relative` (a `/`-separated path from a browser drop) lands under `batchDir`, or
 * `undefined` when it is not a plain relative path: empty, absolute, with `..`, `.`, empty
 * segments, backslashes, drive letters, NUL or control characters, or over 1,024 characters.
 */
export function stagedFilePath(batchDir: string, relative: string): string | undefined {
  if (
    !relative ||
    relative.length > 1024 ||
    relative.includes('\\') ||
    [...relative].some((c) => c.charCodeAt(0) < 0x20) ||
    relative.startsWith('/')
  )
    return undefined;
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /^[A-Za-z]:/.test(s)))
    return undefined;
  const target = path.resolve(batchDir, ...segments);
  return target.startsWith(batchDir + path.sep) ? target : undefined;
}

/**
 * Streams one dropped file's bytes to `<stagingRoot>/<batch>/<path>` (the caller has checked
 * token and Origin); with `kind=folder`, creates that (empty) folder instead, so the upload's
 * walk finds it and writes a folder. Answers 400 with `InvalidInput` for a bad batch id or path, 500 with
 * `Unknown` when the disk write fails (the partial file is removed).
 */
export async function receiveStagedFile(
  stagingRoot: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const answer = (status: number, result: Result<unknown>) => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
  };
  const batch = url.searchParams.get('batch') ?? '';
  const batchDir = path.join(stagingRoot, batch);
  const target = stagingBatchIdPattern.test(batch)
    ? stagedFilePath(batchDir, url.searchParams.get('path') ?? '')
    : undefined;
  if (!target) {
    req.resume();
    answer(
      400,
      fail({
        code: 'InvalidInput',
        message:
          'Staging needs a batch id and a plain relative path (no "..", drive letters or control characters).',
      }),
    );
    return;
  }
  if (url.searchParams.get('kind') === 'folder') {
    req.resume();
    try {
      await mkdir(target, { recursive: true });
      answer(200, ok({ bytes: 0 }));
    } catch (e) {
      answer(
        500,
        fail({ code: 'Unknown', message: `Could not stage the folder: ${(e as Error).message}` }),
      );
    }
    return;
  }
  try {
    await mkdir(path.dirname(target), { recursive: true });
    const out = createWriteStream(target, { flags: 'wx' });
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(req, out);
    answer(200, ok({ bytes }));
  } catch (e) {
    await rm(target, { force: true });
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    answer(
      exists ? 409 : 500,
      fail({
        code: exists ? 'AlreadyExists' : 'Unknown',
        message: exists
          ? 'This file was already staged in this batch.'
          : `Could not stage the file: ${(e as Error).message}`,
      }),
    );
  }
}
