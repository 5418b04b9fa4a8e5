// Sending-IP parsing and DNSBL query names (RFC 5782 2.1, 2.4).
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dnsblQueryName, reversedAddress, TEST_ENTRIES } from '../../src/dnsbl/query-name.js';
import { classifyIp, InvalidIpAddressError, parseIpAddress } from '../../src/net/ip.js';

const test = suite('dnsbl query names');

test('IPv4: reversed octets + zone', () => {
  assert.is(dnsblQueryName(parseIpAddress('203.0.113.7'), 'zen.example.test'), '7.113.0.203.zen.example.test');
  assert.is(dnsblQueryName(parseIpAddress('0.0.0.0'), 'bl.example.test'), '0.0.0.0.bl.example.test');
});

test('IPv6: 32 reversed nibbles + zone (RFC 5782 2.4 example)', () => {
  const ip = parseIpAddress('2001:DB8:abc:123::42');
  assert.is(ip.address, '2001:db8:abc:123::42');
  assert.is(ip.family, 6);
  assert.is(dnsblQueryName(ip, 'bl.example.test'), '2.4.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.2.1.0.c.b.a.0.8.b.d.0.1.0.0.2.bl.example.test');
});

test('::ffff:a.b.c.d is asked as IPv4', () => {
  for (const input of ['::ffff:192.0.2.1', '::FFFF:c000:201', '0:0:0:0:0:ffff:192.0.2.1']) {
    const ip = parseIpAddress(input);
    assert.is(ip.family, 4, input);
    assert.is(ip.address, '192.0.2.1', input);
    assert.is(ip.input, input);
    assert.is(reversedAddress(ip), '1.2.0.192');
  }
});

test('::a.b.c.d (IPv4-compatible, RFC 4291 2.5.5.1) is an IPv6 address, asked as nibbles, not as IPv4', () => {
  const ip = parseIpAddress('::203.0.113.7');
  assert.is(ip.family, 6);
  assert.is(ip.address, '::cb00:7107');
  assert.is(reversedAddress(ip), '7.0.1.7.0.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0');
});

test('RFC 5782 test entries', () => {
  assert.is(dnsblQueryName(TEST_ENTRIES[4].listed, 'x.test'), '2.0.0.127.x.test');
  assert.is(dnsblQueryName(TEST_ENTRIES[4].notListed, 'x.test'), '1.0.0.127.x.test');
  assert.is(dnsblQueryName(TEST_ENTRIES[6].listed, 'x.test'), '2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.x.test');
  assert.is(dnsblQueryName(TEST_ENTRIES[6].notListed, 'x.test'), '1.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.x.test');
});

test('ranges: the kinds of src/net/ip.ts, the same for blocklists as for MX checks (3fff::/20 documentation, 64:ff9b::/96 NAT64)', () => {
  const ranges: Record<string, string> = {
    '10.1.2.3': 'private',
    '192.168.0.1': 'private',
    '127.0.0.2': 'loopback',
    '169.254.1.1': 'link-local',
    '100.64.0.1': 'carrier-grade-nat',
    'fd00::1': 'unique-local',
    '192.0.2.1': 'documentation',
    '198.51.100.1': 'documentation',
    '203.0.113.1': 'documentation',
    '2001:db8::1': 'documentation',
    '3fff::1': 'documentation',
    '64:ff9b::a00:1': 'nat64',
    '::ffff:10.0.0.1': 'private',
    '240.0.0.1': 'reserved',
    '9.9.9.9': 'public',
    '2a00:1450::1': 'public',
  };
  for (const [input, range] of Object.entries(ranges)) {
    assert.is(parseIpAddress(input).range, range, input);
    assert.is(classifyIp(input)?.kind, range, `classifyIp ${input}`);
  }
});

test('strict parsing: no guessing, the error names the input', () => {
  const bad = ['1.2.3', '01.2.3.4', '1.2.3.256', '1.2.3.4.5', '0x7f.0.0.1', '127.1', 'mail.example.com', '', ' 192.0.2.1', '192.0.2.1\n',
    '[2001:db8::1]', 'fe80::1%eth0', '192.0.2.0/24', '2001:db8:::1', '::ffff:01.2.3.4', '１.２.３.４', '192.0.2.1\u0000'];
  for (const input of bad) {
    try {
      parseIpAddress(input);
      assert.unreachable(`accepted ${JSON.stringify(input)}`);
    } catch (error) {
      assert.instance(error, InvalidIpAddressError, JSON.stringify(input));
      assert.ok((error as Error).message.startsWith(`${JSON.stringify(input)} is not an IP address: `), (error as Error).message);
    }
  }
  assert.match(String(catchMessage('01.2.3.4')), /leading zero/);
  assert.match(String(catchMessage('1.2.3')), /4 dot-separated numbers/);
  assert.match(String(catchMessage('mail.example.com')), /host name/);
  assert.ok(String(catchMessage('9'.repeat(10_000))).length < 200, 'a huge input is shortened in the message');
});

function catchMessage(input: string): string | undefined {
  try {
    parseIpAddress(input);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

test('property: an IPv4 query name is the four octets reversed', () => {
  fc.assert(
    fc.property(fc.ipV4(), (address) => {
      const name = dnsblQueryName(parseIpAddress(address), 'bl.example.test');
      assert.is(name, `${address.split('.').reverse().join('.')}.bl.example.test`);
    }),
  );
});

test('property: an IPv6 query name is 32 nibbles that read back as the address', () => {
  fc.assert(
    fc.property(fc.ipV6(), (address) => {
      const ip = parseIpAddress(address);
      if (ip.family === 4) return; // IPv4-mapped: asked as IPv4
      const labels = reversedAddress(ip).split('.');
      assert.is(labels.length, 32);
      assert.ok(labels.every((label) => /^[0-9a-f]$/.test(label)));
      const hex = labels.reverse().join('');
      assert.is(parseIpAddress(hex.match(/.{4}/g)!.join(':')).address, ip.address);
    }),
  );
});

test.run();
