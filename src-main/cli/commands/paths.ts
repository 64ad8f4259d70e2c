import { Option, type Command } from '@commander-js/extra-typings';
import { mvCommand } from '../mvCommand.js';
import { aclCommand, mkdirCommand, statCommand } from '../namespaceCommands.js';
import { rmCommand } from '../rmCommand.js';
import {
  credentialFor,
  storageUrl,
  withCredentialOptions,
  withPatternOptions,
} from '../commonOptions.js';
import type { CliIo } from '../output.js';
import { UsageError } from '../usageError.js';

/** `lakeshore mkdir`, `mv`, `rm`, `stat` and `acl`: what the app's namespace operations do. */
export function registerPathCommands(program: Command, io: CliIo): void {
  withCredentialOptions(
    program
      .command('mkdir')
      .summary('create a directory')
      .description('Create a directory (HNS accounts) or a folder marker blob (flat accounts).')
      .argument('<url>', 'directory URL'),
  ).action(async (url, options) => {
    const location = storageUrl(url);
    await mkdirCommand(location, credentialFor(location, options, io), io);
  });

  withCredentialOptions(
    program
      .command('mv')
      .summary('rename or move within a container')
      .description(
        'Rename or move a file or folder within one container: one atomic call on HNS accounts, ' +
          'a server-side copy then delete per blob on flat ones. Never replaces an existing path. ' +
          'A move that was killed or interrupted goes on when the same mv runs again.',
      )
      .argument('<src-url>', 'file or folder to move')
      .argument('<dst-url>', 'its new path (same container)')
      .option('--dry-run', 'print what would move and change nothing')
      .option('--json', 'the result as one JSON object'),
  ).action(async (src, dst, options) => {
    const source = storageUrl(src);
    const destination = storageUrl(dst);
    await mvCommand(
      source,
      destination,
      credentialFor(source, options, io),
      { dryRun: options.dryRun === true, json: options.json === true },
      io,
    );
  });

  withCredentialOptions(
    withPatternOptions(
      program
        .command('rm')
        .summary('delete files, or folders with --recursive')
        .description(
          'Delete files; a folder and everything below it only with --recursive. A wildcard in the last ' +
            'segment (…/tmp/*.csv) deletes what matches there; with name patterns and --recursive, the ' +
            'matching files below a folder. --dry-run lists what would be deleted and deletes nothing.',
        )
        .argument('<url...>', 'file, folder or wildcard URLs, all in one container')
        .option('-r, --recursive', 'delete folders and everything below them')
        .option('--dry-run', 'list what would be deleted and delete nothing')
        .option('--json', 'the result as one JSON object'),
    ),
  ).action(async (urls, options) => {
    const locations = urls.map(storageUrl);
    await rmCommand(
      locations,
      credentialFor(locations[0]!, options, io),
      {
        recursive: options.recursive === true,
        dryRun: options.dryRun === true,
        json: options.json === true,
        ...(options.includePattern ? { include: options.includePattern } : {}),
        ...(options.excludePattern ? { exclude: options.excludePattern } : {}),
      },
      io,
    );
  });

  withCredentialOptions(
    program
      .command('stat')
      .summary('properties of a path')
      .description('Properties of a file or folder; for a folder also its file count and bytes.')
      .argument('<url>', 'file or folder URL')
      .option('--json', 'one JSON object'),
  ).action(async (url, options) => {
    const location = storageUrl(url);
    await statCommand(
      location,
      credentialFor(location, options, io),
      { json: options.json === true },
      io,
    );
  });

  const acl = program
    .command('acl')
    .summary('read or change ACLs (HNS accounts)')
    .description('Read or change owner, group, permissions and ACL entries on HNS accounts.');
  withCredentialOptions(
    acl
      .command('get')
      .description('Owner, group, permissions and ACL of a path.')
      .argument('<url>', 'file or directory URL')
      .option('--json', 'one JSON object'),
  ).action(async (url, options) => {
    const location = storageUrl(url);
    await aclCommand(
      { action: 'get', json: options.json === true },
      location,
      credentialFor(location, options, io),
      io,
    );
  });
  withCredentialOptions(
    acl
      .command('set')
      .description(
        "Set one path's ACL, or with --recursive merge (modify, the default), remove or replace entries " +
          'on a whole tree; --dry-run counts what would change.',
      )
      .argument('<url>', 'file or directory URL')
      .argument('<acl>', 'ACL entries, e.g. user:<object-id>:r-x,default:group::r-x')
      .option('-r, --recursive', 'apply to the whole tree below')
      .addOption(
        new Option('--mode <mode>', 'how --recursive applies the entries')
          .choices(['modify', 'remove', 'set'] as const)
          .default('modify' as const),
      )
      .option('--dry-run', 'with --recursive: count the paths that would change, change nothing')
      .option('--json', 'the summary as one JSON object'),
  ).action(async (url, aclText, options) => {
    if (!options.recursive && options.dryRun)
      throw new UsageError('--dry-run goes with --recursive (a single path is shown by acl get).');
    const location = storageUrl(url);
    await aclCommand(
      {
        action: 'set',
        acl: aclText,
        recursive: options.recursive === true,
        mode: options.mode,
        dryRun: options.dryRun === true,
        json: options.json === true,
      },
      location,
      credentialFor(location, options, io),
      io,
    );
  });
}
