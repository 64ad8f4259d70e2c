import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AzureEnvironmentId, EntraAccountSummary } from '../../shared/contract/index.js';

/** A signed-in Microsoft Entra ID account as the sign-in keeps it: its id and its cloud. */
export type SignedInIdentity = Pick<EntraAccountSummary, 'id' | 'environment'>;

export interface KeyVaultIdentityOptions {
  /** The accounts signed in now (`auth.accounts`); the first one reads Key Vault. */
  signedIn: () => Promise<readonly SignedInIdentity[]>;
  /** The account's credential (silent refresh of its tokens; "sign in again" when it cannot). */
  credential: (accountId: string, environment: AzureEnvironmentId) => TokenCredential;
  /** Used while nobody is signed in: DefaultAzureCredential (environment, managed identity, Azure CLI…). */
  fallback: () => TokenCredential;
}

/**
 * The identity `secret://keyvault/` references are read with: the first signed-in account
 * (`lakeshore login` or Sign in in the app), so a vault that grants that user Key Vault Secrets
 * User opens without any other setup; DefaultAzureCredential only while nobody is signed in
 * (https://learn.microsoft.com/javascript/api/@azure/identity/defaultazurecredential). Which
 * one is asked is decided at each token, so a sign-in or sign-out applies to the next fetch.
 * A signed-in account whose token cannot be had fails as its credential fails ("sign in
 * again"), rather than falling through to another identity the user did not choose.
 */
export function keyVaultIdentity(options: KeyVaultIdentityOptions): TokenCredential {
  let fallback: TokenCredential | undefined;
  return {
    async getToken(
      scopes: string | string[],
      getOptions?: GetTokenOptions,
    ): Promise<AccessToken | null> {
      const [first] = await options.signedIn();
      const credential = first
        ? options.credential(first.id, first.environment)
        : (fallback ??= options.fallback());
      return credential.getToken(scopes, getOptions);
    },
  };
}
