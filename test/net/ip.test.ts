// The one IP module: every entry of the IANA IPv4 and IPv6 special-purpose registries (and the
// blocks maillint adds) with an address inside and one outside; reachability from the registries'
// "Globally Reachable"; descriptions; the kinds the MX checks and the blocklists both use.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import { isIP, isIPv4, isIPv6 } from 'node:net';
import fc from 'fast-check';
import { blockOf, classifyIp, ipFamilyOf, ipv6Text, parseIp } from '../../src/net/ip.js';
import { IPV4_SPECIAL_PURPOSE_REGISTRY, IPV6_SPECIAL_PURPOSE_REGISTRY, OTHER_NON_UNICAST_BLOCKS } from '../../src/net/special-purpose-blocks.js';
import { isIpv4Text, isIpv6Text } from '../../src/net/ip-text.js';

const test = suite('src/net/ip');

const ALL_BLOCKS = [...IPV4_SPECIAL_PURPOSE_REGISTRY, ...IPV6_SPECIAL_PURPOSE_REGISTRY, ...OTHER_NON_UNICAST_BLOCKS];

/** Per block: an address inside it, and one just outside it (in a neighbouring block or public space). */
const CASES: Record<string, [inside: string, outside: string]> = {
  '0.0.0.0/8': ['0.1.2.3', '1.0.0.1'],
  '0.0.0.0/32': ['0.0.0.0', '0.0.0.1'],
  '10.0.0.0/8': ['10.1.2.3', '11.0.0.1'],
  '100.64.0.0/10': ['100.127.255.254', '100.128.0.1'],
  '127.0.0.0/8': ['127.0.0.1', '128.0.0.1'],
  '169.254.0.0/16': ['169.254.1.1', '169.255.0.1'],
  '172.16.0.0/12': ['172.31.255.254', '172.32.0.1'],
  '192.0.0.0/24': ['192.0.0.100', '192.0.1.1'],
  '192.0.0.0/29': ['192.0.0.1', '192.0.0.11'],
  '192.0.0.8/32': ['192.0.0.8', '192.0.0.7'],
  '192.0.0.9/32': ['192.0.0.9', '192.0.0.11'],
  '192.0.0.10/32': ['192.0.0.10', '192.0.0.11'],
  '192.0.0.170/32': ['192.0.0.170', '192.0.0.169'],
  '192.0.0.171/32': ['192.0.0.171', '192.0.0.172'],
  '192.0.2.0/24': ['192.0.2.25', '192.0.3.1'],
  '192.31.196.0/24': ['192.31.196.1', '192.31.197.1'],
  '192.52.193.0/24': ['192.52.193.1', '192.52.192.1'],
  '192.88.99.0/24': ['192.88.99.1', '192.88.98.1'],
  '192.88.99.2/32': ['192.88.99.2', '192.88.99.3'],
  '192.168.0.0/16': ['192.168.1.1', '192.169.0.1'],
  '192.175.48.0/24': ['192.175.48.1', '192.175.49.1'],
  '198.18.0.0/15': ['198.19.255.1', '198.20.0.1'],
  '198.51.100.0/24': ['198.51.100.1', '198.51.101.1'],
  '203.0.113.0/24': ['203.0.113.7', '203.0.114.1'],
  '240.0.0.0/4': ['240.0.0.1', '239.255.255.254'],
  '255.255.255.255/32': ['255.255.255.255', '255.255.255.254'],
  '::1/128': ['::1', '::2'],
  '::/128': ['::', '::3'],
  '::ffff:0:0/96': ['::ffff:0:0', '::fffe:0:0'],
  '64:ff9b::/96': ['64:ff9b::cb00:7107', '64:ff9b::1:0:0'],
  '64:ff9b:1::/48': ['64:ff9b:1::a00:1', '64:ff9b:2::1'],
  '100::/64': ['100::1', '100:0:0:2::1'],
  '100:0:0:1::/64': ['100:0:0:1::1', '100:0:0:2::1'],
  '2001::/23': ['2001:5::1', '2001:200::1'],
  '2001::/32': ['2001:0:4136:e378::1', '2001:5::1'],
  '2001:1::1/128': ['2001:1::1', '2001:1::4'],
  '2001:1::2/128': ['2001:1::2', '2001:1::4'],
  '2001:1::3/128': ['2001:1::3', '2001:1::4'],
  '2001:2::/48': ['2001:2::1', '2001:2:1::1'],
  '2001:3::/32': ['2001:3::1', '2001:5::1'],
  '2001:4:112::/48': ['2001:4:112::1', '2001:4:113::1'],
  '2001:10::/28': ['2001:1f::1', '2001:40::1'],
  '2001:20::/28': ['2001:20::1', '2001:40::1'],
  '2001:30::/28': ['2001:3f:ffff::1', '2001:40::1'],
  '2001:db8::/32': ['2001:db8::25', '2001:db9::1'],
  '2002::/16': ['2002:c000:201::1', '2003::1'],
  '2620:4f:8000::/48': ['2620:4f:8000::1', '2620:4f:8001::1'],
  '3fff::/20': ['3fff:fff::1', '3fff:1000::1'],
  '5f00::/16': ['5f00::1', '5f01::1'],
  'fc00::/7': ['fd00::25', 'fe00::1'],
  'fe80::/10': ['fe80::1', 'fec0::1'],
  '224.0.0.0/4': ['224.0.0.1', '223.255.255.254'],
  'ff00::/8': ['ff02::1', 'fe00::1'],
  'fec0::/10': ['fec0::1', 'fe00::1'],
  '::/8': ['::10.0.0.1', '200::1'],
};

