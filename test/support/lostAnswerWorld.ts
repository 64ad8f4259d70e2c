// A Lakeshore service whose connection goes through a proxy that loses the answer of one
// chosen request (the service applies it, the answer never arrives), for the lost-answer tests.
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import type { IncomingMessage } from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { ConnectionSummary } from '../../shared/contract/index.js';
import { plainFileCipher } from '../../src-main/auth/secretVault.js';
import { createService } from '../../src-main/service/createService.js';
import type { LakeService } from '../../src-main/service/types.js';
import { startFaultProxy, type FaultProxy } from '../../src-main/transfers/faultProxy.js';
import { uniqueContainerName } from './azurite.js';

/** The service, its connection through the proxy, and the truth seen directly. */
export interface LostAnswerWorld {
  service: LakeService;
  connection: ConnectionSummary;
  proxy: FaultProxy;
  /** The account seen directly, not through the proxy. */
  direct: BlobServiceClient;
  /** Makes a fresh container named after `label`, directly. */
  newContainer(label: string): Promise<ContainerClient>;
  /** Loses the answer of the next request `loses` picks (once). */
  arm(): void;
  /** Whether the armed loss is still waiting for its request. */
  armed(): boolean;
  close(): Promise<void>;
}

/**
 * Starts the world on the run's Azurite (`flat`) or its DFS test server (`hns`): a fault
 * proxy in front of the endpoint that, once armed, answers `lost` to the first request for
 * which `loses` is true, and a service (plain-file cipher, fresh data folder) with one
 * connection-string connection through the proxy. Throws when the connection is refused.
 */
export async function startLostAnswerWorld(
  namespace: 'flat' | 'hns',
  loses: (req: IncomingMessage) => boolean,
): Promise<LostAnswerWorld> {
  const connectionString = inject(
    namespace === 'hns' ? 'hnsConnectionString' : 'azuriteConnectionString',
  );
  const endpoint = new URL(inject(namespace === 'hns' ? 'hnsBlobEndpoint' : 'azuriteBlobEndpoint'));
  let losing = false;
  const proxy = await startFaultProxy(endpoint.origin, (_n, req) => {
    if (losing && loses(req)) {
      losing = false;
      return 'lost';
    }
    return 'pass';
  });
  const service = createService({
    dataDir: mkdtempSync(path.join(os.tmpdir(), `lake-lost-${namespace}-`)),
    cipher: plainFileCipher,
    mode: 'browser',
    version: 't',
  });
  const added = await service.dispatch('connections.add', {
    kind: 'connectionString',
    connectionString: connectionString.replace(
      /BlobEndpoint=[^;]+/,
      `BlobEndpoint=${proxy.url}${endpoint.pathname}`,
    ),
  });
  if (!added.ok) throw new Error(added.error.message);
  const direct = BlobServiceClient.fromConnectionString(connectionString);
  return {
    service,
    connection: added.value as ConnectionSummary,
    proxy,
    direct,
    async newContainer(label) {
      const container = direct.getContainerClient(uniqueContainerName(label));
      await container.create();
      return container;
    },
    arm: () => void (losing = true),
    armed: () => losing,
    async close() {
      await service.dispose();
      await proxy.close();
    },
  };
}

/** A fresh operation id for a namespace call. */
export const newOperationId = (): string => `op-${Math.random().toString(36).slice(2, 14)}`;
