import type { Command } from '@commander-js/extra-typings';
import { lsCommand } from '../lsCommand.js';
import {
  credentialFor,
  storageUrl,
  withCredentialOptions,
  withPatternOptions,
} from '../commonOptions.js';
import type { CliIo } from '../output.js';

/** `lakeshore ls <url>`: containers, a blob, a directory, or everything under it. */
export function registerLs(program: Command, io: CliIo): void {
  const command = program
    .command('ls')
    .summary('list containers, a directory, or everything under it')
    .description(
      'List the containers of an account, one blob, one directory level, or (--recursive) every path below. ' +
        'A wildcard in the last segment lists what matches: …/raw/*.csv. A path where nothing exists exits 1.',
    )
    .argument('<url>', 'account, container, directory or blob URL')
    .option('-r, --recursive', 'list every path below, not only one level')
    .option('--json', 'one JSON object per line (NDJSON)');
  withCredentialOptions(withPatternOptions(command)).action(async (url, options) => {
    const location = storageUrl(url);
    await lsCommand(
      location,
      credentialFor(location, options, io),
      {
        recursive: options.recursive === true,
        json: options.json === true,
        ...(options.includePattern ? { include: options.includePattern } : {}),
        ...(options.excludePattern ? { exclude: options.excludePattern } : {}),
      },
      io,
    );
  });
}
