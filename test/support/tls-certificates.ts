import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runToCompletion } from '@meritflow/devstack';

/** A throw-away certificate authority, a frontend certificate and a client certificate, for TLS tests. */
export interface TestCertificates {
  dir: string;
  caFile: string;
  /** The Temporal frontend's: names temporal-frontend, localhost, 127.0.0.1 and 127.0.0.2; also valid as a client certificate. */
  serverCertFile: string;
  serverKeyFile: string;
  serverName: string;
  /** The API's and the workers' (mutual TLS). */
  clientCertFile: string;
  clientKeyFile: string;
}

/**
 * Made with openssl for each run (ECDSA P-256, valid 2 days), so no private key lives in the repository
 * and none expires under a test.
 */
export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = mkdtempSync(path.join(tmpdir(), 'meritflow-tls-'));
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => runToCompletion({ name: `openssl ${args[0]}`, command: 'openssl', args, cwd: dir });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  await openssl(
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=meritflow test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  const issue = async (name: string, cn: string, ext: string) => {
    writeFileSync(f(`${name}.ext`), ext);
    await openssl('req', ...newKey, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`), '-subj', `/CN=${cn}`);
    await openssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f(`${name}.pem`),
      '-days',
      '2',
      '-extfile',
      f(`${name}.ext`),
    );
  };
  await issue(
    'server',
    'temporal-frontend',
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth,clientAuth',
      'subjectAltName=DNS:temporal-frontend,DNS:localhost,IP:127.0.0.1,IP:127.0.0.2',
    ].join('\n'),
  );
  await issue(
    'client',
    'meritflow-app',
    ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=clientAuth'].join('\n'),
  );
  return {
    dir,
    caFile: f('ca.pem'),
    serverCertFile: f('server.pem'),
    serverKeyFile: f('server.key'),
    serverName: 'temporal-frontend',
    clientCertFile: f('client.pem'),
    clientKeyFile: f('client.key'),
  };
}
