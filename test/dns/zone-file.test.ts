// The master-format parser on the features real zone files use, and on broken ones.

import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTtl, parseZoneFile, ZoneFileError } from '../../src/dns/zone-file.js';

const zoneFile = suite('zone-file parser');

const REAL_ZONE = `; example.com, as a registrar would export it
$ORIGIN example.com.
$TTL 1h
@   IN  SOA ns1.example.com. hostmaster.example.com. (
        2026112401 ; serial
        7200       ; refresh
        3600 1209600 300 )
    IN  NS  ns1
    MX  10 mail          ; owner and class omitted
mail        A   192.0.2.25
            AAAA 2001:DB8:0:0::25
txt  300 IN TXT "v=spf1 -all" "second; with \\"semicolon\\"" bare
Alias CNAME Mail.Example.COM.
_sip._tcp  SRV 10 5 5060 sip
$ORIGIN sub.example.com.
@ IN 60 MX 0 .
www A 198.51.100.7
`;

zoneFile('reads $ORIGIN, $TTL, @, relative names, omitted owner/TTL/class, multi-line SOA, TXT strings', () => {
  const zone = parseZoneFile(REAL_ZONE, { fileName: 'real.zone' });
  assert.is(zone.origin, 'example.com');
  assert.equal(zone.records, [
    { name: 'example.com', ttl: 3600, type: 'SOA', primary: 'ns1.example.com', admin: 'hostmaster.example.com', serial: 2026112401 },
    { name: 'example.com', ttl: 3600, type: 'NS', target: 'ns1.example.com' },
    { name: 'example.com', ttl: 3600, type: 'MX', preference: 10, exchange: 'mail.example.com' },
    { name: 'mail.example.com', ttl: 3600, type: 'A', address: '192.0.2.25' },
    { name: 'mail.example.com', ttl: 3600, type: 'AAAA', address: '2001:db8::25' },
    { name: 'txt.example.com', ttl: 300, type: 'TXT', strings: ['v=spf1 -all', 'second; with "semicolon"', 'bare'] },
    { name: 'alias.example.com', ttl: 3600, type: 'CNAME', target: 'mail.example.com' },
    { name: 'sub.example.com', ttl: 60, type: 'MX', preference: 0, exchange: '' },
    { name: 'www.sub.example.com', ttl: 3600, type: 'A', address: '198.51.100.7' },
  ]);
  assert.equal(zone.otherOwners, ['_sip._tcp.example.com']);
});

zoneFile('CRLF line ends and a last line without a newline', () => {
  const zone = parseZoneFile('$ORIGIN example.net.\r\n@ 300 MX 5 mx\r\nmx A 203.0.113.5');
  assert.equal(zone.records.map((record) => record.name), ['example.net', 'mx.example.net']);
});

zoneFile('without SOA the first $ORIGIN is the apex; an origin may be given by the caller', () => {
  assert.is(parseZoneFile('$ORIGIN example.org.\nwww A 192.0.2.1\n').origin, 'example.org');
  assert.is(parseZoneFile('www A 192.0.2.1\n', { origin: 'example.org.' }).records[0]!.name, 'www.example.org');
});

zoneFile('TTL units', () => {
  assert.is(parseTtl('3600'), 3600);
  assert.is(parseTtl('1h30m'), 5400);
  assert.is(parseTtl('1W'), 604800);
  assert.is(parseTtl('1x'), undefined);
  assert.is(parseTtl('99999999999'), undefined);
});

function errorOf(text: string): ZoneFileError {
  try {
    parseZoneFile(text, { fileName: 'bad.zone' });
  } catch (error) {
    if (error instanceof ZoneFileError) return error;
    throw error;
  }
  throw new Error('expected a ZoneFileError');
}