test('every block has a case, and every case a block', () => {
  assert.equal(ALL_BLOCKS.map((block) => block.prefix).sort(), Object.keys(CASES).sort());
  assert.is(new Set(ALL_BLOCKS.map((block) => block.prefix)).size, ALL_BLOCKS.length, 'no block twice');
});

test('each block holds its inside address (most specific block wins) and not its outside one', () => {
  for (const [prefix, [inside, outside]] of Object.entries(CASES)) {
    assert.is(blockOf(parseIp(inside))?.prefix, prefix, `${inside} in ${prefix}`);
    assert.is.not(blockOf(parseIp(outside))?.prefix, prefix, `${outside} outside ${prefix}`);
  }
});

test('every block names its RFC', () => {
  for (const block of ALL_BLOCKS) assert.match(block.reference, /^RFC \d+/, block.prefix);
});

test('reachable exactly where the registry says Globally Reachable (the NAT64 well-known prefix apart), "n/a" by kind', () => {
  for (const block of ALL_BLOCKS) {
    const reachable = classifyIp(CASES[block.prefix]![0])!.reachable;
    if (block.prefix === '::ffff:0:0/96') continue; // judged as the IPv4 address it maps (below)
    if (block.prefix === '64:ff9b::/96') assert.is(reachable, false, 'reached only through a translator');
    else if (block.globallyReachable === 'n/a') assert.is(reachable, block.kind === 'special-purpose', block.prefix);
    else assert.is(reachable, block.globallyReachable, block.prefix);
  }
  // Deprecated blocks are not; the tunnels Teredo and 6to4 are.
  assert.is(classifyIp('192.88.99.1')!.reachable, false);
  assert.is(classifyIp('2001:10::1')!.reachable, false);
  assert.is(classifyIp('2001:0:4136:e378::1')!.reachable, true);
  assert.is(classifyIp('2002:c000:201::1')!.reachable, true);
});

test('documentation space is documentation everywhere, 3fff::/20 (RFC 9637) included', () => {
  for (const address of ['192.0.2.1', '198.51.100.1', '203.0.113.1', '2001:db8::1', '3fff::1', '::ffff:192.0.2.1']) {
    assert.is(classifyIp(address)?.kind, 'documentation', address);
    assert.is(classifyIp(address)?.reachable, false, address);
  }
});

test('IPv4-mapped addresses are judged as the IPv4 address they map; IPv4-compatible ones are not mapped', () => {
  assert.equal(
    { ...classifyIp('::ffff:10.0.0.1'), block: undefined },
    { ...classifyIp('10.0.0.1'), block: undefined },
  );
  assert.is(classifyIp('::ffff:8.8.8.8')?.kind, 'public');
  assert.is(classifyIp('::ffff:8.8.8.8')?.address, '8.8.8.8');
  // ipaddr.js alone reads ::10.0.0.1 as ::ffff:10.0.0.1; it is ::a00:1, in the IETF-reserved ::/8.
  assert.is(classifyIp('::10.0.0.1')?.address, '::a00:1');
  assert.is(classifyIp('::10.0.0.1')?.kind, 'reserved');
  assert.is(classifyIp('::ffff:0:10.0.0.1')?.kind, 'reserved');
});

test('kinds of the addresses a mail host must not have', () => {
  const kinds: [string, string][] = [
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd00::25', 'unique-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['64:ff9b::a00:1', 'nat64'],
    ['fec0::1', 'reserved'],
    ['5f00::1', 'reserved'],
  ];
  for (const [address, kind] of kinds) {
    assert.is(classifyIp(address)?.kind, kind, address);
    assert.is(classifyIp(address)?.reachable, false, address);
  }
  for (const address of ['8.8.8.8', '2001:4860::1', '2a00:1450::1', '192.0.0.9', '2001:4:112::1', '192.175.48.1']) {
    assert.is(classifyIp(address)?.reachable, true, address);
  }
});

test('descriptions name the block and its RFC; a NAT64 address names the IPv4 address it stands for', () => {
  assert.is(classifyIp('10.1.2.3')?.description, 'a private-use address (10.0.0.0/8, RFC 1918)');
  assert.is(classifyIp('3fff::25')?.description, 'a documentation address (3fff::/20, RFC 9637)');
  assert.is(classifyIp('8.8.8.8')?.description, 'a public address');
  assert.is(
    classifyIp('64:ff9b::cb00:7107')?.description,
    'a NAT64 translation address (64:ff9b::/96, RFC 6052) standing for the IPv4 address 203.0.113.7',
  );
});

