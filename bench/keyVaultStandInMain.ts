// The Key Vault stand-in in a process of its own for bench/keyVault.ts, so its TLS and JSON
// work runs beside the client's as a remote vault's would, not in the client's event loop.
// argv: <tls dir> <secret count> <latency ms>. Prints {"host":…} once listening; answers a
// line "stats" on stdin with {"requests":N,"mostInFlight":N}.
import { createInterface } from 'node:readline';
import { readTestTls } from '../test/support/entra/testTls.js';
import { startKeyVaultStandIn } from '../test/support/keyVault/keyVaultStandIn.js';

const [tlsDir, count, latency] = process.argv.slice(2);
const vault = await startKeyVaultStandIn(readTestTls(tlsDir!));
vault.setLatency(Number(latency));
for (let i = 0; i < Number(count); i++)
  vault.setSecret(`lake-key-${i}`, Buffer.from(`key ${i}`).toString('base64'));
console.log(JSON.stringify({ host: vault.host }));
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'stats') {
    console.log(
      JSON.stringify({ requests: vault.requests.length, mostInFlight: vault.maxConcurrent() }),
    );
    vault.requests.length = 0;
  }
});
process.stdin.on('end', () => void vault.stop().then(() => process.exit(0)));
