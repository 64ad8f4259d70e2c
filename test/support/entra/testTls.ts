import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A CA and a server certificate for 127.0.0.1 signed by it, as PEM files and their text. */
export interface TestTls {
  dir: string;
  caPath: string;
  certPath: string;
  keyPath: string;
  ca: string;
  cert: string;
  key: string;
}

const openssl = (args: string[]): void => {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

/**
 * Generates, with the system's openssl, a throwaway CA and a server certificate for
 * `127.0.0.1` / `localhost` signed by it (RSA 2048, valid two days), in a new temporary
 * folder. Trust the CA with `NODE_EXTRA_CA_CERTS=<caPath>` in a process started after this.
 */
export function generateTestTls(): TestTls {
  const dir = mkdtempSync(path.join(tmpdir(), 'lakeshore-tls-'));
  const file = (name: string) => path.join(dir, name);
  openssl(['genrsa', '-out', file('ca.key'), '2048']);
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    file('ca.key'),
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=Lakeshore test CA',
    '-out',
    file('ca.pem'),
  ]);
  openssl(['genrsa', '-out', file('server.key'), '2048']);
  openssl([
    'req',
    '-new',
    '-key',
    file('server.key'),
    '-subj',
    '/CN=127.0.0.1',
    '-out',
    file('server.csr'),
  ]);
  writeFileSync(
    file('server.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  );
  openssl([
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-sha256',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  ]);
  return {
    dir,
    caPath: file('ca.pem'),
    certPath: file('server.pem'),
    keyPath: file('server.key'),
    ca: readFileSync(file('ca.pem'), 'utf8'),
    cert: readFileSync(file('server.pem'), 'utf8'),
    key: readFileSync(file('server.key'), 'utf8'),
  };
}

/** Reads the files a run's global setup generated (paths from `LAKESHORE_TEST_TLS_DIR`). */
export function readTestTls(dir: string): TestTls {
  const file = (name: string) => path.join(dir, name);
  return {
    dir,
    caPath: file('ca.pem'),
    certPath: file('server.pem'),
    keyPath: file('server.key'),
    ca: readFileSync(file('ca.pem'), 'utf8'),
    cert: readFileSync(file('server.pem'), 'utf8'),
    key: readFileSync(file('server.key'), 'utf8'),
  };
}
