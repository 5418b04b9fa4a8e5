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

// node:url's domainToASCII stopped rejecting bad A-labels between Node 20 and Node 24 (ada 2 to 3);
// the verdicts below must be the same on every Node version.
hostname('IDN: an A-label must be Punycode that decodes to a U-label and encodes back to itself', () => {
  assert.match(reasonOf('xn--a.example'), /not valid Punycode/);
  assert.match(reasonOf('mail.xn--0.example'), /not valid Punycode/);
  assert.match(reasonOf('xn--a-ecp.example'), /not valid Punycode/, 'decodes to "a\u2488", which IDNA disallows');
  assert.match(reasonOf('xn--bucher-xyd.example'), /not valid Punycode/, 'decodes to "bu\u0308cher", not in NFC');
  assert.match(reasonOf('xn--ab-cja0439b.example'), /not valid Punycode/, 'decodes to a label holding an ideographic full stop');
  assert.match(reasonOf('bücher.xn--zz'), /not valid Punycode/, 'a U-label beside a bad A-label');
  assert.match(reasonOf('例え。xn--zz'), /not valid Punycode/, 'after an ideographic full stop');
  assert.match(reasonOf('bücher.\uff38\uff2e--zz'), /not valid Punycode/, 'written in fullwidth letters');
  assert.equal(validateHostname('XN--BCHER-KVA.example'), { ok: true, normalized: 'xn--bcher-kva.example' });
  assert.equal(validateHostname('xn--ls8h.example'), { ok: true, normalized: 'xn--ls8h.example' });
  assert.equal(validateHostname('xn--55qx5d.xn--fiqs8s'), { ok: true, normalized: 'xn--55qx5d.xn--fiqs8s' });
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
