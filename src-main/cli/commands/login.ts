import { Option, type Command } from '@commander-js/extra-typings';
import type { DiscoveredTenant } from '../../../shared/contract/index.js';
import { environmentFromEnv } from '../../auth/azureEnvironments.js';
import { discoverStorage } from '../../discovery/armDiscovery.js';
import { failWith } from '../../storage/toLakeError.js';
import { cliAccount, cliSessions, forgetCliAccount, rememberCliAccount } from '../cliEntra.js';
import { formatColumns, type CliIo } from '../output.js';

/** A table of the storage accounts (subscription, account, namespace, blob and dfs endpoints) under its heading, then a line per tenant or subscription that could not be listed. */
function accountLines(tenants: DiscoveredTenant[]): string[] {
  const problems: string[] = [];
  const rows: string[][] = [];
  for (const t of tenants) {
    if (t.status === 'failed') {
      problems.push(`# tenant ${t.displayName} (${t.tenantId}): ${t.message}`);
      continue;
    }
    for (const s of t.subscriptions) {
      if (s.status === 'failed') problems.push(`# subscription ${s.displayName}: ${s.message}`);
      if (s.status !== 'listed') continue;
      for (const a of s.storageAccounts) {
        rows.push([
          s.displayName,
          a.name,
          a.hns ? 'adls' : 'blob',
          a.blobEndpoint,
          a.dfsEndpoint ?? '-',
        ]);
      }
    }
  }
  const table =
    rows.length > 0
      ? formatColumns([['SUBSCRIPTION', 'ACCOUNT', 'KIND', 'BLOB', 'DFS'], ...rows])
      : [];
  return [...table, ...problems];
}

/**
 * `lakeshore login`, `logout` and `accounts`: sign in with Microsoft Entra ID into the token
 * cache the app shares (same data folder), so that an https URL with no other credential uses
 * that identity, as azcopy does after `azcopy login`.
 */
export function registerLogin(program: Command, io: CliIo): void {
  program
    .command('login')
    .summary('sign in with Microsoft Entra ID')
    .description(
      'Sign in with Microsoft Entra ID in the browser (a loopback redirect on 127.0.0.1), or with a ' +
        'device code (the message with the URL and the code goes to stderr). Afterwards an https URL with ' +
        'no other credential uses this identity (or force it with --auth entra); the app in the same data ' +
        'folder sees the sign-in too. The cloud comes from AZURE_AUTHORITY_HOST and LAKESHORE_ARM_ENDPOINT, ' +
        'the application id from LAKESHORE_CLIENT_ID.',
    )
    .option('--tenant-id <id>', 'tenant id or domain (default: organizations, your home tenant)')
    .option('--use-device-code', 'sign in with a code on another device instead of a browser')
    .action(async (options) => {
      const account = await cliSessions(io).signIn({
        flow: options.useDeviceCode ? 'deviceCode' : 'browser',
        ...(options.tenantId ? { tenant: options.tenantId } : {}),
        onDeviceCode: (prompt) => io.stderr(`${prompt.message}\n`),
      });
      rememberCliAccount(io, account);
      io.stdout(`Signed in as ${account.username} (tenant ${account.tenantId}).\n`);
    });

  program
    .command('logout')
    .summary('sign out of Microsoft Entra ID')
    .description(
      'Sign out the identity of lakeshore login: its tokens leave the shared token cache.',
    )
    .action(async () => {
      const account = cliAccount(io);
      if (!account) {
        io.stdout('Not signed in.\n');
        return;
      }
      await cliSessions(io).signOut(account.id);
      forgetCliAccount(io);
      io.stdout(`Signed out ${account.username}.\n`);
    });

  program
    .command('accounts')
    .summary('list the storage accounts the signed-in identity sees')
    .description(
      'List the subscriptions and storage accounts the identity of lakeshore login sees through ' +
        'Resource Manager (every tenant, every page), with their blob and dfs endpoints. Text: a table ' +
        'under the heading SUBSCRIPTION ACCOUNT KIND BLOB DFS, one row per account (KIND adls or blob), ' +
        'each column as wide as its widest value; then a # line for each tenant or subscription that ' +
        'could not be listed, saying why.',
    )
    .addOption(new Option('--json', 'the tenants, subscriptions and accounts as one JSON array'))
    .action(async (options) => {
      const account = cliAccount(io);
      if (!account) failWith('AuthFailed', 'Not signed in: run lakeshore login first.');
      const sessions = cliSessions(io);
      const signedIn = (await sessions.accounts()).find((a) => a.id === account!.id);
      if (!signedIn)
        failWith(
          'AuthFailed',
          `The sign-in of ${account!.username} is gone: run lakeshore login again.`,
        );
      const base = sessions.credential(account!.id);
      const tenants = await discoverStorage({
        armEndpoint: environmentFromEnv(io.env).armEndpoint,
        homeTenantId: signedIn!.tenantId,
        credentialFor: (tenantId) => ({
          getToken: (scopes, getOptions) => base.getToken(scopes, { ...getOptions, tenantId }),
        }),
      });
      if (options.json) {
        io.stdout(`${JSON.stringify(tenants)}\n`);
        return;
      }
      const lines = accountLines(tenants);
      if (lines.length === 0) {
        io.stdout('No storage accounts.\n');
        return;
      }
      for (const line of lines) io.stdout(`${line}\n`);
    });
}
