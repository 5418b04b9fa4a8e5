// Default lists and validation of user-configured lists.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_BLOCKLISTS, validateBlocklistSettings } from '../../src/dnsbl/catalogue.js';
import { ConfigError } from '../../src/engine/rules.js';

const test = suite('dnsbl catalogue');

function configError(value: unknown[], source?: string): string {
  try {
    validateBlocklistSettings(value, source);
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as Error).message;
  }
  assert.unreachable(`accepted ${JSON.stringify(value)}`);
  return '';
}

test('defaults: Spamhaus ZEN, SpamCop, Barracuda; no SORBS', () => {
  assert.equal(DEFAULT_BLOCKLISTS.map((list) => list.zone), ['zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org']);
  assert.not.ok(DEFAULT_BLOCKLISTS.some((list) => list.zone.includes('sorbs')));
  const zen = DEFAULT_BLOCKLISTS[0]!;
  for (const code of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.9', '127.0.0.10', '127.0.0.11']) {
    assert.ok(zen.codes[code], `ZEN code ${code} has a meaning`);
  }
  assert.equal(zen.dynamicCodes, ['127.0.0.10', '127.0.0.11']);
  assert.equal(zen.refusalCodes, ['127.255.255.252', '127.255.255.254', '127.255.255.255']);
  assert.match(zen.codes['127.255.255.254']!, /public or open resolver/);
  for (const list of DEFAULT_BLOCKLISTS) assert.ok(list.delisting, `${list.zone} has a delisting hint`);
});

test('a zone string: a default list keeps its code map; another zone is IPv4-only with no meanings', () => {
  const [zen, other] = validateBlocklistSettings(['ZEN.spamhaus.org.', 'bl.example.test'], '--dnsbl');
  assert.is(zen, DEFAULT_BLOCKLISTS[0]);
  assert.equal(other, { zone: 'bl.example.test', name: 'bl.example.test', codes: {}, dynamicCodes: [], refusalCodes: [], ipv6: false });
});

test('objects: code maps, dynamic and refusal codes, ipv6, name, delisting come back as given', () => {
  const complete = {
    zone: 'dul.example.test',
    name: 'Example DUL',
    codes: { '127.0.0.3': 'dynamic pool' },
    dynamicCodes: ['127.0.0.3'],
    refusalCodes: ['127.0.1.255'],
    ipv6: true,
    delisting: 'example.test/removal',
  };
  const [list] = validateBlocklistSettings([structuredClone(complete)]);
  assert.equal(list, complete);
});

test('an object for a default zone overrides only the keys it gives', () => {
  const [zen] = validateBlocklistSettings([{ zone: 'zen.spamhaus.org', ipv6: false }]);
  assert.is(zen!.ipv6, false);
  assert.equal(zen!.codes, DEFAULT_BLOCKLISTS[0]!.codes);
});

test('validation is idempotent: validated lists validate to themselves', () => {
  const once = validateBlocklistSettings(['zen.spamhaus.org', { zone: 'bl.example.test', codes: { '127.0.0.2': 'x' } }]);
  assert.equal(validateBlocklistSettings(once), once);
});

test('bad settings are ConfigErrors that say what and where', () => {
  assert.match(configError([]), /empty/);
  assert.match(configError('zen.spamhaus.org' as unknown as unknown[]), /must be an array/);
  assert.match(configError([42]), /dnsbl\[0\]: each blocklist is a zone name or an object/);
  assert.match(configError(['bad..zone'], '--dnsbl'), /^--dnsbl "bad\.\.zone": zone "bad\.\.zone" is not a valid DNS name/);
  assert.match(configError(['192.0.2.1']), /IP address/);
  assert.match(configError(['bl.example.test', 'BL.example.test']), /listed twice/);
  assert.match(configError([{ zone: 'bl.example.test', code: {} }]), /unknown key "code"/);
  assert.match(configError([{ zone: 'bl.example.test', codes: { '192.0.2.1': 'x' } }]), /outside 127\.0\.0\.0\/8/);
  assert.match(configError([{ zone: 'bl.example.test', codes: { '127.0.0.02': 'x' } }]), /not a dotted-quad/);
  assert.match(configError([{ zone: 'bl.example.test', codes: { '127.0.0.2': 3 } }]), /meaning of "127\.0\.0\.2" must be a string/);
  assert.match(configError([{ zone: 'bl.example.test', dynamicCodes: '127.0.0.10' }]), /"dynamicCodes" must be an array/);
  assert.match(configError([{ zone: 'bl.example.test', refusalCodes: ['10.0.0.1'] }]), /refusalCodes.*outside 127/);
  assert.match(configError([{ zone: 'bl.example.test', ipv6: 'yes' }]), /"ipv6" must be true or false/);
  assert.match(configError([{ codes: {} }]), /zone must be a string/);
  // 199 octets: fine for IPv4 queries (16-octet prefix), too long for IPv6 nibbles (64 octets).
  const longZone = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(13)}.test`;
  assert.ok(validateBlocklistSettings([longZone]));
  assert.match(configError([{ zone: longZone, ipv6: true }]), /exceed 253 octets/);
});

test.run();
