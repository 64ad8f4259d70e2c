// npm run bench:keyvault: how long 20 provisioned connections whose account keys live in Key
// Vault take to start, against a loopback Key Vault stand-in answering each Get Secret after
// 100 ms. Prints one fetch, sequential fetching (the reference's phase plan, one secret after
// another) and Lakeshore's start (createProvisionedConnections().list()) in one run, with the
// ratios against one fetch (goal: Lakeshore ≤ 1.5×), and the 20 fetches at once through the
// reader alone (the rest of the start is the file and the accounts); writes bench/results/<date>-keyvault.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generateTestTls } from '../test/support/entra/testTls.js';
import { vaultTestCredential } from '../test/support/keyVault/vaultTestCredential.js';
import { createKeyVaultReader } from '../src-main/provisioning/keyVaultSecrets.js';
import { createProvisionedConnections } from '../src-main/provisioning/provisionedConnections.js';
import { createSecretResolver } from '../src-main/provisioning/secretResolver.js';

const connections = 20;
const latencyMs = 100;

// Node reads NODE_EXTRA_CA_CERTS only at start: generate the run's CA, then run again trusting it.
if (!process.env.LAKESHORE_BENCH_TLS_DIR) {
  const tls = generateTestTls();
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caPath, LAKESHORE_BENCH_TLS_DIR: tls.dir },
  });
  process.exit(child.status ?? 1);
}

const standIn = spawn(
  process.execPath,
  [
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'keyVaultStandInMain.mjs'),
    process.env.LAKESHORE_BENCH_TLS_DIR,
    String(connections),
    String(latencyMs),
  ],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: standIn.stdout })[Symbol.asyncIterator]();
const nextLine = async () =>
  JSON.parse(((await lines.next()).value as string | undefined) ?? '{}') as Record<string, unknown>;
const { host } = (await nextLine()) as { host: string };
const stats = async () => {
  standIn.stdin.write('stats\n');
  return (await nextLine()) as { requests: number; mostInFlight: number };
};
const names = Array.from({ length: connections }, (_, i) => `lake-key-${i}`);
const refs = names.map((n) => `secret://keyvault/${host}/${n}`);

const dir = mkdtempSync(path.join(tmpdir(), 'lakeshore-bench-kv-'));
const file = path.join(dir, 'connections.toml');
writeFileSync(
  file,
  names
    .map(
      (n, i) =>
        `[connections.lake-${i}]\naccount_url = "https://lakeacct${i}.blob.core.windows.net"\naccount_key = "${refs[i]}"\n`,
    )
    .join('\n'),
);

const freshReader = () =>
  createKeyVaultReader({ credential: vaultTestCredential(), suffix: 'vault.azure.net' });
const freshResolver = () =>
  createSecretResolver({ env: {}, configDir: dir, ttlMs: () => 900_000, keyVault: freshReader() });
const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

// Each measurement starts from a new client (its own TLS connection and challenge), as a new
// start does; three rounds, the median of each kept.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rounds = {
  one: [] as number[],
  sequential: [] as number[],
  parallel: [] as number[],
  lakeshore: [] as number[],
};
let ready = 0;
for (let round = 0; round < 3; round++) {
  rounds.one.push(await timed(() => freshResolver().resolve(refs[0]!)));
  rounds.sequential.push(
    await timed(async () => {
      const resolver = freshResolver();
      for (const ref of refs) await resolver.resolve(ref);
    }),
  );
  // The fetches alone, all at once through one reader: what Lakeshore's start adds beyond them
  // is its own (the file, the accounts).
  rounds.parallel.push(
    await timed(async () => {
      const resolver = freshResolver();
      await Promise.all(refs.map((ref) => resolver.resolve(ref)));
    }),
  );
  await stats();
  rounds.lakeshore.push(
    await timed(async () => {
      const provisioned = createProvisionedConnections({
        file,
        env: {},
        keyVault: freshReader,
      });
      const { connections: listed } = await provisioned.list();
      ready = listed.filter((c) => c.status === 'ready').length;
    }),
  );
}
const [oneMs, sequentialMs, parallelMs, lakeshoreMs] = [
  median(rounds.one),
  median(rounds.sequential),
  median(rounds.parallel),
  median(rounds.lakeshore),
];
const overlapped = (await stats()).mostInFlight;
standIn.stdin.end();

const results = {
  date: new Date().toISOString(),
  connections,
  latencyMs,
  oneFetchMs: Math.round(oneMs),
  sequentialMs: Math.round(sequentialMs),
  parallelFetchesMs: Math.round(parallelMs),
  lakeshoreMs: Math.round(lakeshoreMs),
  ready,
  mostRequestsInFlight: overlapped,
  ratios: {
    sequentialVsOne: sequentialMs / oneMs,
    parallelVsOne: parallelMs / oneMs,
    lakeshoreVsOne: lakeshoreMs / oneMs,
  },
  goal: 'lakeshoreVsOne <= 1.5',
};
console.log(
  `${connections} connections, Key Vault stand-in answering after ${latencyMs} ms (${ready} ready):`,
);
console.log(`  one fetch        ${results.oneFetchMs} ms`);
console.log(
  `  sequential       ${results.sequentialMs} ms  (×${results.ratios.sequentialVsOne.toFixed(2)} one fetch)`,
);
console.log(
  `  fetches at once  ${results.parallelFetchesMs} ms  (×${results.ratios.parallelVsOne.toFixed(2)} one fetch; the reader alone)`,
);
console.log(
  `  Lakeshore start  ${results.lakeshoreMs} ms  (×${results.ratios.lakeshoreVsOne.toFixed(2)} one fetch; goal ≤ 1.5×; ${overlapped} requests in flight at once) ${results.ratios.lakeshoreVsOne <= 1.5 ? 'met' : 'NOT met'}`,
);
mkdirSync('bench/results', { recursive: true });
const out = `bench/results/${results.date.slice(0, 10)}-keyvault.json`;
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`Wrote ${out}`);
