import { Option, type Command } from '@commander-js/extra-typings';
import { sasLifetimes } from '../../../shared/contract/index.js';
import { resolvePathKind } from '../../namespace/resolvePathKind.js';
import { delegationSasUrl } from '../../storage/delegationSas.js';
import { credentialFor, storageUrl, withCredentialOptions } from '../commonOptions.js';
import { needPath, openTarget } from '../openTarget.js';
import type { CliIo } from '../output.js';

/**
 * `lakeshore sas <url>`: the app's "Copy URL with SAS" on the command line. Prints the URL of
 * the file or folder with a user delegation SAS (a folder's is a directory SAS, on accounts
 * with a hierarchical namespace) on stdout, what it allows and until when on stderr; `--json`
 * prints `{ url, kind, permissions, expiresOn }` instead.
 */
export function registerSas(program: Command, io: CliIo): void {
  withCredentialOptions(
    program
      .command('sas')
      .summary('print a URL with a user delegation SAS, to share a file or folder')
      .description(
        'Print the URL of a file or folder with a SAS signed by a user delegation key of the signed-in ' +
          'identity (lakeshore login, or another Microsoft Entra ID credential with --auth): read-only by ' +
          'default, for 1 hour, 1 day or 7 days (the most a user delegation key lasts). Anyone with the URL ' +
          'can use it until it expires. A folder gets a directory SAS, which only accounts with a ' +
          'hierarchical namespace (ADLS Gen2) honour: it reads and lists everything below the folder. ' +
          'The URL goes to stdout, what it allows and until when to stderr.',
      )
      .argument('<url>', 'file or folder URL')
      .addOption(
        new Option('--expiry <lifetime>', 'how long the URL works')
          .choices(sasLifetimes)
          .default('1d' as const),
      )
      .option('--write', 'also allow add, create and write (default: read, and list for a folder)')
      .option('--json', 'one JSON object: url, kind, permissions, expiresOn'),
  ).action(async (url, options) => {
    const location = storageUrl(url);
    const target = await openTarget(location, credentialFor(location, options, io));
    const ref = await resolvePathKind(target, needPath(location, 'sas'));
    const kind = ref.kind === 'directory' ? 'folder' : 'file';
    const shared = await delegationSasUrl(
      target.access,
      { container: target.container, path: ref.path, kind },
      {
        lifetime: options.expiry,
        namespace: target.namespace,
        ...(options.write ? { write: true } : {}),
      },
    );
    if (options.json) {
      io.stdout(
        `${JSON.stringify({ url: shared.url, kind, permissions: shared.permissions, expiresOn: shared.expiresOn })}\n`,
      );
      return;
    }
    io.stdout(`${shared.url}\n`);
    const what = /[acw]/.test(shared.permissions) ? 'read and write' : 'read-only';
    io.stderr(
      `${kind === 'folder' ? 'Folder' : 'File'} URL with SAS (${shared.permissions}, ${what}), works until ${shared.expiresOn}.\n`,
    );
  });
}