test('not an address: undefined, never a guess', () => {
  for (const text of ['not an address', '', '1.2.3', '01.2.3.4', 'fe80::1%eth0', '192.0.2.0/24', '[::1]']) {
    assert.is(classifyIp(text), undefined, text);
  }
});

test('ipFamilyOf answers as node:net isIP does, on chosen and on random text', () => {
  const random = fc.sample(fc.stringMatching(/^[0-9a-fA-F:.%gz-]{0,24}$/), { seed: 15, numRuns: 20000 });
  const structured = fc.sample(
    fc.tuple(fc.array(fc.stringMatching(/^[0-9a-f]{0,5}$/), { maxLength: 9 }), fc.boolean(), fc.constantFrom('', '::', ':', '%eth0', '%'), fc.constantFrom('', '1.2.3.4', '01.2.3.4')),
    { seed: 15, numRuns: 20000 },
  ).map(([groups, gapAtStart, joint, tail]) => (gapAtStart ? '::' : '') + groups.join(':') + joint + tail);
  for (const text of [...random, ...structured]) assert.is(ipFamilyOf(text), isIP(text), JSON.stringify(text));
  const inputs = ['192.0.2.1', '01.2.3.4', '1.2.3', '::', '::1', '2001:db8::1', '::ffff:192.0.2.1', 'fe80::1%eth0', '1::2::3', '[::1]', 'mail.example.com', '', ':', '256.1.1.1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', 'ipv6:2001:db8::1', '1.2.3.4::', '1.2.3.4::1', '::1.2.3.4', '1::1.2.3.4', '1:2:3:4:5:6:7::'];
  for (const text of inputs) assert.is(ipFamilyOf(text), isIP(text), text);
});

test('isIpv4Text and isIpv6Text answer as node:net isIPv4 and isIPv6 do, on chosen and on random text', () => {
  const dotted = fc.sample(
    fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.stringMatching(/^[0-9]{0,4}$/), fc.stringMatching(/^[0-9a-f +\-٣]{0,3}$/)), { minLength: 0, maxLength: 6 }),
    { seed: 15, numRuns: 20000 },
  ).map((parts) => parts.join('.'));
  const random = fc.sample(fc.stringMatching(/^[0-9.:a-fA-F% \n]{0,20}$/), { seed: 16, numRuns: 20000 });
  const chosen = ['0.0.0.0', '255.255.255.255', '256.0.0.0', '1.2.3.04', '1.2.3.4\n', ' 1.2.3.4', '1.2.3.4.', '.1.2.3.4', '1..2.3', '1.2.3', '1.2.3.4.5', '0000.1.1.1', '१.2.3.4', '::1', '::1%lo', '1.2.3.4%x'];
  for (const text of [...dotted, ...random, ...chosen]) {
    assert.is(isIpv4Text(text), isIPv4(text), JSON.stringify(text));
    assert.is(isIpv6Text(text), isIPv6(text), JSON.stringify(text));
  }
});

test('an IPv4 address is classified without ipaddr.js as it is with it: every registry block\'s first and last address', () => {
  const firstAndLast = IPV4_SPECIAL_PURPOSE_REGISTRY.flatMap((block) => {
    const [network, bits] = block.prefix.split('/') as [string, string];
    const value = network.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
    const last = value + 2 ** (32 - Number(bits)) - 1;
    const text = (number: number) => [24, 16, 8, 0].map((shift) => Math.floor(number / 2 ** shift) % 256).join('.');
    return [text(value), text(last)];
  });
  for (const text of [...firstAndLast, '8.8.8.8', '0.0.0.0', '255.255.255.255', '198.51.100.7']) {
    const parsed = parseIp(text);
    const classified = classifyIp(text)!;
    assert.is(classified.address, parsed.toString(), text);
    assert.is(classified.block, blockOf(parsed), text);
  }
});

test('an IPv6 address is classified without ipaddr.js as it is with it: registry blocks, mapped and compatible forms', () => {
  const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');
  const samples = [...IPV6_SPECIAL_PURPOSE_REGISTRY, ...OTHER_NON_UNICAST_BLOCKS]
    .map((block) => block.prefix.split('/')[0]!)
    .filter((text) => text.includes(':'));
  const extra = ['::', '::1', '2001:db8::1', '2001:DB8:0:0:1:0:0:1', '1:0:0:2:0:0:0:3', '::ffff:192.0.2.1', '::ffff:c000:201', '::192.0.2.1', '64:ff9b::192.0.2.33', 'fe80::1:0:0:0', '2a00:1450:4001:80b::200e', '1:2:3:4:5:6:7:8'];
  for (const text of [...samples, ...extra]) {
    const reference = ipaddr.IPv6.parse(new URL(`http://[${text}]/`).hostname.slice(1, -1));
    const expected = reference.isIPv4MappedAddress() ? reference.toIPv4Address() : reference;
    const classified = classifyIp(text)!;
    assert.is(classified.address, expected.toString(), text);
    assert.is(classified.block, blockOf(expected), text);
    assert.is(ipv6Text(reference.toByteArray()), reference.toString(), `${text} as RFC 5952 text`);
  }
});

test.run();
