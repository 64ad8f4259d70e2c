import { execFileSync } from 'node:child_process';
import { createPublicKey, X509Certificate, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A service principal's certificate credential, as an app registration holds its public part. */
export interface ClientCertificate {
  /** The certificate and its unencrypted private key, one PEM text (what `ClientCertificateCredential` reads). */
  pem: string;
  /** The public key as a JWK with its `x5c` and `x5t#S256`, for the provider's client `jwks`. */
  jwk: JsonWebKey;
}

/**
 * Generates, with the system's openssl, a self-signed RSA 2048 client certificate (valid two
 * days, subject `CN=<commonName>`), as an app registration's uploaded certificate.
 */
export function generateClientCertificate(commonName: string): ClientCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'lakeshore-client-cert-'));
  try {
    const key = path.join(dir, 'client.key');
    const cert = path.join(dir, 'client.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-sha256',
        '-subj',
        `/CN=${commonName}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const certificate = readFileSync(cert, 'utf8');
    const x509 = new X509Certificate(certificate);
    const jwk: JsonWebKey = {
      ...createPublicKey(certificate).export({ format: 'jwk' }),
      use: 'sig',
      x5c: [x509.raw.toString('base64')],
      'x5t#S256': Buffer.from(x509.fingerprint256.replace(/:/g, ''), 'hex').toString('base64url'),
    };
    return { pem: `${certificate}${readFileSync(key, 'utf8')}`, jwk };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
