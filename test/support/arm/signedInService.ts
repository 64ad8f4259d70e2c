import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { EntraAccountSummary } from '../../../shared/contract/index.js';
import { emulatorAccount } from '../../../src-main/emulator/azurite.js';
import { createService } from '../../../src-main/service/createService.js';
import type { LakeService } from '../../../src-main/service/types.js';
import { completeDeviceLogin } from '../entra/driveLogin.js';
import type { Crossings } from '../crossings.js';
import { createTestCipher } from '../entra/testCipher.js';
import type { SignedInWorld } from './signedInWorld.js';

/**
 * A browser-mode service in `world`'s custom cloud (a fresh data folder
 * `lakeshore-<label>-…` under the temp folder, a test cipher) whose device-code sign-ins are
 * completed as `login` on the Entra ID stand-in; every event payload is passed to `record`
 * first. Dispose of it after the tests.
 */
export function startSignedInService(
  world: SignedInWorld,
  options: { label: string; login: string; record: (payload: unknown) => void },
): LakeService {
  const service = createService({
    dataDir: mkdtempSync(path.join(tmpdir(), `lakeshore-${options.label}-`)),
    cipher: createTestCipher(),
    mode: 'browser',
    version: 't',
    env: { ...world.env },
  });
  service.subscribe((name, payload) => {
    options.record(payload);
    if (name === 'auth.deviceCode') {
      const p = payload as { verificationUri: string; userCode: string };
      void completeDeviceLogin(p.verificationUri, p.userCode, { login: options.login });
    }
  });
  return service;
}

/**
 * Creates `containers` in `world`'s Azurite (with the emulator's key, past any data-role
 * front), then starts `startSignedInService` recording into `crossings` and signs `login` in
 * by device code in the custom cloud (its result recorded too). Resolves with the service and
 * the signed-in account; rejects when a container exists already or the sign-in fails.
 */
export async function startSignedInWithContainers(
  world: SignedInWorld,
  options: { label: string; login: string; containers: readonly string[]; crossings: Crossings },
): Promise<{ service: LakeService; account: EntraAccountSummary }> {
  const blobService = new BlobServiceClient(
    world.azurite.blobEndpoint,
    new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
  );
  for (const c of options.containers) await blobService.getContainerClient(c).create();
  const service = startSignedInService(world, {
    label: options.label,
    login: options.login,
    record: options.crossings.record,
  });
  const account = options.crossings.value<EntraAccountSummary>(
    await service.dispatch('auth.signIn', { flow: 'deviceCode', environment: 'custom' }),
  );
  return { service, account };
}
