import type { AccessToken, TokenCredential } from '@azure/core-auth';

/**
 * A credential the Key Vault stand-in accepts: unsigned JWTs whose `aud` is the scope's
 * resource (`https://vault.azure.net/.default` → `https://vault.azure.net`), valid one hour.
 * The stand-in checks claims, not signatures, as Azurite's `--oauth basic` does. `issued`
 * holds every token handed out, for leak checks.
 */
export function vaultTestCredential(): TokenCredential & { issued: string[] } {
  const issued: string[] = [];
  return {
    issued,
    getToken(scopes: string | string[]): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes[0]! : scopes;
      const expiresOnTimestamp = Date.now() + 3_600_000;
      const claims = {
        aud: scope.replace(/\/\.default$/, ''),
        exp: Math.floor(expiresOnTimestamp / 1000),
        tid: 'kv-tenant',
        oid: '00000000-0000-4000-a000-000000000001',
      };
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const token = `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
      issued.push(token);
      return Promise.resolve({ token, expiresOnTimestamp });
    },
  };
}
