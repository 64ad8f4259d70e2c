import type { Command } from '@commander-js/extra-typings';
import { createContainer, deleteContainer } from '../../namespace/containerOps.js';
import { openAccount } from '../../storage/accountAccess.js';
import type { BlobLocation } from '../../storage/blobUrl.js';
import { listRecursive } from '../../storage/listRecursive.js';
import { failWith } from '../../storage/toLakeError.js';
import { credentialFor, storageUrl, withCredentialOptions } from '../commonOptions.js';
import { count } from '../cpOutput.js';
import type { CliIo } from '../output.js';
import { UsageError } from '../usageError.js';

/** The container a `mb`/`rb` URL names; a URL with a path below it is a usage error. */
function containerOf(url: string): BlobLocation & { container: string } {
  const location = storageUrl(url);
  if (!location.container || location.path !== '')
    throw new UsageError(`${url} is not a container URL: …/<container> with nothing after it.`);
  return location as BlobLocation & { container: string };
}

/** `lakeshore mb` and `lakeshore rb`: make and remove containers. */
export function registerContainerCommands(program: Command, io: CliIo): void {
  withCredentialOptions(
    program
      .command('mb')
      .summary('make a container')
      .description('Create a container (a filesystem on HNS accounts).')
      .argument('<container-url>', 'https://<account>.blob.core.windows.net/<container>'),
  ).action(async (url, options) => {
    const location = containerOf(url);
    await createContainer(openAccount(credentialFor(location, options, io)), location.container);
    io.stdout(`Created container ${location.container}\n`);
  });

  withCredentialOptions(
    program
      .command('rb')
      .summary('remove a container and everything in it')
      .description(
        'Delete a container and every blob in it. On a terminal it asks for the name to be typed; ' +
          'elsewhere it needs --force. --dry-run counts what would be deleted.',
      )
      .argument('<container-url>', 'https://<account>.blob.core.windows.net/<container>')
      .option('--force', 'delete without asking')
      .option('--dry-run', 'count the blobs that would be deleted and delete nothing'),
  ).action(async (url, options) => {
    const location = containerOf(url);
    const access = openAccount(credentialFor(location, options, io));
    const name = location.container;
    if (options.dryRun) {
      let files = 0;
      let bytes = 0;
      for await (const e of listRecursive(access.container(name), '')) {
        if (e.kind !== 'file') continue;
        files++;
        bytes += e.size;
      }
      io.stdout(
        `Dry run: would delete container ${name} with ${count(files, 'file')} (${bytes.toLocaleString('en-US')} bytes); nothing was changed.\n`,
      );
      return;
    }
    if (!options.force) {
      if (!io.ask)
        throw new UsageError(
          `rb deletes container ${name} and everything in it: pass --force (nobody is at a terminal to confirm), or --dry-run to see what it holds.`,
        );
      const typed = await io.ask(
        `Delete container ${name} and everything in it? Type its name to confirm: `,
      );
      if (typed.trim() !== name) {
        failWith('Cancelled', `Not deleted: "${typed.trim()}" is not ${name}.`);
      }
    }
    await deleteContainer(access, name);
    io.stdout(`Deleted container ${name}\n`);
  });
}
