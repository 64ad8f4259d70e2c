import { startAzurite, type AzuriteInstance } from '../../../src-main/emulator/azurite.js';
import { startEntraStandIn, type EntraStandIn } from '../entra/entraStandIn.js';
import type { StandInApplication } from '../entra/standInApplications.js';
import type { TestTls } from '../entra/testTls.js';
import { startDfsServer, type DfsServer } from '../dfsServer/startDfsServer.js';
import { startDataRoleFront, type DataRoleFront } from '../rbac/dataRoleFront.js';
import { startArmStandIn, type ArmStandIn, type StandInStorageAccount } from './armStandIn.js';

/** The one tenant and subscription a sign-in test works in. */
export interface SignedInWorldOptions {
  tls: TestTls;
  tenantId: string;
  /** The tenant's domain (`contoso.test`), also its default domain in Resource Manager. */
  domain: string;
  /** The tenant's display name in Resource Manager. */
  tenantName: string;
  clientId: string;
  subscriptionId: string;
  subscriptionName: string;
  /**
   * The subscription's storage accounts, given the HTTPS Azurite's blob endpoint (no trailing
   * `/`), or the data-role front's when `enforceDataRoles`.
   */
  storageAccounts: (blobEndpoint: string) => StandInStorageAccount[];
  /** Put a front that enforces RBAC data roles (`startDataRoleFront`) before Azurite. */
  enforceDataRoles?: boolean;
  /**
   * Put the DFS test server (`startDfsServer`) between the data-role front and Azurite, so the
   * accounts answer Data Lake (HNS) calls with bearer tokens too. Needs `enforceDataRoles`
   * (the DFS server is plain HTTP, and bearer tokens go over HTTPS only).
   */
  hierarchicalNamespace?: boolean;
  /** Service principals the Entra ID stand-in gives app-only tokens (client credentials). */
  applications?: StandInApplication[];
}

/** The Entra ID stand-in, an HTTPS Azurite taking its bearer tokens, and the Resource Manager stand-in. */
export interface SignedInWorld {
  entra: EntraStandIn;
  azurite: AzuriteInstance;
  arm: ArmStandIn;
  /** The data-role front when `enforceDataRoles` was given: grant roles with it. */
  dataRoles?: DataRoleFront;
  /** The DFS test server when `hierarchicalNamespace` was given. */
  dfs?: DfsServer;
  /** The custom cloud the app and the CLI read (`AZURE_AUTHORITY_HOST`, `LAKESHORE_ARM_ENDPOINT`, `LAKESHORE_CLIENT_ID`). */
  env: Record<'AZURE_AUTHORITY_HOST' | 'LAKESHORE_ARM_ENDPOINT' | 'LAKESHORE_CLIENT_ID', string>;
  /** Stops them all. */
  stop(): Promise<void>;
}

/** Starts the loopback services a signed-in discovery test needs (and the data-role front when asked), all with `tls`. */
export async function startSignedInWorld(options: SignedInWorldOptions): Promise<SignedInWorld> {
  const { tls, tenantId, clientId } = options;
  const entra = await startEntraStandIn({
    tls,
    tenants: [{ id: tenantId, domains: [options.domain] }],
    clientId,
    ...(options.applications ? { applications: options.applications } : {}),
  });
  const azurite = await startAzurite({
    location: 'memory',
    oauth: { certPath: tls.certPath, keyPath: tls.keyPath, caPath: tls.caPath },
  });
  if (options.hierarchicalNamespace && !options.enforceDataRoles) {
    throw new Error('hierarchicalNamespace needs enforceDataRoles: the DFS server is plain HTTP');
  }
  const dfs = options.hierarchicalNamespace
    ? await startDfsServer({ azuriteBlobEndpoint: azurite.blobEndpoint, azuriteCa: tls.ca })
    : undefined;
  const dataRoles = options.enforceDataRoles
    ? await startDataRoleFront({ tls, azuriteBlobEndpoint: dfs?.url ?? azurite.blobEndpoint })
    : undefined;
  const arm = await startArmStandIn({
    tls,
    tenants: [{ tenantId, displayName: options.tenantName, defaultDomain: options.domain }],
    subscriptions: [
      {
        subscriptionId: options.subscriptionId,
        tenantId,
        displayName: options.subscriptionName,
        storageAccounts: options.storageAccounts(dataRoles?.blobEndpoint ?? azurite.blobEndpoint),
      },
    ],
  });
  return {
    entra,
    azurite,
    arm,
    ...(dataRoles ? { dataRoles } : {}),
    ...(dfs ? { dfs } : {}),
    env: {
      AZURE_AUTHORITY_HOST: entra.authorityHost,
      LAKESHORE_ARM_ENDPOINT: arm.endpoint,
      LAKESHORE_CLIENT_ID: clientId,
    },
    async stop() {
      await arm.stop();
      await dataRoles?.stop();
      await dfs?.stop();
      await azurite.stop();
      await entra.stop();
    },
  };
}
