import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { AccountDescription, ErrorCode } from '../../shared/contract/index.js';
import { chaosFaults, randomPlan, seededRandom, startChaosProxy } from './chaosProxy.js';
import { roundOperations, seedContainer, type Check } from './faultOperations.js';
import { relConnectionString } from './reliabilityGlobalSetup.js';
import { startServiceHarness, valueOf } from './serviceHarness.js';
import { newTally, writeTally } from './tally.js';

/** The codes a call may fail with when only the network and the service's availability failed. */
const cleanCodes = new Set<ErrorCode>(['Transient', 'Timeout']);
const rounds = Number(process.env.LAKESHORE_FAULT_ROUNDS ?? 3);
const faultRate = 0.2;
const seed = Number(process.env.LAKESHORE_FAULT_SEED ?? Date.now() % 1_000_000);
// A stalled request is held longer than the service's read timeout, so each stall is a try that
// times out and is retried, as a stalled service would be met.
const stallMs = 1_500;
const readTimeoutMs = 1_000;
const tally = newTally();
/** Tries the read timeout cut, over both accounts (a stall on a try the log does not name may go uncounted, so one account may show none). */
let triesCut = 0;
const perOperation = new Map<string, { tried: number; recovered: number; failed: number }>();

afterAll(() => {
  expect(triesCut, 'tries cut by the read timeout').toBeGreaterThan(0);
  tally.notes.unshift(
    `fault suite: seed ${seed} (LAKESHORE_FAULT_SEED to replay), ${rounds} rounds, ${faultRate * 100} % of requests faulted, stalls of ${stallMs} ms against a read timeout of ${readTimeoutMs} ms`,
    ...[...perOperation].map(
      ([op, n]) =>
        `  ${op}: ${n.tried} tried, ${n.recovered} recovered, ${n.failed} failed cleanly`,
    ),
  );
  writeTally('faults', tally);
});

describe.each([
  ['flat', () => inject('relFlatEndpoint')],
  ['hns', () => inject('relHnsEndpoint')],
] as const)('through a chaos proxy on a %s account', (namespace, endpointOf) => {
  it('every operation completes correctly or fails with a retryable code, losing nothing', async () => {
    const name = inject('relAccountName');
    const key = inject('relAccountKey');
    const endpoint = new URL(endpointOf());
    const proxy = await startChaosProxy(endpoint.origin, { stallMs });
    const h = startServiceHarness(`faults-${namespace}`, { readTimeoutMs });
    tally.secrets.push(key);
    tally.storedIn.push(h.dataDir, h.downloads);
    const viaProxy = `${proxy.origin}${endpoint.pathname}`;
    const connection = await h.addConnection(relConnectionString(name, key, viaProxy));
    const described = valueOf<AccountDescription>(
      await h.service.dispatch('accounts.describe', { connectionId: connection.id }),
    );
    expect(described.namespace).toBe(namespace);
    const directService = new BlobServiceClient(
      endpoint.href,
      new StorageSharedKeyCredential(name, key),
    );
    const direct = directService.getContainerClient(`faults-${namespace}-${seed}`);
    await direct.create();
    await seedContainer(direct);
    const random = seededRandom(seed + (namespace === 'hns' ? 1 : 0));
    const faultsBefore = () => Object.values(proxy.injected).reduce((a, b) => a + b, 0);
    const plan = randomPlan(random, faultRate);

    for (let r = 0; r < rounds; r++) {
      for (const op of roundOperations({ harness: h, connectionId: connection.id, direct }, r)) {
        const label = `${namespace} ${op.name}`;
        const counts = perOperation.get(label) ?? { tried: 0, recovered: 0, failed: 0 };
        perOperation.set(label, counts);
        counts.tried += 1;
        tally.tried += 1;
        const before = faultsBefore();
        proxy.plan = plan;
        const error = await op.run();
        proxy.plan = undefined;
        const faulted = faultsBefore() - before;
        let check: Check;
        if (!error) check = await op.checkDone();
        else if (!cleanCodes.has(error.code)) {
          check = { ok: false, lost: `failed with ${error.code}: ${error.message}` };
        } else check = await op.checkFailed();
        if (!check.ok) {
          if (check.corrupted) tally.corrupted += 1;
          else tally.lost += 1;
          tally.notes.push(
            `${label} (round ${r}, ${faulted} faults): ${check.lost ?? check.corrupted}`,
          );
        } else if (error) {
          tally.failedCleanly += 1;
          counts.failed += 1;
        } else if (faulted > 0) {
          tally.recovered += 1;
          counts.recovered += 1;
        }
      }
    }
    tally.faults += faultsBefore();
    await h.service.dispose();
    await proxy.close();
    // Stalls met the read timeout: tries cut and retried, as the app log records them.
    const logs = path.join(h.dataDir, 'logs');
    const cut =
      readdirSync(logs)
        .map((f) => readFileSync(path.join(logs, f), 'utf8'))
        .join('')
        .split(`for ${readTimeoutMs} ms, so the try was cut`).length - 1;
    tally.notes.push(
      `  ${namespace}: ${proxy.injected.stall} stalls, ${cut} tries cut by the read timeout in the log`,
    );
    triesCut += cut;
    expect(tally.notes.filter((n) => n.startsWith(namespace))).toEqual([]);
    for (const kind of chaosFaults) expect(proxy.injected[kind], kind).toBeGreaterThan(0);
  });
});
