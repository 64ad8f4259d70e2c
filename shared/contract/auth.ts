import { z } from 'zod';

/** The clouds a user can sign in to; `custom` is the one the environment configures (AZURE_AUTHORITY_HOST). */
export const azureEnvironmentIds = ['public', 'china', 'usgov', 'custom'] as const;
export type AzureEnvironmentId = (typeof azureEnvironmentIds)[number];

/** A tenant id (GUID), a domain (`contoso.onmicrosoft.com`), or `organizations` / `common`. */
export const tenantSchema = z
  .string()
  .trim()
  .max(253)
  .regex(
    /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|organizations|common|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)$/i,
    'A tenant is its id (a GUID) or a domain such as contoso.onmicrosoft.com',
  );

/**
 * Sign in with Microsoft Entra ID. `browser`: the system browser (a new tab in browser mode)
 * with a loopback redirect; `deviceCode`: a code to enter on another device, announced with
 * the `auth.deviceCode` event. The tenant defaults to `organizations`.
 */
export const signInArgsSchema = z
  .object({
    flow: z.enum(['browser', 'deviceCode']),
    tenant: tenantSchema.optional(),
    environment: z.enum(azureEnvironmentIds).optional(),
  })
  .strict();

/** The MSAL home account id of a signed-in account (`<object id>.<tenant id>`). */
export const entraAccountIdSchema = z.string().min(3).max(200);

/** A signed-in Microsoft Entra ID account as the renderer sees it: never a token. */
export interface EntraAccountSummary {
  id: string;
  username: string;
  name?: string;
  tenantId: string;
  environment: AzureEnvironmentId;
}

/** What the user must do to finish a device-code sign-in (`auth.deviceCode` event). */
export interface DeviceCodePromptEvent {
  userCode: string;
  verificationUri: string;
  /** MSAL's (Entra's) own sentence with the URL and the code. */
  message: string;
  /** ISO 8601. */
  expiresAt: string;
}

/** The sign-in page to open (`auth.browserPrompt` event), in browser mode where main cannot open a tab itself. */
export interface BrowserPromptEvent {
  url: string;
}
