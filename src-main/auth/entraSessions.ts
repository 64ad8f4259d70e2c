import path from 'node:path';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import {
  CryptoProvider,
  InteractionRequiredAuthError,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type DeviceCodeRequest,
} from '@azure/msal-node';
import { LakeFailure, failWith } from '../storage/toLakeError.js';
import { needsKnownAuthority, storageScope, type AzureEnvironment } from './azureEnvironments.js';
import { startLoopbackRedirect } from './loopbackRedirect.js';
import {
  createProxyNetworkClient,
  type IdentityRefusal,
  type ProxyNetworkClient,
} from './proxyNetworkClient.js';
import { sealedTokenCache } from './sealedTokenCache.js';
import type { SecretStorageKind } from '../../shared/contract/index.js';
import type { SecretCipher } from './secretVault.js';

/** A signed-in account, as the UI may see it (no token). */
export interface EntraAccount {
  /** MSAL's home account id (`<oid>.<tid>`): the id sign-out and credentials take. */
  id: string;
  username: string;
  name?: string;
  tenantId: string;
  environment: string;
}

/** What the user must do to finish a device-code sign-in, in MSAL's words. */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  message: string;
  /** ISO time the code stops working. */
  expiresAt: string;
}

export interface SignInRequest {
  /** `browser`: authorization code with PKCE through a loopback redirect; `deviceCode`: the fallback. */
  flow: 'browser' | 'deviceCode';
  /** A tenant id or domain (`contoso.onmicrosoft.com`); default `organizations`. */
  tenant?: string;
  /** Called once with the code to show (device-code flow). */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  signal?: AbortSignal;
}

export interface EntraSessions {
  environment: AzureEnvironment;
  /** Signs in and keeps the account's tokens in the sealed cache; rejects with a `LakeFailure` in words, saving nothing. */
  signIn(request: SignInRequest): Promise<EntraAccount>;
  /** Every signed-in account, read from the persisted cache. */
  accounts(): Promise<EntraAccount[]>;
  /** Removes that account and its tokens from the cache; false when it was not signed in. */
  signOut(id: string): Promise<boolean>;
  /**
   * A credential for the account, refreshing its tokens silently; `getToken` rejects with
   * `AuthFailed` ("sign in again") when the account is signed out or its refresh token no
   * longer works.
   */
  credential(id: string): TokenCredential;
}

export interface EntraSessionsOptions {
  dataDir: string;
  cipher: SecretCipher;
  environment: AzureEnvironment;
  clientId: string;
  /** Opens the authorize URL in the system browser (Electron: shell.openExternal; browser mode: a new tab). */
  openBrowser: (url: string) => void | Promise<void>;
  /** How long the browser sign-in may take; default 5 minutes. */
  browserTimeoutMs?: number;
}

/**
 * Where the token cache lives in the data folder, by how it is kept: sealed by the OS
 * (`os-encryption`, the desktop app's Electron safeStorage) or in a 0600 file (`file-0600`:
 * browser mode and the CLI, which share it). Two files, because plain Node cannot open what
 * safeStorage sealed (its key is in the OS keychain under the app's identity): one shared file
 * would be unreadable to one side, and a sign-in there would overwrite the other's accounts.
 */
export const tokenCacheFile = (dataDir: string, kind: SecretStorageKind): string =>
  path.join(
    dataDir,
    'auth',
    kind === 'os-encryption' ? 'entra-token-cache.sealed' : 'entra-token-cache.json',
  );

const tenantPattern =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|organizations|common|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)$/i;

const summary = (env: AzureEnvironment, a: AccountInfo): EntraAccount => ({
  id: a.homeAccountId,
  username: a.username,
  ...(a.name ? { name: a.name } : {}),
  tenantId: a.tenantId,
  environment: env.id,
});

/**
 * An identity-platform refusal of the request itself in words: an application (client) id the
 * tenant does not know (`invalid_client`, `unauthorized_client`, AADSTS700016) names the id and
 * LAKESHORE_CLIENT_ID; anything else gives Entra's own error and description.
 */
function refusedRequest(refusal: IdentityRefusal | undefined, clientId: string): LakeFailure {
  const text = `${refusal?.error ?? ''} ${refusal?.description ?? ''}`;
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  if (
    /^(invalid_client|unauthorized_client)$/.test(refusal?.error ?? '') ||
    aadsts === 'AADSTS700016'
  ) {
    return new LakeFailure({
      code: 'AuthFailed',
      message: `The identity platform does not accept the application (client) id ${clientId} (${refusal?.error ?? aadsts}): set your organisation's app registration in Settings → Sign-in (or LAKESHORE_CLIENT_ID); nothing was saved.`,
    });
  }
  return new LakeFailure({
    code: 'AuthFailed',
    message: `Sign-in failed: ${refusal ? `${refusal.error}${refusal.description ? ` (${refusal.description})` : ''}` : 'the identity platform gave no device code'}; nothing was saved.`,
  });
}

