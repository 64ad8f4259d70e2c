import { BlobServiceClient } from '@azure/storage-blob';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  emulatorSamplesContainer,
  type EmulatorSeedingEvent,
} from '../../shared/contract/emulator.js';
import { writeFileAtomic } from '../platform/atomicFile.js';
import { isPortFree } from '../platform/freePort.js';
import { startAzurite, type AzuriteInstance, type NodeScriptRunner } from './azurite.js';
import { seedSampleLake } from './seed/seedSampleLake.js';

/** The container the first start seeds. */
export const samplesContainer = emulatorSamplesContainer;

export interface EmulatorSupervisorOptions {
  /** The app's data folder; Azurite keeps its data in `<dataDir>/emulator`. */
  dataDir: string;
  /** Blobs in `samples/many/` on first seeding; default 10,000. */
  manyCount?: number;
  log?: (message: string) => void;
  /** Seeding's progress in files, at most every 100 ms and once at the end. */
  onSeeding?: (event: EmulatorSeedingEvent) => void;
  /** How Azurite's script is started (see `AzuriteOptions.runNodeScript`). */
  runNodeScript?: NodeScriptRunner;
}

/** The embedded emulator: one Azurite per app, started on first use, seeded once. */
export interface EmulatorSupervisor {
  /**
   * Starts Azurite unless running (concurrent callers share one start) and seeds `samples`
   * when it was never seeded or the container is gone. Rejects when Azurite cannot start or
   * seeding fails (Azurite is then stopped and the next call tries again).
   */
  ensureRunning(): Promise<AzuriteInstance>;
  /** Stops Azurite if started (waiting for a start in progress); idempotent. */
  stop(): Promise<void>;
}

/**
 * The supervisor of `<dataDir>/emulator` (Azurite's data in `azurite/`). While Azurite runs,
 * `running.json` there holds its endpoint and the well-known emulator connection string, so
 * the CLI and tests can reach the same data; `seeded.json` records that seeding finished (a
 * crash mid-seed seeds again on the next start); `port.json` keeps the port of the last start,
 * which the next start takes again when it is free (so a SAS URL or connection string made
 * against the emulator keeps working after a restart), else a free one.
 */
export function createEmulatorSupervisor(options: EmulatorSupervisorOptions): EmulatorSupervisor {
  const folder = path.join(options.dataDir, 'emulator');
  const seededMarker = path.join(folder, 'seeded.json');
  const runningFile = path.join(folder, 'running.json');
  const portFile = path.join(folder, 'port.json');
  let starting: Promise<AzuriteInstance> | undefined;

  const startOnRememberedPort = async (): Promise<AzuriteInstance> => {
    const location = path.join(folder, 'azurite');
    const remembered = rememberedPort(portFile);
    const runner = options.runNodeScript ? { runNodeScript: options.runNodeScript } : {};
    if (remembered !== undefined && (await isPortFree(remembered))) {
      // Taken between the check and Azurite's bind: any free port rather than no emulator.
      const azurite = await startAzurite({ location, blobPort: remembered, ...runner }).catch(
        () => undefined,
      );
      if (azurite) return azurite;
    }
    if (remembered !== undefined)
      options.log?.(`Port ${remembered} is taken; the emulator starts on another one.`);
    const azurite = await startAzurite({ location, ...runner });
    await writeFileAtomic(portFile, JSON.stringify({ port: azurite.port }));
    return azurite;
  };

  const start = async (): Promise<AzuriteInstance> => {
    const azurite = await startOnRememberedPort();
    try {
      await writeFileAtomic(
        runningFile,
        JSON.stringify(
          {
            blobEndpoint: azurite.blobEndpoint,
            connectionString: azurite.connectionString,
            pid: process.pid,
          },
          null,
          2,
        ),
      );
      const container = BlobServiceClient.fromConnectionString(
        azurite.connectionString,
      ).getContainerClient(samplesContainer);
      if (!existsSync(seededMarker) || !(await container.exists())) {
        options.log?.('Seeding the sample data lake into container "samples"…');
        const started = Date.now();
        let reported = 0;
        const manifest = await seedSampleLake(container, {
          manyCount: options.manyCount ?? 10_000,
          onProgress: (done, total) => {
            if (done < total && Date.now() - reported < 100) return;
            reported = Date.now();
            options.onSeeding?.({ done, total });
          },
        });
        await writeFileAtomic(
          seededMarker,
          JSON.stringify({ at: new Date().toISOString(), blobs: manifest.length }),
        );
        options.log?.(
          `Seeded ${manifest.length} blobs in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
      }
      return azurite;
    } catch (e) {
      await azurite.stop();
      throw e;
    }
  };

  return {
    ensureRunning() {
      starting ??= start().catch((e: unknown) => {
        starting = undefined;
        throw e;
      });
      return starting;
    },
    async stop() {
      const running = starting;
      starting = undefined;
      if (!running) return;
      const azurite = await running.catch(() => undefined);
      await azurite?.stop();
      rmSync(runningFile, { force: true });
    },
  };
}

/** The port `port.json` holds (`{ "port": N }`), or undefined when missing or damaged. */
function rememberedPort(file: string): number | undefined {
  try {
    const port = (JSON.parse(readFileSync(file, 'utf8')) as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) ? port : undefined;
  } catch {
    return undefined;
  }
}