const BROKEN: [string, string, number, RegExp][] = [
  ['bad IPv4', '$ORIGIN example.com.\nfoo A not-an-ip\n', 2, /not an IPv4 address/],
  ['IPv4 with leading zeros style', '$ORIGIN example.com.\nfoo A 192.0.2\n', 2, /not an IPv4 address/],
  ['bad IPv6', '$ORIGIN example.com.\nfoo AAAA 2001:db8::zz\n', 2, /not an IPv6 address/],
  ['MX preference not a number', '$ORIGIN example.com.\n@ MX ten mail\n', 2, /MX preference is not a number from 0 to 65535/],
  ['MX preference too large', '$ORIGIN example.com.\n@ MX 70000 mail\n', 2, /0 to 65535/],
  ['MX without exchange', '$ORIGIN example.com.\n@ MX 10\n', 2, /needs a preference and an exchange/],
  ['unknown type', '$ORIGIN example.com.\n@ IN MXX 10 mail\n', 2, /field 3 is not a record type maillint knows/],
  ['class CH', '$ORIGIN example.com.\n@ CH TXT "x"\n', 2, /only class IN/],
  ['relative name without origin', 'www A 192.0.2.1\n', 1, /before any \$ORIGIN/],
  ['unclosed parenthesis', '$ORIGIN example.com.\n@ SOA ns hm (\n 1 2 3 4 5\n', 4, /not closed/],
  ['stray close parenthesis', '$ORIGIN example.com.\n@ A 192.0.2.1 )\n', 2, /without a matching/],
  ['unclosed quote', '$ORIGIN example.com.\n\n@ TXT "abc\n', 3, /quoted string is not closed/],
  ['$INCLUDE', '$ORIGIN example.com.\n$INCLUDE other.zone\n', 2, /not supported/],
  ['unknown directive', '$ORIGN example.com.\n', 1, /unknown directive/],
  ['owner omitted on the first record', '  A 192.0.2.1\n', 1, /no previous record/],
  ['empty label', '$ORIGIN example.com.\na..b A 192.0.2.1\n', 2, /empty label/],
  ['out of zone', '$ORIGIN example.com.\n@ SOA ns hm 1 2 3 4 5\nwww.example.net. A 192.0.2.1\n', 3, /owner name is outside the zone whose apex is the owner of the SOA record on line 2/],
  ['two SOA records', '$ORIGIN example.com.\n@ SOA ns hm 1 2 3 4 5\n@ SOA ns hm 1 2 3 4 5\n', 3, /second SOA/],
  ['nothing to anchor the zone', 'example.com. A 192.0.2.1\n', 1, /no SOA record and no \$ORIGIN/],
  ['bad $TTL', '$TTL forever\n', 1, /not a TTL/],
  ['no type', '$ORIGIN example.com.\nwww 300 IN\n', 2, /no type/],
  // RFC 1034 3.6.2 / RFC 2181 10.1: a CNAME owner has no other data (knotd refuses to load such a zone).
  ['CNAME beside other data (after)', '$ORIGIN example.com.\nboth CNAME mail\nboth MX 10 mail\nmail A 192.0.2.25\n', 3, /CNAME and other data at one name \(CNAME on line 2\)/],
  ['CNAME beside other data (before)', '$ORIGIN example.com.\nboth MX 10 mail\nBoth.example.com. CNAME mail\n', 3, /CNAME and other data at one name \(MX on line 2\)/],
  ['CNAME beside a type not modelled', '$ORIGIN example.com.\n_s._tcp SRV 0 0 25 mail\n_s._tcp CNAME mail\n', 3, /CNAME and other data/],
  ['CNAME at the apex beside SOA', '$ORIGIN example.com.\n@ SOA ns hm 1 2 3 4 5\n@ CNAME example.net.\n', 3, /CNAME and other data at one name \(SOA on line 2\)/],
  ['two CNAMEs at one name', '$ORIGIN example.com.\nalias CNAME a\nalias CNAME b\n', 3, /more than one CNAME at one name \(the first is on line 2\)/],
  // RFC 1035 2.3.4: knotd refuses such names ("invalid label", "name too long").
  ['64-octet label', `$ORIGIN example.com.\n${'a'.repeat(64)} A 192.0.2.1\n`, 2, /owner name has a label of 64 octets; DNS allows 63/],
  ['64-octet label in an MX exchange', `$ORIGIN example.com.\n@ MX 10 ${'a'.repeat(64)}.example.net.\n`, 2, /MX exchange has a label of 64 octets/],
  ['64-octet label in $ORIGIN', `$ORIGIN ${'a'.repeat(64)}.example.\n`, 1, /\$ORIGIN name has a label of 64 octets/],
  ['name over 255 octets', `$ORIGIN example.com.\n${`${'a'.repeat(60)}.`.repeat(5)} A 192.0.2.1\n`, 2, /owner name is 306 octets on the wire; DNS allows 255/],
  ['name over 255 octets with the origin appended', `$ORIGIN ${`${'b'.repeat(60)}.`.repeat(3)}example.\n${'a'.repeat(60)}.${'a'.repeat(10)} A 192.0.2.1\n`, 2, /owner name is 264 octets on the wire/],
  ['TXT string over 255 octets, quoted', `$ORIGIN example.com.\n@ TXT "${'x'.repeat(256)}"\n`, 2, /quoted string longer than 255 octets/],
  ['TXT string over 255 octets, bare', `$ORIGIN example.com.\n@ TXT ${'x'.repeat(256)}\n`, 2, /TXT string 1 is longer than 255 octets/],
  ['TXT string of 128 two-octet characters', `$ORIGIN example.com.\n@ TXT "${'é'.repeat(128)}"\n`, 2, /quoted string longer than 255 octets/],
  ['TXT RDATA over 65,535 octets', `$ORIGIN example.com.\n@ TXT (\n${'a '.repeat(33000)}\n)\n`, 2, /TXT record data is 66000 octets; DNS allows 65535/],
];