/** MSAL's error codes (and Entra's AADSTS numbers in its text) in the user's words. */
function explainMsalError(
  e: unknown,
  env: AzureEnvironment,
  network: ProxyNetworkClient,
): LakeFailure {
  if (e instanceof LakeFailure) return e;
  const err = e as {
    errorCode?: string;
    errorMessage?: string;
    message?: string;
    subError?: string;
  };
  // msal-node reports some token-endpoint refusals (a device code's expired_token) only as
  // post_request_failed: the identity platform's own error is in the answer the network client kept.
  const refused = network.lastRefusal();
  const errorCode =
    err.errorCode === 'post_request_failed' && refused ? refused.error : err.errorCode;
  const text = `${err.errorMessage ?? err.message ?? ''} ${errorCode === err.errorCode ? '' : (refused?.description ?? '')}`;
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  if (errorCode === 'access_denied' || aadsts === 'AADSTS65004' || aadsts === 'AADSTS50126') {
    return new LakeFailure({
      code: 'AuthFailed',
      message: 'Sign-in was cancelled or consent was refused; nothing was saved.',
    });
  }
  if (errorCode === 'expired_token' || aadsts === 'AADSTS70020') {
    return new LakeFailure({
      code: 'Timeout',
      message:
        'The device code expired before sign-in finished; nothing was saved. Start again for a new code.',
    });
  }
  const unreachable = network.lastUnreachable();
  if (
    unreachable &&
    (err.errorCode === 'network_error' ||
      err.errorCode === 'endpoints_resolution_error' ||
      /ECONN|ENOTFOUND|EAI_AGAIN/.test(text))
  ) {
    return new LakeFailure({
      code: 'Unreachable',
      message: `Could not reach ${unreachable.host} (${unreachable.code}) to sign in to ${env.name}. Check the network or proxy (HTTPS_PROXY).`,
    });
  }
  return new LakeFailure({
    code: 'AuthFailed',
    message: `Sign-in failed: ${errorCode ?? 'error'}${aadsts ? ` (${aadsts})` : ''}; nothing was saved.`,
  });
}

/**
 * Credential sessions with Microsoft Entra ID through one MSAL public client per cloud: the
 * token cache holds every signed-in account (several tenants at once) and is persisted sealed
 * by `cipher`; tokens for `https://storage.azure.com/.default` refresh silently.
 */
