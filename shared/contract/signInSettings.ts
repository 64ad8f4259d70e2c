import { textSchemaOf, type TextSettingField } from './settingFields.js';

/**
 * The public client's application (client) id when none is set: the Azure CLI's, which Entra
 * tenants pre-authorise for storage and Resource Manager tokens.
 */
export const defaultClientId = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** Settings → Sign-in, declared once (`settings.signIn`). */
export const signInSettingFields = [
  {
    key: 'clientId',
    label: 'Application (client) id',
    hint: `The app registration Lakeshore signs in with; default ${defaultClientId} (the Azure CLI's). Organisations that require their own registration put its id here. LAKESHORE_CLIENT_ID, when set, overrides it. Accounts signed in with another id sign in again.`,
    default: defaultClientId,
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    invalid: 'An application (client) id is a GUID, e.g. 04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  },
] as const satisfies readonly TextSettingField<'clientId'>[];

/** The sign-in settings: the public client's application id. */
export interface SignInSettings {
  clientId: string;
}

/** A saved or changed `signIn` section: any subset, each field matching its pattern. */
export const signInSettingsSchema = textSchemaOf(signInSettingFields);
