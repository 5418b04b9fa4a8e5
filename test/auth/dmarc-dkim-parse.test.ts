// The record parsers behind the dmarc-* and dkim-key-* checks: tag positions, what receivers discard,
// organizational domains from the Public Suffix List, and the generic-PTR heuristics.

import { generateKeyPairSync } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDkimKey } from '../../src/auth/dkim-key.js';
import { aligned, effectivePolicy } from '../../src/auth/dmarc-policy.js';
import { isDmarcRecord, looksMeantAsDmarc, parseDmarcRecord } from '../../src/auth/dmarc.js';
import { genericSigns } from '../../src/auth/generic-ptr.js';
import { organizationalDomain } from '../../src/auth/organizational-domain.js';
import { reverseNameOf } from '../../src/auth/ptr.js';
import { parseTagList } from '../../src/auth/tag-list.js';

const test = suite('DMARC and DKIM records');

test('tag lists keep each tag\'s column; a duplicate keeps the first value and is a problem', () => {
  const { tags, problems } = parseTagList('v=DMARC1;  p=reject ; p=none;bad');
  assert.equal(tags.map((tag) => `${tag.name}=${tag.value}@${tag.column}`), ['v=DMARC1@1', 'p=reject@12']);
  assert.equal(problems.map((problem) => problem.column), [23, 30]);
});

test('only an exact v=DMARC1 first makes a DMARC record (RFC 7489 6.6.3); near misses are reported, not ignored', () => {
  assert.ok(isDmarcRecord('v=DMARC1; p=reject'));
  assert.ok(isDmarcRecord('v = DMARC1'));
  for (const text of ['v=dmarc1; p=reject', ' v=DMARC1; p=reject', 'p=reject; v=DMARC1', 'v=DMARC10; p=reject']) {
    assert.not.ok(isDmarcRecord(text), text);
    assert.ok(looksMeantAsDmarc(text), text);
  }
  assert.not.ok(looksMeantAsDmarc('google-site-verification=abc'));
});

test('every problem of a record is listed with its column, and the policy read where valid', () => {
  const record = parseDmarcRecord('v=DMARC1; p=quarantine; sp=bogus; pct=101; rua=mailto:a@example.com,dmarc@example.net; ruf=https://example.com/r');
  assert.is(record.policy, 'quarantine');
  assert.is(record.subdomainPolicy, undefined);
  assert.is(record.percent, 100);
  const text = 'v=DMARC1; p=quarantine; sp=bogus; pct=101; rua=mailto:a@example.com,dmarc@example.net; ruf=https://example.com/r';
  assert.equal(
    record.problems.map((problem) => `${problem.severity}@${problem.column}`),
    [`error@${text.indexOf('sp=') + 1}`, `error@${text.indexOf('pct=') + 1}`, `error@${text.indexOf('dmarc@') + 1}`, `warn@${text.indexOf('https') + 1}`],
  );
  assert.equal(record.reportUris.filter((uri) => uri.host !== undefined).map((uri) => uri.host), ['example.com']);
});

test('a rua address with a broken percent-escape is a problem at its column, never a crash', () => {
  const record = parseDmarcRecord('v=DMARC1; p=reject; rua=mailto:a%E0@example.com');
  assert.equal(record.problems.map((problem) => `${problem.severity}@${problem.column}`), ['error@25']);
});

test('mailto: with a size limit and an escaped comma; the subdomain policy applies below the policy domain only', () => {
  const record = parseDmarcRecord('v=DMARC1; p=reject; sp=none; rua=mailto:dmarc@Example.NET!10m');
  assert.equal(record.problems, []);
  assert.is(record.reportUris[0]!.host, 'example.net');
  assert.is(effectivePolicy(record, 'example.com', 'example.com'), 'reject');
  assert.is(effectivePolicy(record, 'shop.example.com', 'example.com'), 'none');
});

test('alignment: strict is equality; relaxed compares organizational domains as gathered, or the From organization\'s subtree for a domain not gathered', () => {
  const organizations = { 'shop.a.example': 'a.example', 'esp.b.example': 'b.example' };
  assert.ok(aligned('shop.a.example', 'shop.a.example', 's', organizations));
  assert.not.ok(aligned('a.example', 'shop.a.example', 's', organizations));
  assert.not.ok(aligned('esp.b.example', 'shop.a.example', 'r', organizations));
  assert.ok(aligned('mail.a.example', 'shop.a.example', 'r', organizations), 'a signingDomains entry below the organization');
  assert.not.ok(aligned('evil-a.example', 'shop.a.example', 'r', organizations), 'a suffix is not a subdomain');
});

test('organizational domains: the Public Suffix List, private section included', () => {
  assert.is(organizationalDomain('mail.shop.example.com'), 'example.com');
  assert.is(organizationalDomain('a.b.example.co.uk'), 'example.co.uk');
  assert.is(organizationalDomain('alice.github.io'), 'alice.github.io');
  assert.is(organizationalDomain('shop.a.example'), 'a.example');
  assert.is(organizationalDomain('com'), 'com');
});

const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

test('DKIM keys: RSA size read with node:crypto, revoked, not a key, Ed25519 raw key, folded base64', () => {
  const key = rsa(1024);
  assert.is(parseDkimKey(`v=DKIM1; k=rsa; p=${key}`).rsaBits, 1024);
  assert.is(parseDkimKey(`v=DKIM1; p=${key.slice(0, 100)} \t ${key.slice(100)}`).rsaBits, 1024, 'white space inside p= is folding');
  assert.ok(parseDkimKey('v=DKIM1; p=').revoked);
  assert.match(parseDkimKey('v=DKIM1; p=AAAA').problems[0]!.message, /not an RSA public key/);
  const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64');
  assert.equal(parseDkimKey(`v=DKIM1; k=ed25519; p=${ed}`).problems, []);
  assert.match(parseDkimKey('k=dsa; p=AAAA').problems[0]!.message, /unknown key type/);
  assert.equal(parseDkimKey(`v=DKIM1; x=1; p=${key}`).problems.map((problem) => `${problem.severity}@${problem.column}`), ['warn@10']);
});

test('reverse names: in-addr.arpa octets and 32 ip6.arpa nibbles (RFC 3596 2.5)', () => {
  assert.is(reverseNameOf({ family: 4, bytes: [203, 0, 113, 7] }), '7.113.0.203.in-addr.arpa');
  const bytes = [0x20, 0x01, 0x0d, 0xb8, ...Array<number>(11).fill(0), 0x25];
  assert.is(reverseNameOf({ family: 6, bytes }), `5.2.${'0.'.repeat(22)}8.b.d.0.1.0.0.2.ip6.arpa`);
});

test('generic PTR names: the address spelt out or end-user words; a mail host\'s name is not generic', () => {
  const ip = [203, 0, 113, 7];
  assert.ok(genericSigns('203-0-113-7.example.net', ip));
  assert.ok(genericSigns('7.113.0.203.broadband.example.net', ip));
  assert.ok(genericSigns('host-203000113007.example.net', ip));
  assert.ok(genericSigns('cb007107.example.net', ip));
  assert.ok(genericSigns('dsl-pool-12.example.net', ip));
  assert.is(genericSigns('mail.example.com', ip), undefined);
  assert.is(genericSigns('mx203.example.com', ip), undefined);
  assert.is(genericSigns('smtp-out-7.example.com', ip), undefined);
});

test.run();