export function createEntraSessions(options: EntraSessionsOptions): EntraSessions {
  const env = options.environment;
  const network = createProxyNetworkClient();
  const authorityOf = (tenant: string) => `${env.authorityHost}/${tenant}`;
  const pca = new PublicClientApplication({
    auth: {
      clientId: options.clientId,
      authority: authorityOf('organizations'),
      ...(needsKnownAuthority(env) ? { knownAuthorities: [new URL(env.authorityHost).host] } : {}),
    },
    cache: {
      cachePlugin: sealedTokenCache(
        tokenCacheFile(options.dataDir, options.cipher.kind),
        options.cipher,
      ),
    },
    system: {
      networkClient: network,
      // MSAL's log may hold PII and is not needed: keep it off.
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Error,
        loggerCallback: () => undefined,
      },
    },
  });
  const cache = pca.getTokenCache();
  const crypto = new CryptoProvider();

  /** Refuses a malformed tenant, and one the cloud does not know (AADSTS90002), before any prompt. */
  async function checkTenant(tenant: string): Promise<void> {
    if (!tenantPattern.test(tenant)) {
      failWith(
        'InvalidInput',
        `"${tenant}" is not a tenant id (a GUID) or a domain such as contoso.onmicrosoft.com.`,
      );
    }
    let answer;
    try {
      answer = await network.sendGetRequestAsync<{ error?: string; error_description?: string }>(
        `${authorityOf(encodeURIComponent(tenant))}/v2.0/.well-known/openid-configuration`,
      );
    } catch (e) {
      throw explainMsalError(e, env, network);
    }
    if (
      answer.status === 400 &&
      (answer.body.error === 'invalid_tenant' ||
        /AADSTS90002/.test(answer.body.error_description ?? ''))
    ) {
      failWith(
        'NotFound',
        `There is no tenant "${tenant}" in ${env.name}: check the tenant id or domain; nothing was saved.`,
      );
    }
    if (answer.status !== 200) {
      failWith(
        'AuthFailed',
        `${env.authorityHost} answered HTTP ${answer.status} for tenant "${tenant}"; nothing was saved.`,
      );
    }
  }

  async function browserSignIn(
    tenant: string,
    request: SignInRequest,
  ): Promise<AuthenticationResult> {
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const state = crypto.createNewGuid();
    const loopback = await startLoopbackRedirect({
      state,
      timeoutMs: options.browserTimeoutMs ?? 5 * 60_000,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    try {
      const scopes = [storageScope];
      const url = await pca.getAuthCodeUrl({
        scopes,
        redirectUri: loopback.redirectUri,
        authority: authorityOf(tenant),
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
        state,
        prompt: 'select_account',
      });
      await options.openBrowser(url);
      const answer = await loopback.answer;
      return await pca.acquireTokenByCode({
        code: answer.code,
        scopes,
        redirectUri: loopback.redirectUri,
        authority: authorityOf(tenant),
        codeVerifier: verifier,
        ...(answer.params.client_info ? { clientInfo: answer.params.client_info } : {}),
        state,
      });
    } finally {
      loopback.close();
    }
  }

  async function deviceCodeSignIn(
    tenant: string,
    request: SignInRequest,
  ): Promise<AuthenticationResult> {
    // MSAL polls until the code is used or expires, reading `cancel` on this same object.
    const deviceRequest: DeviceCodeRequest = {
      scopes: [storageScope],
      authority: authorityOf(tenant),
      deviceCodeCallback: (r) => {
        // MSAL hands a refused device-code request on as a response without a code.
        if (!r.userCode) throw refusedRequest(network.lastRefusal(), options.clientId);
        request.onDeviceCode?.({
          userCode: r.userCode,
          verificationUri: r.verificationUri,
          message: r.message,
          expiresAt: new Date(Date.now() + r.expiresIn * 1000).toISOString(),
        });
      },
      cancel: false,
    };
    const onAbort = () => (deviceRequest.cancel = true);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await pca.acquireTokenByDeviceCode(deviceRequest);
      if (!result) return failWith('Cancelled', 'Sign-in was cancelled.');
      return result;
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  async function findAccount(id: string): Promise<AccountInfo | undefined> {
    return (await cache.getAllAccounts()).find((a) => a.homeAccountId === id);
  }

  return {
    environment: env,
    async signIn(request) {
      const tenant = request.tenant?.trim() || 'organizations';
      await checkTenant(tenant);
      let result: AuthenticationResult;
      try {
        result =
          request.flow === 'browser'
            ? await browserSignIn(tenant, request)
            : await deviceCodeSignIn(tenant, request);
      } catch (e) {
        throw explainMsalError(e, env, network);
      }
      if (!result.account) return failWith('AuthFailed', 'Sign-in returned no account.');
      return summary(env, result.account);
    },
    async accounts() {
      // One cache file holds every cloud's accounts: only this cloud's are its own.
      const host = new URL(env.authorityHost).host;
      return (await cache.getAllAccounts())
        .filter((a) => a.environment === host)
        .map((a) => summary(env, a));
    },
    async signOut(id) {
      const account = await findAccount(id);
      if (!account) return false;
      await cache.removeAccount(account);
      return true;
    },
    credential(id): TokenCredential {
      return {
        async getToken(
          scopes: string | string[],
          getOptions?: GetTokenOptions,
        ): Promise<AccessToken> {
          const account = await findAccount(id);
          if (!account) {
            return failWith(
              'AuthFailed',
              'This Microsoft Entra ID account is signed out: sign in again.',
            );
          }
          try {
            const result = await pca.acquireTokenSilent({
              account,
              scopes: Array.isArray(scopes) ? scopes : [scopes],
              // Another tenant of the same user (Resource Manager lists a tenant's subscriptions only with its token).
              authority: authorityOf(getOptions?.tenantId ?? account.tenantId),
            });
            return {
              token: result.accessToken,
              expiresOnTimestamp: (result.expiresOn ?? new Date(Date.now() + 60_000)).getTime(),
            };
          } catch (e) {
            if (e instanceof InteractionRequiredAuthError) {
              return failWith(
                'AuthFailed',
                `The sign-in of ${account.username} has expired or was revoked: sign in again.`,
              );
            }
            const unreachable = network.lastUnreachable();
            if (unreachable) {
              return failWith(
                'Unreachable',
                `Could not reach ${unreachable.host} (${unreachable.code}) to refresh the sign-in of ${account.username}.`,
              );
            }
            return failWith(
              'AuthFailed',
              `The sign-in of ${account.username} could not be refreshed (${(e as { errorCode?: string }).errorCode ?? 'error'}): sign in again.`,
            );
          }
        },
      };
    },
  };
}
