import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createService } from '../../../src-main/service/createService.js';
import type { LakeService } from '../../../src-main/service/types.js';
import { completeDeviceLogin } from '../entra/driveLogin.js';
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
