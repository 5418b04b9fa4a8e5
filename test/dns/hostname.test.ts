// Host-name rules for mail domains and MX exchanges (RFC 1035, 1123, 5321; IDN via node:url).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { validateDnsLabel, validateHostname } from '../../src/dns/hostname.js';

const hostname = suite('validateHostname');

function reasonOf(name: string): string {
  const result = validateHostname(name);
  assert.not.ok(result.ok, `${name} should be rejected`);
  return result.ok ? '' : result.reason;
}

hostname('accepts ordinary names and normalizes case and the trailing dot', () => {
  assert.equal(validateHostname('mail.Example.COM'), { ok: true, normalized: 'mail.example.com' });
  assert.equal(validateHostname('example.com.'), { ok: true, normalized: 'example.com' });
  assert.equal(validateHostname('a-b.example.net'), { ok: true, normalized: 'a-b.example.net' });
  assert.equal(validateHostname('3com.example'), { ok: true, normalized: '3com.example' });
  assert.equal(validateHostname('x.test'), { ok: true, normalized: 'x.test' });
});

hostname('length limits: 63 per label, 253 in all', () => {
  const label63 = 'a'.repeat(63);
  assert.ok(validateHostname(`${label63}.example.com`).ok);
  assert.match(reasonOf(`${'a'.repeat(64)}.example.com`), /64 octets long; the limit is 63/);
  const name253 = `${[label63, label63, label63].join('.')}.${'b'.repeat(57)}.com`;
  assert.is(name253.length, 253);
  assert.ok(validateHostname(name253).ok);
  assert.ok(validateHostname(`${name253}.`).ok, 'trailing dot does not count');
  assert.match(reasonOf(`x${name253}`), /254 octets long; the limit is 253/);
});

hostname('LDH: no underscore, space or other punctuation; no edge hyphens; no empty label', () => {
  assert.match(reasonOf('mail_server.example.com'), /"_": legal in DNS names, but not in a mail host name/);
  assert.match(reasonOf('ex ample.com'), /a space/);
  assert.match(reasonOf('ex!ample.com'), /"!"/);
  assert.match(reasonOf('-mail.example.com'), /starts or ends with a hyphen/);
  assert.match(reasonOf('mail-.example.com'), /starts or ends with a hyphen/);
  assert.match(reasonOf('mail..example.com'), /empty label/);
  assert.match(reasonOf('.example.com'), /empty label/);
  assert.match(reasonOf('example.com..'), /empty label/);
  assert.match(reasonOf('a\u0000b.example.com'), /control character U\+0000/);
  assert.match(reasonOf(''), /empty host name/);
});

hostname('at least one dot, TLD not all-numeric, IP addresses and literals are not host names', () => {
  assert.match(reasonOf('localhost'), /no dot/);
  assert.match(reasonOf('example.123'), /all-numeric/);
  assert.match(reasonOf('192.0.2.1'), /IP address, not a host name/);
  assert.match(reasonOf('2001:db8::1'), /IP address/);
  assert.match(reasonOf('[192.0.2.1]'), /address literal/);
  assert.ok(validateHostname('123.example').ok, 'numeric labels below the TLD are fine');
});

hostname('IDN: A-labels checked, U-labels converted and validated', () => {
  assert.equal(validateHostname('xn--bcher-kva.example'), { ok: true, normalized: 'xn--bcher-kva.example' });
  assert.equal(validateHostname('Bücher.example'), { ok: true, normalized: 'xn--bcher-kva.example' });
  assert.equal(validateHostname('例え.テスト'), { ok: true, normalized: 'xn--r8jz45g.xn--zckzah' });
  assert.match(reasonOf('xn--zz.example'), /not valid Punycode/);
  assert.match(reasonOf('bü cher.example'), /not a valid internationalized domain name/);
});

hostname('allowUnderscore for DNS service names', () => {
  assert.ok(validateHostname('_dmarc.example.com', { allowUnderscore: true }).ok);
  assert.not.ok(validateHostname('_dmarc.example.com').ok);
});

hostname.run();

const label = suite('validateDnsLabel');

label('single labels', () => {
  assert.ok(validateDnsLabel('mail').ok);
  assert.ok(validateDnsLabel('a').ok);
  assert.ok(validateDnsLabel('ab--cd').ok, 'hyphens inside are fine');
  assert.not.ok(validateDnsLabel('').ok);
  assert.not.ok(validateDnsLabel('a.b').ok);
  assert.not.ok(validateDnsLabel('-a').ok);
  assert.not.ok(validateDnsLabel('a'.repeat(64)).ok);
  assert.ok(validateDnsLabel('_tcp', { allowUnderscore: true }).ok);
});

label.run();
