import {
  startSignedInWorld,
  type SignedInWorld,
  type SignedInWorldOptions,
} from '../../test/support/arm/signedInWorld.js';
import { generateTestTls, type TestTls } from '../../test/support/entra/testTls.js';
import { test } from '../fixtures.js';
import { azuriteRequest } from './entraDeviceSignIn.js';

/** The custom cloud variables a spec's world sets for the app it launches. */
const envNames = [
  'AZURE_AUTHORITY_HOST',
  'LAKESHORE_ARM_ENDPOINT',
  'LAKESHORE_CLIENT_ID',
  'NODE_EXTRA_CA_CERTS',
];

/** A spec's signed-in world, its fields set once the spec's `beforeAll` has run. */
export interface SpecWorld {
  tls: TestTls;
  world: SignedInWorld;
  /**
   * PUTs `path` (e.g. `/findings?restype=container`, `/findings/a.csv`) to the world's HTTPS
   * Azurite as the tenant (bearer token), with `headers` and `body`; resolves to its status
   * and body, rejects on a connection error.
   */
  put(
    path: string,
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: string }>;
}

/**
 * Gives the spec's tests one signed-in world (Entra ID and Resource Manager stand-ins, an HTTPS
 * Azurite, the data-role front when asked) with a fresh test CA: started in `test.beforeAll`,
 * then `seed` runs (containers, blobs, role grants), then the app's custom cloud variables point
 * at it; `test.afterAll` clears them and stops the world.
 */
export function useSignedInWorld(
  options: Omit<SignedInWorldOptions, 'tls'>,
  seed: (spec: SpecWorld) => Promise<void> = async () => {},
): SpecWorld {
  const spec = {
    put: (path, put = {}) =>
      azuriteRequest(`${spec.world.azurite.blobEndpoint}${path}`, {
        method: 'PUT',
        ca: spec.tls.ca,
        tenantId: options.tenantId,
        ...put,
      }),
  } as SpecWorld;
  test.beforeAll(async () => {
    spec.tls = generateTestTls();
    spec.world = await startSignedInWorld({ ...options, tls: spec.tls });
    await seed(spec);
    Object.assign(process.env, spec.world.env);
    process.env.NODE_EXTRA_CA_CERTS = spec.tls.caPath;
  });
  test.afterAll(async () => {
    for (const name of envNames) delete process.env[name];
    await spec.world?.stop();
  });
  return spec;
}
