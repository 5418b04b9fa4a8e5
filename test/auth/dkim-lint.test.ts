// `maillint lint`: the DKIM key of every DKIM-Signature (its d= and s=) is checked and reported at
// the field; a signing domain the message names nowhere else is audited for its key alone.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dkimSignersOf } from '../../src/auth/dkim-signature.js';
import { gatherDmarcFacts } from '../../src/auth/gather-dmarc.js';
import { loadZoneFiles } from '../../src/dns/zone-file-resolver.js';
import { lintMessage } from '../../src/engine/api.js';
import { parseMessage } from '../../src/message/scan.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';

const test = suite('DKIM keys of a linted message');

const ZONE = `$ORIGIN example.com.
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ NS ns1
ns1 A 192.0.2.53
@ MX 10 mail
mail A 192.0.2.25
_dmarc TXT "v=DMARC1; p=reject"
revoked._domainkey TXT "v=DKIM1; k=rsa; p="
`;

function message(signatures: string[]): string {
  return [
    'From: Shop <orders@example.com>',
    'To: someone@example.com',
    ...signatures,
    'Subject: Your order',
    'Date: Tue, 24 Nov 2026 11:00:00 +0000',
    'Message-ID: <order-7@example.com>',
    '',
    'body',
    '',
  ].join('\r\n');
}

async function resolver() {
  const folder = mkdtempSync(join(tmpdir(), 'maillint-dkim-'));
  writeFileSync(join(folder, 'example.com.zone'), ZONE);
  return loadZoneFiles([join(folder, 'example.com.zone')]);
}

test('each DKIM-Signature key is checked at its field: missing, revoked; the signing-only domain gets no MX audit', async () => {
  const text = message([
    'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s2026;',
    ' h=from:to:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA',
    'DKIM-Signature: v=1; a=rsa-sha256; d=Example.COM; s=revoked; bh=x; b=y',
    'DKIM-Signature: v=1; a=rsa-sha256; d=mailer.example.com; s=esp; bh=x; b=y',
  ]);
  const { findings } = await lintMessage(text, { resolver: await resolver(), now: FIXTURE_NOW });
  const dkim = findings.filter((finding) => finding.check.startsWith('dkim-')).map((finding) => `${finding.check}@${finding.line}`);
  assert.equal(dkim.sort(), ['dkim-key-invalid@5', 'dkim-key-missing@3', 'dkim-key-missing@6']);
  // mailer.example.com has no MX and no DMARC record of its own: audited for its key alone.
  assert.equal(findings.filter((finding) => finding.message.includes('mailer.example.com') && !finding.check.startsWith('dkim-')), []);
  assert.ok(findings.find((finding) => finding.line === 6)!.message.startsWith('DKIM-Signature'), 'the finding names the field');
});

test('no DKIM-Signature: no key looked up; the same key named twice is asked once', async () => {
  const zones = await resolver();
  const asked: string[] = [];
  const counting = { ...zones, canAnswer: zones.canAnswer.bind(zones), lookup: (name: string, type: 'TXT') => (asked.push(`${type} ${name}`), zones.lookup(name, type)) };
  await lintMessage(message([]), { resolver: counting, now: FIXTURE_NOW });
  assert.equal(asked.filter((question) => question.includes('_domainkey')), []);
  const twice = ['DKIM-Signature: d=example.com; s=revoked; b=1', 'DKIM-Signature: d=example.com; s=Revoked; b=2'];
  await lintMessage(message(twice), { resolver: counting, now: FIXTURE_NOW });
  assert.equal(asked.filter((question) => question.includes('_domainkey')), ['TXT revoked._domainkey.example.com']);
});

test('a recipient domain\'s DMARC policy is not the sender\'s problem: only the sender\'s domains are asked for it', async () => {
  const zones = await resolver();
  const asked: string[] = [];
  const counting = { ...zones, canAnswer: zones.canAnswer.bind(zones), lookup: (name: string, type: 'TXT') => (asked.push(`${type} ${name}`), zones.lookup(name, type)) };
  const text = message([]).replace('To: someone@example.com', 'To: someone@shop.example.com').replace('orders@example.com', 'orders@news.example.com');
  await lintMessage(text, { resolver: counting, now: FIXTURE_NOW });
  assert.ok(asked.includes('TXT _dmarc.news.example.com'), asked.join(', '));
  assert.not.ok(asked.includes('TXT _dmarc.shop.example.com'), 'the recipient domain is audited for its MX alone');
});

test('a domain too long for a _dmarc name falls back to its organizational domain, and nothing unaskable is sent', async () => {
  const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(55)}.example.com`;
  const asked: string[] = [];
  const zones = await resolver();
  const counting = { lookup: (name: string, type: 'TXT') => (asked.push(`${type} ${name}`), zones.lookup(name, type)) };
  const facts = await gatherDmarcFacts(long, counting);
  assert.is(facts.policyDomain, 'example.com');
  assert.equal(asked, ['TXT _dmarc.example.com']);
});

test('dkimSignersOf: malformed d= or s= are skipped, never queried', () => {
  const parsed = parseMessage(
    message([
      'DKIM-Signature: d=exa mple.com; s=s1',
      'DKIM-Signature: d=example.com; s=../etc',
      'DKIM-Signature: d=example.com',
      'DKIM-Signature: d=example.com; s=k1.mail',
    ]),
  );
  assert.equal(dkimSignersOf(parsed).map((signer) => `${signer.selector}._domainkey.${signer.domain}`), ['k1.mail._domainkey.example.com']);
});

test.run();
