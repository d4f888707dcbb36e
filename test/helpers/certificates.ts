// Device certificates made at test time with openssl, shaped like HomeWizard's: a private
// CA ("HomeWizard"-style) issues each device a certificate for `appliance/<type>/<serial>`,
// a name that is not the IP address the device is reached at.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DeviceCertificate {
  key: string;
  /** The device's certificate (PEM). */
  cert: string;
  /** The CA's certificate, which the device does not send. */
  ca: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
}

export interface TestCa {
  dir: string;
  /** Issues a new device certificate (a new key each time: a replaced or reset device). */
  issue(commonName: string): DeviceCertificate;
}

export interface TestCaOptions {
  /** The keys: EC P-256 (default) or RSA 2048, as devices in the field have too. */
  key?: 'ec' | 'rsa';
  /**
   * X.509 version 1 certificates (no extensions at all: no basicConstraints saying the CA
   * is a CA), as some device makers' CAs are; default: version 3.
   */
  v1?: boolean;
}

export function makeTestCa(o: TestCaOptions = {}): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'hw-ca-'));
  const ec =
    o.key === 'rsa'
      ? ['-newkey', 'rsa:2048', '-nodes']
      : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const caSubject = '/CN=Test Appliance Access CA';
  if (o.v1) {
    // OpenSSL 3.0's `x509 -req` without an extension file signs a version 1 certificate.
    openssl(['req', ...ec, '-subj', caSubject, '-keyout', 'ca.key', '-out', 'ca.csr'], dir);
    openssl(
      ['x509', '-req', '-in', 'ca.csr', '-signkey', 'ca.key', '-days', '3650', '-out', 'ca.pem'],
      dir,
    );
  } else
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-subj',
        caSubject,
        '-days',
        '3650',
        '-keyout',
        'ca.key',
        '-out',
        'ca.pem',
      ],
      dir,
    );
  let n = 0;
  return {
    dir,
    issue(commonName) {
      n++;
      // openssl reads `/` as a name separator: the appliance name's slashes are escaped.
      openssl(
        [
          'req',
          ...ec,
          '-subj',
          `/CN=${commonName.replace(/\//g, '\\/')}`,
          '-keyout',
          `d${n}.key`,
          '-out',
          `d${n}.csr`,
        ],
        dir,
      );
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `d${n}.csr`,
          '-CA',
          'ca.pem',
          '-CAkey',
          'ca.key',
          '-set_serial',
          String(1000 + n),
          '-days',
          '3650',
          '-out',
          `d${n}.pem`,
        ],
        dir,
      );
      return {
        key: readFileSync(join(dir, `d${n}.key`), 'utf8'),
        cert: readFileSync(join(dir, `d${n}.pem`), 'utf8'),
        ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      };
    },
  };
}
