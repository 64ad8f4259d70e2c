import { BlobServiceClient } from '@azure/storage-blob';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A client on the app's own embedded Azurite, read from `<dataDir>/emulator/running.json`
 * (written by the emulator supervisor while Azurite runs), so a spec can compare what the UI
 * shows with what the storage holds.
 */
export function emulatorBlobService(dataDir: string): BlobServiceClient {
  return BlobServiceClient.fromConnectionString(emulatorConnectionString(dataDir));
}

/** The running embedded Azurite's connection string, from `<dataDir>/emulator/running.json`. */
export function emulatorConnectionString(dataDir: string): string {
  const running = JSON.parse(
    readFileSync(path.join(dataDir, 'emulator', 'running.json'), 'utf8'),
  ) as { connectionString: string };
  return running.connectionString;
}

/** One level of `container/directory` as the UI should show it: directories first, then files, each in service order. */
export async function expectedRows(
  service: BlobServiceClient,
  container: string,
  directory: string,
) {
  const dirs: string[] = [];
  const files: { name: string; size: number; contentType: string }[] = [];
  for await (const item of service
    .getContainerClient(container)
    .listBlobsByHierarchy('/', { prefix: `${directory}/` })) {
    const name = item.name.slice(directory.length + 1).replace(/\/$/, '');
    if (item.kind === 'prefix') dirs.push(name);
    else
      files.push({
        name,
        size: item.properties.contentLength ?? 0,
        contentType: item.properties.contentType ?? '',
      });
  }
  return { dirs, files };
}
