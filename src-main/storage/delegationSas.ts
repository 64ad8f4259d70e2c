import {
  BlobSASPermissions,
  BlobServiceClient,
  SASProtocol,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import {
  DirectorySASPermissions,
  generateDataLakeSASQueryParameters,
} from '@azure/storage-file-datalake';
import type { DelegationSas, SasLifetime } from '../../shared/contract/index.js';
import type { AccountAccess } from './accountAccess.js';
import { failWith } from './toLakeError.js';

const hour = 3_600_000;
/** Each preset in ms; the longest is the user delegation key's 7-day limit. */
export const sasLifetimeMs: Record<SasLifetime, number> = {
  '1h': hour,
  '1d': 24 * hour,
  '7d': 7 * 24 * hour,
};

/** How far before now the SAS starts, for clocks that run behind the service's. */
const clockSkewMs = 5 * 60_000;

/** What is shared: a file (`sr=b`) or a folder with everything below it (`sr=d`, HNS accounts only). */
export interface SasTarget {
  container: string;
  /** No `/` at either end; a folder's path is its directory's. */
  path: string;
  kind: 'file' | 'folder';
}

/**
 * A URL of `target` with a user delegation SAS: a user delegation key from Get User Delegation
 * Key (with the signed-in identity's token;
 * https://learn.microsoft.com/rest/api/storageservices/get-user-delegation-key), then a SAS
 * signed with it over HTTPS only
 * (https://learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas). A file
 * gets a blob SAS (`sr=b`, `sp=r`, or `racw` with `write`); a folder a directory SAS (`sr=d`,
 * `sdd` its depth, `sp=rl`, or `racwl` with `write`), which only accounts with a hierarchical
 * namespace honour. It lasts `lifetime` from `now`; the key lasts as long. Rejects with
 * `InvalidInput` for a connection that does not sign in with Microsoft Entra ID (keys and SAS
 * cannot get a delegation key) and for a folder of a flat account (`namespace` is not `hns`),
 * and with the service's error (PermissionDenied naming the role) when the key is refused.
 */
export async function delegationSasUrl(
  access: AccountAccess,
  target: SasTarget,
  options: {
    lifetime: SasLifetime;
    write?: boolean;
    now?: Date;
    /** The account's namespace kind; absent counts as flat (a folder is then refused). */
    namespace?: 'hns' | 'flat';
  },
): Promise<DelegationSas> {
  if (!access.tokenCredential) {
    return failWith(
      'InvalidInput',
      'A URL with SAS is signed with a user delegation key, which only a Microsoft Entra ID sign-in can get: open the account through the signed-in account in the tree, or add it as a Microsoft Entra ID connection (on the command line: lakeshore login, or --auth entra).',
    );
  }
  if (target.kind === 'folder' && options.namespace !== 'hns') {
    return failWith(
      'InvalidInput',
      `A folder's URL with SAS (a directory SAS) works only on accounts with a hierarchical namespace, and ${access.accountName} has none: share the folder's files one by one.`,
    );
  }
  const now = options.now ?? new Date();
  const startsOn = new Date(now.getTime() - clockSkewMs);
  const expiresOn = new Date(now.getTime() + sasLifetimeMs[options.lifetime]);
  // A container attached by URL has no service client of its own; the key is an account call.
  const service =
    access.service ?? new BlobServiceClient(access.blobEndpoint, access.tokenCredential);
  const key = await service.getUserDelegationKey(startsOn, expiresOn);
  const blob = access.container(target.container).getBlobClient(target.path);
  const signed = { startsOn, expiresOn, protocol: SASProtocol.Https };
  const sas =
    target.kind === 'file'
      ? generateBlobSASQueryParameters(
          {
            ...signed,
            containerName: target.container,
            blobName: target.path,
            permissions: BlobSASPermissions.parse(options.write ? 'racw' : 'r'),
          },
          key,
          blob.accountName,
        )
      : generateDataLakeSASQueryParameters(
          {
            ...signed,
            fileSystemName: target.container,
            pathName: target.path,
            isDirectory: true,
            directoryDepth: target.path.split('/').length,
            permissions: DirectorySASPermissions.parse(options.write ? 'racwl' : 'rl'),
          },
          key,
          blob.accountName,
        );
  return {
    url: `${blob.url}?${sas.toString()}`,
    permissions: sas.permissions ?? '',
    expiresOn: expiresOn.toISOString(),
  };
}
