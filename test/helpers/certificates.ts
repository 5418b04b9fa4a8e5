// Certificates made at test time with the openssl command (Debian's openssl package): a test CA and
// leaf certificates signed by it (for 127.0.0.1 and localhost, for another name, expired, not yet
// valid) and a self-signed one. Nothing is kept in the repository; each suite makes its own.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
  /** Paths of the PEM files (for an MTA's config). */
  keyPath: string;
  certPath: string;
}

export interface TestCertificates {
  /** The CA certificate (PEM), to pass as --ca. */
  ca: string;
  caPath: string;
  /** Signed by the CA for 127.0.0.1 and localhost. */
  good: KeyPair;
  /** Signed by the CA for mail.example.net only. */
  otherName: KeyPair;
  expired: KeyPair;
  notYetValid: KeyPair;
  /** Its own issuer: no CA vouches for it. */
  selfSigned: KeyPair;
  cleanup(): void;
}

function openssl(folder: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export function makeTestCertificates(): TestCertificates {
  const folder = mkdtempSync(join(tmpdir(), 'maillint-certs-'));
  openssl(folder, ['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3', '-subj', '/CN=maillint test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  writeFileSync(join(folder, 'index.txt'), '');
  writeFileSync(join(folder, 'serial'), '1000\n');
  writeFileSync(
    join(folder, 'ca.cnf'),
    ['[ca]', 'default_ca = test', '[test]', `database = ${join(folder, 'index.txt')}`, `new_certs_dir = ${folder}`, `serial = ${join(folder, 'serial')}`, 'default_md = sha256', 'policy = any', 'copy_extensions = copy', 'unique_subject = no', '[any]', 'commonName = supplied', ''].join('\n'),
  );
  const leaf = (name: string, altNames: string, dates: string[]): KeyPair => {
    openssl(folder, ['req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`, '-addext', `subjectAltName=${altNames}`]);
    openssl(folder, ['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.pem`, ...dates]);
    return pair(folder, name);
  };
  const valid = ['-days', '3'];
  const good = leaf('good', 'IP:127.0.0.1,DNS:localhost', valid);
  const otherName = leaf('other', 'DNS:mail.example.net', valid);
  const expired = leaf('expired', 'IP:127.0.0.1,DNS:localhost', ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z']);
  const notYetValid = leaf('future', 'IP:127.0.0.1,DNS:localhost', ['-startdate', '20990101000000Z', '-enddate', '20990201000000Z']);
  openssl(folder, ['req', '-x509', ...EC, '-keyout', 'self.key', '-out', 'self.pem', '-days', '3', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
  return {
    ca: readFileSync(join(folder, 'ca.pem'), 'utf8'),
    caPath: join(folder, 'ca.pem'),
    good,
    otherName,
    expired,
    notYetValid,
    selfSigned: pair(folder, 'self'),
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}

function pair(folder: string, name: string): KeyPair {
  const keyPath = join(folder, `${name}.key`);
  const certPath = join(folder, `${name}.pem`);
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), keyPath, certPath };
}
