// DKIM key records (RFC 6376 3.6.1): each tag checked with its place in the record, the public key
// read with node:crypto (RFC 8301 key sizes; RFC 8463 Ed25519 keys).

import { createPublicKey } from 'node:crypto';
import type { DkimKey, DkimKeyProblem } from './dkim-types.js';
import { parseTagList, type Tag } from './tag-list.js';
import { shorten } from './txt.js';

const KEY_TYPES = new Set(['rsa', 'ed25519']);
const HASHES = new Set(['sha1', 'sha256']);
const KNOWN_TAGS = new Set(['v', 'h', 'k', 'n', 'p', 's', 't']);

function problem(tag: Tag, message: string, severity: DkimKeyProblem['severity'] = 'error'): DkimKeyProblem {
  return { message, column: tag.column, severity };
}

/** The RSA modulus length of a DER key: SubjectPublicKeyInfo as RFC 6376 says, or the bare RSAPublicKey some tools publish. */
function rsaBitsOf(der: Buffer): number | undefined {
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      if (key.asymmetricKeyType === 'rsa') return key.asymmetricKeyDetails?.modulusLength;
      return undefined;
    } catch {
      // not this encoding; try the next
    }
  }
  return undefined;
}

function checkPublicKey(tag: Tag, key: DkimKey, problems: DkimKeyProblem[]): void {
  const base64 = tag.value.replace(/[ \t\r\n]/g, '');
  if (base64 === '') {
    key.revoked = true;
    return;
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    problems.push(problem(tag, 'p= is not base64 (only A–Z, a–z, 0–9, + and /, padded with = to a multiple of 4)'));
    return;
  }
  const der = Buffer.from(base64, 'base64');
  if (key.keyType === 'ed25519') {
    // RFC 8463 3: the bare 32-octet public key, not a SubjectPublicKeyInfo.
    if (der.length !== 32) problems.push(problem(tag, `p= holds ${der.length} octets; an Ed25519 key (RFC 8463) is the bare 32-octet public key`));
    return;
  }
  if (key.keyType !== 'rsa') return;
  const bits = rsaBitsOf(der);
  if (bits === undefined) problems.push(problem(tag, 'p= is base64 but not an RSA public key (a DER SubjectPublicKeyInfo): receivers cannot verify with it'));
  else key.rsaBits = bits;
}

/** Parses one TXT record published at a selector. */
export function parseDkimKey(text: string): DkimKey {
  const { tags, problems: syntax } = parseTagList(text);
  const problems: DkimKeyProblem[] = syntax.map((entry) => ({ ...entry, severity: 'error' }));
  const key: DkimKey = { text, keyType: 'rsa', revoked: false, problems };
  const byName = new Map(tags.map((tag) => [tag.name, tag]));
  const version = byName.get('v');
  if (version !== undefined && (version !== tags[0] || version.value !== 'DKIM1')) {
    problems.push(problem(version, version.value !== 'DKIM1' ? `v=${shorten(version.value)}: the only version is DKIM1` : 'v=DKIM1 must be the first tag'));
  }
  const keyType = byName.get('k');
  if (keyType !== undefined) {
    key.keyType = keyType.value.toLowerCase();
    if (!KEY_TYPES.has(key.keyType)) problems.push(problem(keyType, `k=${shorten(keyType.value)}: unknown key type (rsa or ed25519): receivers ignore the key`));
  }
  const hashes = byName.get('h');
  if (hashes !== undefined && !hashes.value.split(':').some((hash) => HASHES.has(hash.trim().toLowerCase()))) {
    problems.push(problem(hashes, `h=${shorten(hashes.value)}: no hash receivers know (sha256): no signature can verify`));
  }
  const services = byName.get('s');
  if (services !== undefined && !services.value.split(':').some((service) => ['*', 'email'].includes(service.trim().toLowerCase()))) {
    problems.push(problem(services, `s=${shorten(services.value)}: the key is not for email (s=email or *)`));
  }
  for (const tag of tags) {
    if (!KNOWN_TAGS.has(tag.name)) problems.push(problem(tag, `unknown tag ${shorten(tag.name)}=: receivers ignore it (a misspelt tag?)`, 'warn'));
  }
  const publicKey = byName.get('p');
  if (publicKey === undefined) problems.push({ message: 'no p= tag: the record holds no public key', column: 1, severity: 'error' });
  else checkPublicKey(publicKey, key, problems);
  return key;
}
