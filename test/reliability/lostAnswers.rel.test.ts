import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startChaosProxy } from './chaosProxy.js';
import { roundOperations, seedContainer, type Check } from './faultOperations.js';
import { relConnectionString } from './reliabilityGlobalSetup.js';
import { startServiceHarness } from './serviceHarness.js';
import { newTally, writeTally } from './tally.js';
import { writeOperations } from './writeOperations.js';
import { expectedLostKinds, lostAnswerPlan } from './writeKinds.js';

// The lost-answer suite: every operation runs with the answer of each kind of write it sends
// lost once (the service applied it; the answer never arrived), so every retry meets its own
// first try's effect. Each operation must succeed with the right effect: the storage layer's
// lost-answer rules (src-main/storage/lostAnswer) confirm such retries.
const rounds = Number(process.env.LAKESHORE_LOST_ROUNDS ?? 2);
const seed = Number(process.env.LAKESHORE_FAULT_SEED ?? Date.now() % 1_000_000);
const tally = newTally();
const lostByKind = new Map<string, number>();

afterAll(() => {
  tally.notes.unshift(
    `lost-answer suite: seed ${seed} (LAKESHORE_FAULT_SEED to replay), ${rounds} rounds, the answer of every kind of write lost once per operation`,
    `  answers lost by kind: ${[...lostByKind].map(([k, n]) => `${k} ${n}`).join(', ')}`,
  );
  writeTally('lostAnswers', tally);
});

describe.each([
  ['flat', () => inject('relFlatEndpoint')],
  ['hns', () => inject('relHnsEndpoint')],
] as const)(
  'with every kind of write answer lost once on a %s account',
  (namespace, endpointOf) => {
    it('every operation succeeds with its effect, losing nothing', async () => {
      const name = inject('relAccountName');
      const key = inject('relAccountKey');
      const endpoint = new URL(endpointOf());
      const proxy = await startChaosProxy(endpoint.origin);
      const h = startServiceHarness(`lost-${namespace}`);
      tally.secrets.push(key);
      tally.storedIn.push(h.dataDir, h.downloads);
      const connection = await h.addConnection(
        relConnectionString(name, key, `${proxy.origin}${endpoint.pathname}`),
      );
      const direct = new BlobServiceClient(
        endpoint.href,
        new StorageSharedKeyCredential(name, key),
      ).getContainerClient(`lost-${namespace}-${seed}`);
      await direct.create();
      await seedContainer(direct);
      const plan = lostAnswerPlan(seed + (namespace === 'hns' ? 1 : 0));
      const failures: string[] = [];
      for (let r = 0; r < rounds; r++) {
        const ctx = { harness: h, connectionId: connection.id, direct };
        for (const op of [...roundOperations(ctx, r), ...writeOperations(ctx, r, namespace)]) {
          const label = `${namespace} ${op.name} (round ${r})`;
          tally.tried += 1;
          plan.startOperation(r);
          proxy.plan = plan.plan;
          const error = await op.run();
          proxy.plan = undefined;
          const lost = plan.lostInOperation();
          tally.faults += lost;
          let check: Check;
          if (error) {
            tally.failedCleanly += error.code === 'Transient' || error.code === 'Timeout' ? 1 : 0;
            check = await op.checkFailed();
            failures.push(
              `${label}, ${lost} answers lost: failed with ${error.code}: ${error.message}`,
            );
          } else check = await op.checkDone();
          if (!check.ok) {
            if (check.corrupted) tally.corrupted += 1;
            else tally.lost += 1;
            tally.notes.push(`${label}: ${check.lost ?? check.corrupted}`);
          } else if (!error && lost > 0) tally.recovered += 1;
        }
      }
      for (const [k, n] of plan.lost) lostByKind.set(`${namespace} ${k}`, n);
      await h.service.dispose();
      await proxy.close();
      tally.notes.push(...failures);
      expect(failures).toEqual([]);
      expect(tally.notes.filter((n) => n.startsWith(namespace))).toEqual([]);
      const missed = expectedLostKinds[namespace].filter((k) => !plan.lost.has(k));
      expect(missed, `kinds of write never lost: ${[...plan.lost.keys()].join(', ')}`).toEqual([]);
    });
  },
);
