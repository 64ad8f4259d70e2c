import type { TokenCredential } from '@azure/core-auth';
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { needsKnownAuthority, type AzureEnvironment } from './azureEnvironments.js';

/**
 * A service principal (an app registration's identity) in `tenantId` (its id or a domain):
 * its application (client) id and one secret, a client secret or a PEM text holding its
 * certificate and unencrypted private key.
 */
export type ServicePrincipal = { tenantId: string; clientId: string } & (
  | { clientSecret: string; certificate?: undefined }
  | { certificate: string; clientSecret?: undefined }
);

/**
 * The @azure/identity credential of `principal` in `environment`'s cloud: client credentials
 * at its authority host (`ClientSecretCredential`, or `ClientCertificateCredential`, which
 * signs a `private_key_jwt` assertion), with instance discovery off in a custom cloud, where
 * the authority is on no list Entra publishes. Tokens are asked for and refreshed when used;
 * a refused secret rejects `getToken` with the service's AADSTS error.
 */
export function servicePrincipalCredential(
  principal: ServicePrincipal,
  environment: Pick<AzureEnvironment, 'id' | 'authorityHost'>,
): TokenCredential {
  const options = {
    authorityHost: environment.authorityHost,
    ...(needsKnownAuthority(environment) ? { disableInstanceDiscovery: true } : {}),
  };
  return principal.certificate !== undefined
    ? new ClientCertificateCredential(
        principal.tenantId,
        principal.clientId,
        { certificate: principal.certificate },
        options,
      )
    : new ClientSecretCredential(
        principal.tenantId,
        principal.clientId,
        principal.clientSecret,
        options,
      );
}