for (const [name, text, line, reason] of BROKEN) {
  zoneFile(`error names file and line: ${name}`, () => {
    const error = errorOf(text);
    assert.is(error.file, 'bad.zone');
    assert.is(error.line, line, error.message);
    assert.match(error.message, reason);
    assert.ok(error.message.startsWith(`bad.zone:${line}: `), error.message);
  });
}

zoneFile('escapes in quoted and bare TXT data are decoded (RFC 1035 5.1: \\X is X, \\DDD is the octet)', () => {
  const zone = parseZoneFile('$ORIGIN example.com.\ntxt TXT a\\.b "c\\.d" e\\046f "\\065\\"" g\\;h\n');
  assert.equal(zone.records[0], { name: 'txt.example.com', ttl: 3600, type: 'TXT', strings: ['a.b', 'c.d', 'e.f', 'A"', 'g;h'] });
});

zoneFile('AAAA ::a.b.c.d keeps its value (IPv4-compatible, not IPv4-mapped)', () => {
  const zone = parseZoneFile('$ORIGIN example.com.\nmx AAAA ::192.0.2.1\nmx AAAA ::FFFF:192.0.2.1\n');
  assert.equal(zone.records.map((record) => record.type === 'AAAA' && record.address), ['::c000:201', '::ffff:c000:201']);
});

zoneFile('RRSIG and NSEC may sit beside a CNAME (RFC 4035 2.5)', () => {
  const zone = parseZoneFile('$ORIGIN example.com.\nalias CNAME mail\nalias NSEC mail A RRSIG\nalias RRSIG CNAME 8 3 300 20300101000000 20200101000000 1 example.com. AAAA\n');
  assert.is(zone.records.length, 1);
});

zoneFile('a record after a multi-line entry is reported on its own line', () => {
  const error = errorOf('$ORIGIN example.com.\n@ SOA ns hm (\n 1 ; serial\n 2 3 4 5 )\nbad A 1.2.3\n');
  assert.is(error.line, 5);
});

zoneFile('names at the limits are read: 63-octet labels, 253 characters (255 octets on the wire)', () => {
  const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
  assert.is(name.length, 253);
  const zone = parseZoneFile(`${name}. A 192.0.2.1\n$ORIGIN ${name}.\n`);
  assert.is(zone.records[0]!.name, name);
  assert.equal(parseZoneFile(`$ORIGIN example.com.\n@ TXT "${'x'.repeat(255)}" ${'y'.repeat(255)}\n`).records[0], {
    name: 'example.com', ttl: 3600, type: 'TXT', strings: ['x'.repeat(255), 'y'.repeat(255)],
  });
});

/** Each file holds the word "s3cr3t" where the parser stops: no error may repeat it. */
const SECRETS: [string, string][] = [
  ['/proc/self/environ', 'AWS_SECRET_ACCESS_KEY=s3cr3t\u0000HOME=/root\u0000TOKEN=ghp_s3cr3t\u0000'],
  ['/etc/shadow', 'root:$6$s3cr3t$abc:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n'],
  ['a terminal escape as the owner', '\u001b]8;;https://s3cr3t.example/\u0007x\u001b]8;;\u0007 A 192.0.2.1\n'],
  ['A value', '$ORIGIN example.com.\nfoo A s3cr3t\n'],
  ['AAAA value', '$ORIGIN example.com.\nfoo AAAA s3cr3t::1\n'],
  ['MX preference', '$ORIGIN example.com.\n@ MX s3cr3t mail\n'],
  ['record type', '$ORIGIN example.com.\n@ IN S3CR3T 10 mail\n'],
  ['record type before data', '$ORIGIN example.com.\n@ IN S3CR3T\n'],
  ['directive', '$S3CR3T example.com.\n'],
  ['relative $ORIGIN', '$ORIGIN s3cr3t\n'],
  ['$TTL', '$TTL 1s3cr3t\n'],
  ['TTL', '$ORIGIN example.com.\n@ 1s3cr3t A 192.0.2.1\n'],
  ['two TTLs', '$ORIGIN example.com.\n@ 300 4s3cr3t A 192.0.2.1\n'],
  ['quoted in place of a type', '$ORIGIN example.com.\n@ "s3cr3t" A 192.0.2.1\n'],
  ['empty label', '$ORIGIN example.com.\ns3cr3t..x A 192.0.2.1\n'],
  ['escaped name', '$ORIGIN example.com.\ns3cr3t\\.x A 192.0.2.1\n'],
  ['relative owner before $ORIGIN', 's3cr3t A 192.0.2.1\n'],
  ['SOA serial', '$ORIGIN example.com.\n@ SOA ns hm s3cr3t 2 3 4 5\n'],
  ['SOA time', '$ORIGIN example.com.\n@ SOA ns hm 1 2 3 4 s3cr3t\n'],
  ['second SOA', '$ORIGIN example.com.\ns3cr3t SOA ns hm 1 2 3 4 5\n@ SOA ns hm 1 2 3 4 5\n'],
  ['outside the zone', '$ORIGIN example.com.\n@ SOA ns hm 1 2 3 4 5\ns3cr3t.example.net. A 192.0.2.1\n'],
  ['CNAME beside data', '$ORIGIN example.com.\ns3cr3t CNAME a\ns3cr3t MX 10 a\n'],
  ['two CNAMEs', '$ORIGIN example.com.\ns3cr3t CNAME a\ns3cr3t CNAME b\n'],
  ['overlong label', `$ORIGIN example.com.\ns3cr3t${'a'.repeat(64)} A 192.0.2.1\n`],
  ['overlong quoted string', `$ORIGIN example.com.\n@ TXT "s3cr3t${'a'.repeat(300)}"\n`],
  ['overlong token', `s3cr3t${'a'.repeat(200_000)}\n`],
];

