import type {
  AzureEnvironmentId,
  ConnectionKind,
  NewConnection,
} from '../../../shared/contract/index.js';

/** The Add connection form's fields; only those of the chosen kind are sent. */
export interface ConnectionForm {
  kind: ConnectionKind;
  name: string;
  connectionString: string;
  accountName: string;
  accountKey: string;
  blobEndpoint: string;
  sasUrl: string;
  /** The signed-in Microsoft Entra ID account (its id) and the account or container URL it opens. */
  entraAccountId: string;
  entraUrl: string;
  /** A service principal: its cloud, tenant, application id, secret or certificate (PEM) and URL. */
  spCloud: AzureEnvironmentId;
  spTenantId: string;
  spClientId: string;
  spCredential: 'clientSecret' | 'certificate';
  spClientSecret: string;
  spCertificate: string;
  spUrl: string;
  /** The default Azure credential: an optional tenant and the URL it opens. */
  dcTenantId: string;
  dcUrl: string;
}

/** The form as the dialog opens: connection string picked, every field empty. */
export const emptyForm: ConnectionForm = {
  kind: 'connectionString',
  name: '',
  connectionString: '',
  accountName: '',
  accountKey: '',
  blobEndpoint: '',
  sasUrl: '',
  entraAccountId: '',
  entraUrl: '',
  spCloud: 'public',
  spTenantId: '',
  spClientId: '',
  spCredential: 'clientSecret',
  spClientSecret: '',
  spCertificate: '',
  spUrl: '',
  dcTenantId: '',
  dcUrl: '',
};

/** The label of each kind in the kind picker. */
export const kindLabels: Record<ConnectionKind, string> = {
  emulator: 'Local emulator',
  connectionString: 'Connection string',
  accountKey: 'Account name and key',
  sas: 'SAS URL',
  entra: 'Microsoft Entra ID (signed in)',
  servicePrincipal: 'Service principal',
  defaultCredential: 'Default Azure credential',
};

/** The `connections.add` argument for `form` (trimmed; empty optional fields left out). */
export function toNewConnection(form: ConnectionForm): NewConnection {
  const name = form.name.trim() ? { name: form.name.trim() } : {};
  switch (form.kind) {
    case 'emulator':
      return { kind: 'emulator', ...name };
    case 'connectionString':
      return { kind: 'connectionString', connectionString: form.connectionString.trim(), ...name };
    case 'accountKey':
      return {
        kind: 'accountKey',
        accountName: form.accountName.trim(),
        accountKey: form.accountKey.trim(),
        ...(form.blobEndpoint.trim() ? { blobEndpoint: form.blobEndpoint.trim() } : {}),
        ...name,
      };
    case 'sas':
      return { kind: 'sas', url: form.sasUrl.trim(), ...name };
    case 'entra':
      return { kind: 'entra', accountId: form.entraAccountId, url: form.entraUrl.trim(), ...name };
    case 'servicePrincipal':
      return {
        kind: 'servicePrincipal',
        environment: form.spCloud,
        tenantId: form.spTenantId.trim(),
        clientId: form.spClientId.trim(),
        ...(form.spCredential === 'certificate'
          ? { certificate: form.spCertificate.trim() }
          : { clientSecret: form.spClientSecret.trim() }),
        url: form.spUrl.trim(),
        ...name,
      };
    case 'defaultCredential':
      return {
        kind: 'defaultCredential',
        ...(form.dcTenantId.trim() ? { tenantId: form.dcTenantId.trim() } : {}),
        url: form.dcUrl.trim(),
        ...name,
      };
  }
}

/** The `connections.add` fields of each kind, by the form's field that holds them. */
const argumentFields: Record<ConnectionKind, Partial<Record<string, keyof ConnectionForm>>> = {
  emulator: { name: 'name' },
  connectionString: { name: 'name', connectionString: 'connectionString' },
  accountKey: {
    name: 'name',
    accountName: 'accountName',
    accountKey: 'accountKey',
    blobEndpoint: 'blobEndpoint',
  },
  sas: { name: 'name', url: 'sasUrl' },
  entra: { name: 'name', url: 'entraUrl', accountId: 'entraAccountId' },
  servicePrincipal: {
    name: 'name',
    tenantId: 'spTenantId',
    clientId: 'spClientId',
    clientSecret: 'spClientSecret',
    certificate: 'spCertificate',
    url: 'spUrl',
  },
  defaultCredential: { name: 'name', tenantId: 'dcTenantId', url: 'dcUrl' },
};

/**
 * The form field that holds the `connections.add` argument `field` a refusal names (`url` of
 * a SAS connection is `sasUrl`), or undefined when it names none of this kind's fields.
 */
export const formFieldOf = (
  kind: ConnectionKind,
  field: string | undefined,
): keyof ConnectionForm | undefined => (field ? argumentFields[kind][field] : undefined);
