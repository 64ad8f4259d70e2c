import { createHash, type JsonWebKey } from 'node:crypto';
import type { ClientMetadata } from 'oidc-provider';

/**
 * A confidential client (an app registration with a service principal) of the stand-in: it
 * gets app-only tokens with the client-credentials grant, authenticating with its secret
 * (`client_secret_post`, as MSAL sends it) or with a JWT assertion signed by its certificate's
 * key (`private_key_jwt`, what @azure/identity's ClientCertificateCredential sends).
 */
export interface StandInApplication {
  clientId: string;
  /** Exactly one of the two. */
  clientSecret?: string;
  /** The public key of its certificate (`generateClientCertificate(…).jwk`). */
  certificateJwk?: JsonWebKey;
}

/** The oidc-provider client of `app`: the client-credentials grant only. */
export function applicationClient(app: StandInApplication): ClientMetadata {
  const common = {
    client_id: app.clientId,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  };
  if (app.clientSecret !== undefined)
    return {
      ...common,
      client_secret: app.clientSecret,
      token_endpoint_auth_method: 'client_secret_post',
    };
  if (app.certificateJwk)
    return {
      ...common,
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [app.certificateJwk as never] },
    };
  throw new Error(`Stand-in application ${app.clientId} has neither a secret nor a certificate.`);
}

/** The GUID-shaped object id of an application's service principal (Entra's `oid`). */
export const servicePrincipalObjectId = (clientId: string): string => {
  const h = createHash('sha256').update(`sp:${clientId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-b${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * The claims Entra's v1.0 app-only storage tokens carry beside `aud` and `iss`: the
 * application (`appid`), its service principal (`oid`, `sub`), `idtyp: app`, and no `upn` or
 * `scp` (an application holds roles, not delegated scopes).
 */
export const applicationClaims = (clientId: string, tid: string): Record<string, unknown> => ({
  sub: servicePrincipalObjectId(clientId),
  oid: servicePrincipalObjectId(clientId),
  tid,
  appid: clientId,
  idtyp: 'app',
  ver: '1.0',
});
