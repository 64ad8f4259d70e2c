import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInWorld, type SignedInWorld } from '../../test/support/arm/signedInWorld.js';
import { runCliCollecting, type CliRun } from '../../test/support/cliRun.js';
import { readTestTls } from '../../test/support/entra/testTls.js';
import { emulatorAccount } from '../emulator/azurite.js';

const tenantId = '3d5f7a9c-1e3b-4d5f-8a9c-1e3b5d7f9a1c';
const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const app = { clientId: '5e7a9c1e-3b5d-4f7a-9c1e-3b5d7f9a1c3e', clientSecret: 'sp-secret-9f8e7d' };
const tls = readTestTls(process.env.LAKESHORE_TEST_TLS_DIR!);
const dataDir = mkdtempSync(path.join(tmpdir(), 'lakeshore-named-roles-'));
const local = path.join(dataDir, 'orders.csv');

let world: SignedInWorld;
let env: NodeJS.ProcessEnv;
/** The data-role front as Resource Manager lists the account whose roles are given per container (localhost). */
let lakeUrl: string;
/** The same front as Resource Manager lists an account where the principal is a Reader (127.0.0.1). */
let readerUrl: string;
const outputs: CliRun[] = [];

beforeAll(async () => {
  world = await startSignedInWorld({
    tls,
    tenantId,
    domain: 'adatum.test',
    tenantName: 'Adatum',
    clientId: 'c0ffee00-0000-4000-8000-0000000000ab',
    subscriptionId: 'abababab-abab-4bab-8bab-abababababab',
    subscriptionName: 'Adatum lake',
    enforceDataRoles: true,
    applications: [app],
    storageAccounts: (blobEndpoint) => {
      readerUrl = blobEndpoint;
      lakeUrl = blobEndpoint.replace('//127.0.0.1:', '//localhost:');
      return [
        {
          name: 'adreader',
          resourceGroup: 'rg-lake',
          blobEndpoint: `${readerUrl}/`,
          permissions: { actions: [], dataActions: [`${blobs}/read`] },
        },
        {
          // Storage Blob Data Reader on the account, Contributor on container c01 only.
          name: 'adlake',
          resourceGroup: 'rg-lake',
          blobEndpoint: `${lakeUrl}/`,
          permissions: { actions: [], dataActions: [`${blobs}/read`] },
          containerPermissions: {
            c01: {
              actions: [],
              dataActions: [`${blobs}/read`, `${blobs}/write`, `${blobs}/delete`],
            },
          },
        },
      ];
    },
  });
  // The front lets the principal change anything: a refusal can only come from Lakeshore.
  world.dataRoles!.grant(app.clientId, [{ role: 'contributor' }]);
  const service = new BlobServiceClient(
    world.azurite.blobEndpoint,
    new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
  );
  for (const c of ['c01', 'c02']) await service.getContainerClient(c).create();
  writeFileSync(local, 'id,total\n1,9.5\n');
  const principal = (url: string) =>
    `account_url = "${url}"\ntenant_id = "${tenantId}"\nclient_id = "${app.clientId}"\nclient_secret = "secret://env/SP_SECRET"\n`;
  writeFileSync(
    path.join(dataDir, 'connections.toml'),
    `[connections.lake-sp]\n${principal(lakeUrl)}\n[connections.reader-sp]\n${principal(readerUrl)}`,
  );
  env = { LAKESHORE_DATA_DIR: dataDir, ...world.env, SP_SECRET: app.clientSecret };
});

afterAll(async () => {
  await world?.stop();
});

const cli = async (argv: string[]): Promise<CliRun> => {
  const r = await runCliCollecting(argv, env);
  outputs.push(r);
  return r;
};

/** The blob names of `container`, read past the front with the account key. */
const blobNames = async (container: string): Promise<string[]> => {
  const names: string[] = [];
  const client = new BlobServiceClient(
    world.azurite.blobEndpoint,
    new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
  ).getContainerClient(container);
  for await (const b of client.listBlobsFlat()) names.push(b.name);
  return names;
};

const armRequests = () => world.arm.requests.length;

describe('lakeshore --connection NAME with a service principal follows its data roles from Resource Manager', () => {
  it('copies into the container where its role allows writing (Contributor on c01 only)', async () => {
    const r = await cli(['cp', local, `${lakeUrl}/c01/in/orders.csv`, '--connection', 'lake-sp']);
    expect(r).toMatchObject({ code: 0 });
    expect(await blobNames('c01')).toEqual(['in/orders.csv']);
    // The account's permissions (Reader) left write open, so the container's were asked.
    expect(
      world.arm.requests.filter((q) =>
        q.includes(
          '/storageAccounts/adlake/blobServices/default/containers/c01/providers/Microsoft.Authorization/permissions',
        ),
      ),
    ).toHaveLength(1);
  });

  it('refuses a copy into a container where it is only a Reader, naming the role, before any request', async () => {
    const before = armRequests();
    const r = await cli(['cp', local, `${lakeUrl}/c02/in/orders.csv`, '--connection', 'lake-sp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `lakeshore: PermissionDenied: Connection "lake-sp" cannot cp: Your data roles on container "c02" do not allow ${blobs}/write (Storage Blob Data Contributor has it). Nothing was done.\n`,
    );
    expect(await blobNames('c02')).toEqual([]);
    expect(armRequests()).toBeGreaterThan(before);
  });

  it('refuses rm on an account where it is a Reader, naming the role', async () => {
    const r = await cli(['rm', `${readerUrl}/c01/in/orders.csv`, '--connection', 'reader-sp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `lakeshore: PermissionDenied: Connection "reader-sp" cannot rm: Your data roles on container "c01" do not allow ${blobs}/delete (Storage Blob Data Contributor has it). Nothing was done.\n`,
    );
    expect(await blobNames('c01')).toEqual(['in/orders.csv']);
  });

  it('prints no secret and no token', () => {
    const all = outputs.map((o) => o.stdout + o.stderr).join('\n');
    expect(all).not.toContain(app.clientSecret);
    for (const token of world.entra.issued) expect(all).not.toContain(token);
  });
});
