import type { Command } from '@commander-js/extra-typings';
import { maxPreviewRows } from '../../../shared/contract/index.js';
import { credentialFor, storageUrl, wholeNumber, withCredentialOptions } from '../commonOptions.js';
import type { CliIo } from '../output.js';
import { previewCommand } from '../previewCommand.js';

/** `lakeshore preview <url>`: what a blob holds, reading only the bytes needed. */
export function registerPreview(program: Command, io: CliIo): void {
  const command = program
    .command('preview')
    .summary('show what a blob holds')
    .description(
      'Show what a blob holds (tables, text, JSON, images, hex) reading only the bytes needed; ' +
        'a folder holding _delta_log/ previews the Delta table at its latest version.',
    )
    .argument('<url>', 'blob or Delta table URL')
    .option(`--rows <n>`, `table rows, 1–${maxPreviewRows}`, wholeNumber(1, maxPreviewRows), 20)
    .option('--json', 'the whole preview as one JSON object');
  withCredentialOptions(command).action(async (url, options) => {
    const location = storageUrl(url);
    await previewCommand(
      location,
      credentialFor(location, options, io),
      { rows: options.rows, json: options.json === true },
      io,
    );
  });
}