for (const [name, text] of SECRETS) {
  zoneFile(`errors name file and line, never the file's text: ${name}`, () => {
    const error = errorOf(text);
    assert.ok(!/s3cr3t/i.test(error.message), error.message.slice(0, 300));
    assert.ok(error.message.length < 300, `${error.message.length} characters`);
    assert.ok(!/[\u0000-\u001f\u007f-\u009f]/.test(error.message), 'no control characters');
    assert.match(error.message, /^bad\.zone:\d+: /);
  });
}

zoneFile('a 2 MB token or unclosed quoted string stops at the first octet past what DNS can hold', () => {
  const token = errorOf(`${'a'.repeat(2_000_000)} A 192.0.2.1\n`);
  assert.match(token.message, /^bad\.zone:1: a word longer than 131070 characters/);
  const quoted = errorOf(`$ORIGIN example.com.\n\n@ TXT "${'a\n'.repeat(1_000_000)}`);
  assert.match(quoted.message, /^bad\.zone:3: quoted string longer than 255 octets/);
  const entry = errorOf(`$ORIGIN example.com.\n@ TXT (\n${`${'a'.repeat(200)} `.repeat(2000)}\n)\n`);
  assert.match(entry.message, /^bad\.zone:2: record longer than 266236 characters/);
});

zoneFile('blank characters other than space and tab (vertical tab, form feed, no-break space) end in an error, never a hang', () => {
  for (const blank of ['\u000b', '\u000c', '\u00a0', '\u2028', '\u3000']) {
    const error = errorOf(`$ORIGIN example.com.\nx${blank}A 192.0.2.1\n`);
    assert.is(error.line, 2, JSON.stringify(blank));
  }
});

zoneFile('hostile input: long garbage and binary bytes end in an error or a parse, never a hang', () => {
  for (const text of ['('.repeat(10000), '"'.repeat(9999), '\u0000\u0001\u0002', ';'.repeat(100000), 'a '.repeat(50000)]) {
    try {
      parseZoneFile(text);
    } catch (error) {
      assert.instance(error, ZoneFileError);
    }
  }
});

zoneFile('A and AAAA values are accepted, refused and written as ipaddr.js judged them (the parser no longer loads it)', () => {
  const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');
  const accepts = (type: string, value: string): string | undefined => {
    try {
      const record = parseZoneFile(`$ORIGIN example.com.\nfoo ${type} ${value}\n`).records[0]!;
      return record.type === 'A' || record.type === 'AAAA' ? record.address : undefined;
    } catch (error) {
      if (error instanceof ZoneFileError) return undefined;
      throw error;
    }
  };
  for (const value of ['192.0.2.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '0x7f.0.0.1', '1.2.3.04', '::1']) {
    assert.is(accepts('A', value), ipaddr.IPv4.isValidFourPartDecimal(value) ? value : undefined, `A ${value}`);
  }
  for (const value of ['::', '::1', '2001:DB8::25', '2001:db8:0:0:0:0:0:1', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1', '1:', '12345::', 'fe80::1%eth0', '::1.2.3', 'g::1', '1:2:3:4:5:6:1.2.3.4', '1.2.3.4']) {
    const valid = ipaddr.IPv6.isValid(value) && !value.includes('%');
    const expected = valid ? ipaddr.IPv6.parse(new URL(`http://[${value}]/`).hostname.slice(1, -1)).toString() : undefined;
    assert.is(accepts('AAAA', value), expected, `AAAA ${value}`);
  }
});

zoneFile.run();
