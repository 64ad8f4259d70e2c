import type { CliCredential } from './cliCredential.js';
import { randomUUID } from 'node:crypto';
import type { OperationKind, OperationProgressEvent } from '../../shared/contract/index.js';
import { detectNamespace } from '../namespace/detectNamespace.js';
import type { NamespaceTarget } from '../namespace/namespaceTarget.js';
import { createOperationRunner, type OperationContext } from '../namespace/operationRunner.js';
import { openAccount } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith } from '../storage/toLakeError.js';
import type { CliIo } from './output.js';

/** Opens the container a URL names and detects its account's namespace. Rejects with `InvalidInput` when the URL names no container. */
export async function openTarget(
  location: BlobLocation,
  credential: CliCredential,
): Promise<NamespaceTarget> {
  if (!location.container) {
    failWith('InvalidInput', 'The URL must name a container: …/<container>/<path>.');
  }
  const access = openAccount(credential);
  const { namespace } = await detectNamespace(access);
  return { access, container: location.container!, namespace };
}

/**
 * Runs `body` as an operation of `kind`; on a terminal its count so far is drawn on one
 * stderr line (ended when it finishes), elsewhere nothing is printed.
 */
export async function withProgress<T>(
  io: CliIo,
  kind: OperationKind,
  title: string,
  body: (context: OperationContext) => Promise<T>,
): Promise<T> {
  let drawn = false;
  const runner = createOperationRunner((e: OperationProgressEvent) => {
    if (!io.stderrIsTTY || e.state !== 'running') return;
    io.stderr(`\r${title}: ${e.done}${e.total ? `/${e.total}` : ''}`);
    drawn = true;
  });
  try {
    return await runner.run(randomUUID(), kind, title, body);
  } finally {
    if (drawn) io.stderr('\n');
  }
}

export const needPath = (location: BlobLocation, command: string): string =>
  location.path || failWith('InvalidInput', `${command} needs a path inside the container.`);
