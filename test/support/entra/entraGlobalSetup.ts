import { generateTestTls } from './testTls.js';

/**
 * Generates the run's test CA and 127.0.0.1 server certificate before the test workers start,
 * and trusts the CA in them through NODE_EXTRA_CA_CERTS (read by Node at start-up, so it must
 * be set here, in the parent). LAKESHORE_TEST_TLS_DIR tells tests where the files are, for the
 * HTTPS servers they start (the Entra ID stand-in, an Azurite with --oauth basic).
 */
export default function setup(): void {
  const tls = generateTestTls();
  process.env.NODE_EXTRA_CA_CERTS = tls.caPath;
  process.env.LAKESHORE_TEST_TLS_DIR = tls.dir;
}
