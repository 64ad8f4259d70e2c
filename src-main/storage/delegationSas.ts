import {
  BlobSASPermissions,
  BlobServiceClient,
  SASProtocol,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';
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

/**
 * A URL of the file `path` in `container` with a user delegation SAS: a user delegation key
 * from Get User Delegation Key (with the signed-in identity's token;
 * https://learn.microsoft.com/rest/api/storageservices/get-user-delegation-key), then a blob
 * SAS (`sr=b`, HTTPS only, `sp=r`, or `racw` with `write`) signed with it
 * (https://learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas). It lasts
 * `lifetime` from `now`; the key lasts as long. Rejects with `InvalidInput` for a connection
 * that does not sign in with Microsoft Entra ID (keys and SAS cannot get a delegation key),
 * and with the service's error (PermissionDenied naming the role) when the key is refused.
 */
export async function delegationSasUrl(
  access: AccountAccess,
  target: { container: string; path: string },
  options: { lifetime: SasLifetime; write?: boolean; now?: Date },
): Promise<DelegationSas> {
  if (!access.tokenCredential) {
    return failWith(
      'InvalidInput',
      'A URL with SAS is signed with a user delegation key, which only a Microsoft Entra ID sign-in can get: open the account through the signed-in account in the tree, or add it as a Microsoft Entra ID connection.',
    );
  }
  const now = options.now ?? new Date();
  const startsOn = new Date(now.getTime() - clockSkewMs);
  const expiresOn = new Date(now.getTime() + sasLifetimeMs[options.lifetime]);
  // A container attached by URL has no service client of its own; the key is an account call.
  const service =
    access.service ?? new BlobServiceClient(access.blobEndpoint, access.tokenCredential);
  const key = await service.getUserDelegationKey(startsOn, expiresOn);
  const permissions = BlobSASPermissions.parse(options.write ? 'racw' : 'r');
  const blob = access.container(target.container).getBlobClient(target.path);
  const sas = generateBlobSASQueryParameters(
    {
      containerName: target.container,
      blobName: target.path,
      permissions,
      startsOn,
      expiresOn,
      protocol: SASProtocol.Https,
    },
    key,
    blob.accountName,
  );
  return {
    url: `${blob.url}?${sas.toString()}`,
    permissions: permissions.toString(),
    expiresOn: expiresOn.toISOString(),
  };
}
