import type { CliCredential } from './cliCredential.js';
import { maxPreviewRows } from '../../shared/contract/index.js';
import { isDeltaTable } from '../preview/delta/deltaLog.js';
import { previewDelta } from '../preview/delta/previewDelta.js';
import { previewBlob } from '../preview/previewBlob.js';
import { openAccount } from '../storage/accountAccess.js';
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
 * `lakeshore preview`: the same preview the app's pane shows, read with ranged requests. A URL
 * naming a folder that holds `_delta_log/` previews the Delta table at its latest version.
 * Rejects with `InvalidInput` when the URL names no blob, or the service's error.
 */
export async function previewCommand(
  location: BlobLocation,
  credential: CliCredential,
  options: PreviewOptions,
  io: CliIo,
): Promise<void> {
  if (!location.container || !location.path)
    failWith('InvalidInput', 'preview needs the URL of a blob: …/<container>/<path>.');
  const container = openAccount(credential).container(location.container!);
  const maxRows = Math.min(Math.max(1, options.rows), maxPreviewRows);
  const preview = (await isDeltaTable(container, location.path))
    ? await previewDelta(container, location.path, { maxRows })
    : await previewBlob(container.getBlobClient(location.path), { maxRows });
  io.stdout(options.json ? `${JSON.stringify(preview)}\n` : formatPreview(preview));
}
