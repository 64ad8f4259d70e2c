import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startDfsServer, type DfsServer } from '../../test/support/dfsServer/startDfsServer.js';
import {
  startSoftDeleteServer,
  type SoftDeleteServer,
} from '../../test/support/softDelete/startSoftDeleteServer.js';

/** The blob endpoint of the app's embedded Azurite, from `<dataDir>/emulator/running.json`. */
export const emulatorBlobEndpoint = (dataDir: string): string =>
  (
    JSON.parse(readFileSync(path.join(dataDir, 'emulator', 'running.json'), 'utf8')) as {
      blobEndpoint: string;
    }
  ).blobEndpoint;

/** A test-only ADLS Gen2 (DFS) front server over the app's Azurite: an HNS account for the UI. */
export const startHnsAccount = (dataDir: string): Promise<DfsServer> =>
  startDfsServer({ azuriteBlobEndpoint: emulatorBlobEndpoint(dataDir) });

/** A test-only Blob front server with soft delete over the app's Azurite (Azurite has none). */
export const startSoftDeleteAccount = (dataDir: string): Promise<SoftDeleteServer> =>
  startSoftDeleteServer({ azuriteBlobEndpoint: emulatorBlobEndpoint(dataDir) });
