/**
 * The account a connection string reaches, read the way the SDKs read it ("Configure Azure
 * Storage connection strings",
 * https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string):
 * `BlobEndpoint` when given; else `<DefaultEndpointsProtocol>://<AccountName>.blob.<EndpointSuffix>`
 * (https and core.windows.net by default); `UseDevelopmentStorage=true` is the emulator at
 * http://127.0.0.1:10000/devstoreaccount1.
 */
export interface ConnectionStringAccount {
  /** Absent when the string names no account and its blob endpoint is not path-style. */
  accountName?: string;
  /** Without a trailing `/`, e.g. `https://acct.blob.core.windows.net`. */
  blobEndpoint: string;
  /** The `SharedAccessSignature` value, when the string authorizes with a SAS. */
  sharedAccessSignature?: string;
}

/** Parses `key=value;…` into a case-insensitive map (keys lowercased); values may hold `=`. */
function fields(connectionString: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) map.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return map;
}

/**
 * The account and blob endpoint of `connectionString`, or `undefined` when it names neither
 * (no `BlobEndpoint`, no `AccountName`, not the development storage shortcut).
 */
export function connectionStringAccount(
  connectionString: string,
): ConnectionStringAccount | undefined {
  const f = fields(connectionString);
  const sas = f.get('sharedaccesssignature');
  const signed = sas ? { sharedAccessSignature: sas } : {};
  if (f.get('usedevelopmentstorage')?.toLowerCase() === 'true') {
    return {
      accountName: 'devstoreaccount1',
      blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
    };
  }
  const accountName = f.get('accountname');
  const explicit = f.get('blobendpoint');
  if (explicit) {
    const blobEndpoint = explicit.replace(/\/+$/, '');
    let pathAccount: string | undefined;
    try {
      const url = new URL(blobEndpoint);
      pathAccount = url.pathname.split('/').filter(Boolean)[0] ?? url.hostname.split('.')[0];
    } catch {
      pathAccount = undefined;
    }
    const name = accountName ?? pathAccount;
    return name ? { accountName: name, blobEndpoint, ...signed } : { blobEndpoint, ...signed };
  }
  if (!accountName) return undefined;
  const protocol = f.get('defaultendpointsprotocol') ?? 'https';
  const suffix = f.get('endpointsuffix') ?? 'core.windows.net';
  return {
    accountName,
    blobEndpoint: `${protocol}://${accountName}.blob.${suffix}`,
    ...signed,
  };
}

/**
 * `endpoint` in a form two spellings of one endpoint share: scheme and host lowercased, the
 * scheme's default port dropped, no trailing `/`. An unparsable input comes back trimmed.
 */
export function normalizeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return endpoint.trim().replace(/\/+$/, '').toLowerCase();
  }
}
