import { maxPreviewRows } from '../../shared/contract/index.js';
import { previewBlob } from '../preview/previewBlob.js';
import { openAccount, type AccountCredential } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith } from '../storage/toLakeError.js';
import { formatPreview } from './formatPreview.js';
import type { CliIo } from './output.js';

export interface PreviewOptions {
  /** Table rows, 1–1,000. */
  rows: number;
  /** The whole preview as one JSON object instead of text. */
  json: boolean;
}

/**
 * `lakeshore preview`: the same preview the app's pane shows, read with ranged requests.
 * Rejects with `InvalidInput` when the URL names no blob, or the service's error.
 */
export async function previewCommand(
  location: BlobLocation,
  credential: AccountCredential,
  options: PreviewOptions,
  io: CliIo,
): Promise<void> {
  if (!location.container || !location.path)
    failWith('InvalidInput', 'preview needs the URL of a blob: …/<container>/<path>.');
  const blob = openAccount(credential).container(location.container!).getBlobClient(location.path);
  const preview = await previewBlob(blob, {
    maxRows: Math.min(Math.max(1, options.rows), maxPreviewRows),
  });
  io.stdout(options.json ? `${JSON.stringify(preview)}\n` : formatPreview(preview));
}
