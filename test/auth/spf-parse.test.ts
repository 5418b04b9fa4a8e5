// The SPF parser as a linter needs it: every term with its offset, every syntax error with its term.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isSpfRecord, parseSpfRecord } from '../../src/auth/spf/parse.js';

const parse = suite('SPF record parser');

const errorsOf = (record: string) => parseSpfRecord(record).errors.map((error) => `${error.offset} ${error.term}: ${error.message}`);

parse('terms keep their offsets, qualifiers, arguments and prefix lengths', () => {
  const parsed = parseSpfRecord('v=spf1  -a:mail.example.com/24//64 ~mx ip6:2001:db8::/32 redirect=_spf.example.com');
  assert.equal(parsed.errors, []);
  assert.equal(
    parsed.terms.map((term) => [term.offset, term.text]),
    [
      [8, '-a:mail.example.com/24//64'],
      [35, '~mx'],
      [39, 'ip6:2001:db8::/32'],
      [57, 'redirect=_spf.example.com'],
    ],
  );
  const [a, mx, ip6] = parsed.terms;
  assert.equal(a, { kind: 'mechanism', qualifier: '-', name: 'a', text: '-a:mail.example.com/24//64', offset: 8, domainSpec: 'mail.example.com', ip4Prefix: 24, ip6Prefix: 64 });
  assert.is(mx?.kind === 'mechanism' && mx.qualifier, '~');
  assert.is(ip6?.kind === 'mechanism' && ip6.ip6Prefix, 32);
  assert.is(parsed.redirect?.value, '_spf.example.com');
});

parse('each syntax error names its term and offset; the other terms still parse', () => {
  assert.equal(errorsOf('v=spf1 ip4:192.0.2.0/33 ipv4:192.0.2.1 a:example.com/024 mx -all'), [
    '7 ip4:192.0.2.0/33: prefix length /33 is over 32',
    '24 ipv4:192.0.2.1: unknown mechanism "ipv4"',
    '39 a:example.com/024: prefix length "/024" has a leading zero',
  ]);
});

parse('domain-specs: a valid top-level label or a macro at the end', () => {
  assert.equal(errorsOf('v=spf1 a:example.com. include:%{d}._spf.example.com exists:%{i}.%{d2}'), []);
  assert.equal(errorsOf('v=spf1 a:localhost'), ['7 a:localhost: domain "localhost" does not end in a valid top-level label ("." and letters, digits, "-", not all digits) or a macro']);
  assert.equal(errorsOf('v=spf1 a:192.0.2.1').length, 1, 'an all-digit top-level label');
  assert.equal(errorsOf('v=spf1 include:').length, 1);
});

parse('macros: unknown letters, c/r/t outside explanations, zero digits, a stray %', () => {
  assert.match(errorsOf('v=spf1 exists:%{x}.example.com')[0]!, 'unknown macro letter "x"');
  assert.match(errorsOf('v=spf1 exists:%{c}.example.com')[0]!, 'allowed only in explanation strings');
  assert.match(errorsOf('v=spf1 exists:%{d0}.example.com')[0]!, 'keeps zero labels');
  assert.match(errorsOf('v=spf1 exists:100%.example.com')[0]!, 'starts no macro');
  assert.equal(errorsOf('v=spf1 exists:%{l1r+-}.%{ir}.%%.%_.%-._spf.%{d2}'), []);
});

parse('modifiers: redirect and exp at most once; unknown modifiers are macro-checked, not rejected', () => {
  assert.match(errorsOf('v=spf1 exp=a.example.com exp=b.example.com')[0]!, '"exp=" appears more than once');
  assert.equal(errorsOf('v=spf1 foo=bar.%{d} -all'), []);
  assert.match(errorsOf('v=spf1 foo=%{q}')[0]!, 'unknown macro letter');
});

parse('non-ASCII in a term is an error; only spaces separate terms', () => {
  assert.match(errorsOf('v=spf1 a:exämple.com')[0]!, 'outside printable ASCII');
  assert.match(errorsOf('v=spf1 mx\t-all')[0]!, 'outside printable ASCII');
});

parse('version: "v=spf1" then a space or the end, any case', () => {
  assert.ok(isSpfRecord('v=spf1'));
  assert.ok(isSpfRecord('V=SPF1 -all'));
  assert.not.ok(isSpfRecord('v=spf10 -all'));
  assert.not.ok(isSpfRecord(' v=spf1 -all'));
  assert.equal(errorsOf('spf1 -all').length, 1);
});

parse('errors quote the record capped: a 400-character term is not repeated whole', () => {
  const [error] = parseSpfRecord(`v=spf1 ${'x'.repeat(400)}:example.com`).errors;
  assert.ok(error!.message.length < 100, error!.message);
  assert.ok(parseSpfRecord(`v=spf1 a:${'y'.repeat(300)}`).errors[0]!.message.length < 200);
});

parse.run();
