import type { Command } from '@commander-js/extra-typings';
import { listConnections, type ConnectionListing } from '../namedConnection.js';
import type { CliIo } from '../output.js';

const where = (c: Extract<ConnectionListing, { accountName: string }>) =>
  c.scope.type === 'container'
    ? [c.blobEndpoint, c.scope.container, c.scope.directory].filter(Boolean).join('/')
    : c.blobEndpoint;

const line = (c: ConnectionListing): string => {
  const head = `${c.name.padEnd(24)} ${c.source.padEnd(11)} ${c.status.padEnd(11)}`;
  if (c.status === 'invalid' || c.status === 'unavailable') return `${head} ${c.reason}`;
  const readOnly = c.status === 'ready' && c.readOnly ? ' (read-only)' : '';
  const warnings = c.status === 'ready' ? (c.abilities?.warnings ?? []) : [];
  return [
    `${head} ${c.kind} ${where(c)}${readOnly}`,
    ...warnings.map((w) => `${''.padEnd(49)}${w}`),
  ].join('\n');
};

/** `lakeshore connections`: the provisioned and saved connections, their source and status, never a secret. */
export function registerConnections(program: Command, io: CliIo): void {
  program
    .command('connections')
    .summary('list the connections --connection can name')
    .description(
      'List the connections of connections.toml (in the data folder, or LAKESHORE_CONFIG), of the ' +
        'environment (LAKESHORE_CONNECTIONS_<NAME>__<KEY>) and those saved in the app, with where each comes ' +
        'from and its status: ready (its secrets could be read), unavailable or invalid (with the reason), ' +
        'saved. Secret references are read to tell the status; no secret is ever printed.',
    )
    .option(
      '--json',
      'one JSON object: {file, connections, problems}; a ready connection has what its credential can do (abilities)',
    )
    .action(async (options) => {
      const listing = await listConnections(io);
      if (options.json) {
        io.stdout(`${JSON.stringify(listing)}\n`);
        return;
      }
      io.stdout(`Configuration: ${listing.file}\n`);
      for (const problem of listing.problems) io.stdout(`Problem: ${problem}\n`);
      if (listing.connections.length === 0) {
        io.stdout('No connections. Add one in connections.toml, the environment or the app.\n');
        return;
      }
      io.stdout(`${'NAME'.padEnd(24)} ${'SOURCE'.padEnd(11)} ${'STATUS'.padEnd(11)} WHAT\n`);
      for (const c of listing.connections) io.stdout(`${line(c)}\n`);
    });
}
