import { z } from 'zod';
import type { CredentialAbilities } from './abilities.js';
import { azureEnvironmentIds, entraAccountIdSchema, tenantSchema } from './auth.js';
import { networkSettingsSchema, type NetworkSettings } from './network.js';

export * from './abilities.js';

/** The kinds of credential a connection can hold. Only `kind` and non-secret fields reach the renderer. */
export const connectionKinds = [
  'emulator',
  'connectionString',
  'accountKey',
  'sas',
  'entra',
  'servicePrincipal',
  'defaultCredential',
] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

const displayName = z.string().trim().min(1).max(100).optional();
/** The connection's own timeouts and retries; each one left out follows Settings → Network. */
const network = networkSettingsSchema.optional();

/**
 * What the user enters to add a connection. Secrets travel renderer → main once, here, and are
 * never sent back.
 * Every kind may carry `network`: the connection's own timeouts and retries (see `NetworkSettings`).
 * - `emulator`: the embedded Azurite that main starts and seeds.
 * - `connectionString`: `DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…` or one with `SharedAccessSignature=…`.
 * - `accountKey`: account name and base64 shared key; `blobEndpoint` defaults to `https://<account>.blob.core.windows.net`.
 * - `sas`: an account SAS URL (`https://<account>.blob.core.windows.net/?sv=…`) or a container SAS URL (`…/<container>?sv=…`).
 * - `entra`: an account URL (`https://<account>.blob.core.windows.net`), a container URL
 *   (`…/<container>`) or a folder URL (`…/<container>/<folder>`) opened with a signed-in
 *   Microsoft Entra ID account's identity (RBAC or ACLs).
 * - `servicePrincipal`: the same URLs opened with an app registration's identity by client
 *   credentials: its tenant (id or domain), application (client) id and exactly one of a
 *   client secret or a PEM text with its certificate and private key; `environment` is the
 *   cloud (default `public`; `custom` is the one the environment configures).
 * - `defaultCredential`: the same URLs opened with the identity Azure's DefaultAzureCredential
 *   finds where Lakeshore runs (environment variables, workload identity, managed identity,
 *   Azure CLI, Azure Developer CLI), in `tenantId` when given; no secret is entered or kept.
 */
export const newConnectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('emulator'), name: displayName, network }),
  z.object({
    kind: z.literal('connectionString'),
    name: displayName,
    network,
    connectionString: z.string().trim().min(1).max(4096),
  }),
  z.object({
    kind: z.literal('accountKey'),
    name: displayName,
    network,
    accountName: z
      .string()
      .trim()
      .regex(/^[a-z0-9]{3,24}$/, 'Account names are 3–24 lowercase letters and digits'),
    accountKey: z.string().trim().min(1).max(512),
    blobEndpoint: z.url({ protocol: /^https?$/ }).optional(),
  }),
  z.object({
    kind: z.literal('sas'),
    name: displayName,
    network,
    url: z.url({ protocol: /^https?$/ }).max(8192),
  }),
  z.object({
    kind: z.literal('entra'),
    name: displayName,
    network,
    accountId: entraAccountIdSchema,
    url: z.url({ protocol: /^https$/ }).max(4096),
  }),
  z
    .object({
      kind: z.literal('servicePrincipal'),
      name: displayName,
      network,
      environment: z.enum(azureEnvironmentIds).optional(),
      tenantId: tenantSchema.refine((t) => !/^(organizations|common)$/i.test(t), {
        message: 'A service principal signs in to its own tenant: give its id or domain',
      }),
      clientId: z
        .string()
        .trim()
        .regex(
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
          'The application (client) id is a GUID',
        ),
      clientSecret: z.string().trim().min(1).max(1024).optional(),
      certificate: z
        .string()
        .trim()
        .max(65536)
        .regex(
          /-----BEGIN CERTIFICATE-----[\s\S]*-----BEGIN (?:RSA |EC )?PRIVATE KEY-----|-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]*-----BEGIN CERTIFICATE-----/,
          'The certificate is a PEM text with the certificate and its unencrypted private key',
        )
        .optional(),
      url: z.url({ protocol: /^https$/ }).max(4096),
    })
    .refine((c) => (c.clientSecret === undefined) !== (c.certificate === undefined), {
      message: 'Give either a client secret or a certificate',
      path: ['clientSecret'],
    }),
  z.object({
    kind: z.literal('defaultCredential'),
    name: displayName,
    network,
    tenantId: tenantSchema.optional(),
    url: z.url({ protocol: /^https$/ }).max(4096),
  }),
]);
export type NewConnection = z.input<typeof newConnectionSchema>;

/**
 * What a connection can reach: the whole account, or one container (a container-scoped SAS,
 * or a container attached by URL), or only one `directory` of it (a folder attached by URL with
 * a signed-in identity that has ADLS ACLs on it and no role: browsing starts there).
 */
export type ConnectionScope =
  { type: 'account' } | { type: 'container'; container: string; directory?: string };

/** A saved connection as the renderer sees it: no key, no SAS token, no connection string. */
export interface ConnectionSummary {
  id: string;
  name: string;
  kind: ConnectionKind;
  accountName: string;
  /** Blob endpoint without any query string, e.g. `https://acct.blob.core.windows.net`. */
  blobEndpoint: string;
  scope: ConnectionScope;
  /** Where a provisioned connection is defined (connections.toml or the environment); absent for one saved in the app. Provisioned ones change only there. */
  source?: 'file' | 'environment';
  /** The connection refuses writes, deletes and ACL changes (`read_only = true` in its configuration). */
  readOnly?: boolean;
  /** Why a provisioned connection cannot be used (invalid entry, a secret that cannot be read); it has no containers then. */
  problem?: string;
  /** What its credential can do, read from the credential itself (no request). */
  abilities?: CredentialAbilities;
  /** Its own timeouts and retries, over Settings → Network's (absent ones follow the settings). */
  network?: Partial<NetworkSettings>;
}
