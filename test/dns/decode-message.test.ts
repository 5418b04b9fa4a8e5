// decodeMessage reads an answer as dns2's decoder (with the resolver's label-by-label names) did:
// the same header, question and records for every well-formed message, and a refusal wherever dns2
// reported an error in a section that matters, for every truncation and every one-octet corruption
// of a set of real answers (test/helpers/dns2-reading.ts is the reference).

import { Packet, type Question as WireQuestion, type Resource } from 'dns2';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeMessage, MessageDecodeError } from '../../src/dns/decode-message.js';
import { ipv6Text } from '../../src/net/ip.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { toResource } from '../helpers/dns2-records.js';
import { readWithDns2 } from '../helpers/dns2-reading.js';

const test = suite('decodeMessage');

function answer(name: string, type: number, records: DnsRecord[], options: { rcode?: number; authorities?: DnsRecord[]; extra?: Resource[] } = {}): Buffer {
  const packet = new Packet();
  packet.header.id = 0x4d2;
  packet.header.qr = 1;
  packet.header.rd = 1;
  packet.header.ra = 1;
  packet.header.rcode = options.rcode ?? 0;
  packet.questions.push({ name, type, class: Packet.CLASS.IN } as WireQuestion);
  packet.answers.push(...records.map((record) => toResource(record)));
  packet.authorities.push(...(options.authorities ?? []).map((record) => toResource(record)));
  packet.additionals.push(...(options.extra ?? []), Packet.Resource.EDNS([], { udpPayloadSize: 1232 }) as unknown as Resource);
  return packet.toBuffer();
}

const soa: DnsRecord = { type: 'SOA', name: 'example.com', ttl: 300, primary: 'ns1.example.com', admin: 'hostmaster.example.com', serial: 2026113001 };
const messages: Buffer[] = [
  answer('example.com', 15, [
    { type: 'MX', name: 'example.com', ttl: 300, preference: 10, exchange: 'mx1.example.com' },
    { type: 'MX', name: 'example.com', ttl: 300, preference: 20, exchange: 'mx2.example.net' },
  ]),
  answer('mx1.example.com', 1, [{ type: 'A', name: 'mx1.example.com', ttl: 60, address: '192.0.2.25' }]),
  answer('mx1.example.com', 28, [
    { type: 'AAAA', name: 'mx1.example.com', ttl: 60, address: '2001:db8::25' },
    { type: 'AAAA', name: 'mx1.example.com', ttl: 60, address: '2001:db8:0:1:0:0:0:1' },
    { type: 'AAAA', name: 'mx1.example.com', ttl: 60, address: '::' },
    { type: 'AAAA', name: 'mx1.example.com', ttl: 60, address: '1:0:0:2:0:0:0:3' },
    { type: 'AAAA', name: 'mx1.example.com', ttl: 60, address: '1:2:3:4:5:6:7:8' },
    { type: 'AAAA', name: 'mx1.example.com', ttl: 60, address: 'fe80::1:0:0:0' },
  ]),
  answer('alias.example.com', 1, [
    { type: 'CNAME', name: 'alias.example.com', ttl: 60, target: 'mail.example.com' },
    { type: 'A', name: 'mail.example.com', ttl: 60, address: '192.0.2.1' },
  ]),
  answer('example.com', 16, [
    { type: 'TXT', name: 'example.com', ttl: 60, strings: ['v=spf1 -all'] },
    { type: 'TXT', name: 'example.com', ttl: 60, strings: ['part one ', 'part two', '', 'Grüße'] },
  ]),
  answer('example.com', 2, [{ type: 'NS', name: 'example.com', ttl: 60, target: 'ns1.example.com' }]),
  answer('example.com', 6, [soa]),
  answer('1.2.0.192.in-addr.arpa', 12, [{ type: 'PTR', name: '1.2.0.192.in-addr.arpa', ttl: 60, target: 'mail.example.com' }]),
  answer('missing.example.com', 15, [], { rcode: 3, authorities: [soa] }),
  answer('example.com', 15, [], { rcode: 2 }),
  answer('Example.COM', 15, [{ type: 'MX', name: 'EXAMPLE.com', ttl: 0x7fffffff, preference: 0, exchange: '.' }]),
];

function compare(bytes: Buffer, label: string): void {
  const reference = readWithDns2(bytes);
  let decoded;
  try {
    decoded = decodeMessage(bytes);
  } catch (error) {
    assert.instance(error, MessageDecodeError, label);
    assert.is(reference.ok, false, `${label}: decodeMessage refused (${(error as Error).message}) what dns2 read`);
    return;
  }
  assert.ok(reference.ok, `${label}: decodeMessage read what dns2 refused (${reference.ok ? '' : reference.section})`);
  if (!reference.ok) return;
  const { ok: _ok, ...expected } = reference;
  // dns2 clamps the OPT record's TTL as if it were a TTL before taking the extended RCODE from it,
  // so its extended codes top out at 127; any code past 15 means the same (a failure) to maillint.
  const extended = (rcode: number) => (rcode > 15 ? 'extended' : rcode);
  assert.equal({ ...decoded, rcode: extended(decoded.rcode) }, { ...expected, rcode: extended(expected.rcode) }, label);
}

test('well-formed answers read as dns2 read them', () => {
  for (const [index, bytes] of messages.entries()) compare(bytes, `message ${index}`);
  assert.equal(decodeMessage(messages[2]!).answers.map((record) => (record.type === 'AAAA' ? record.address : '')), [
    '2001:db8::25',
    '2001:db8:0:1::1',
    '::',
    '1:0:0:2::3',
    '1:2:3:4:5:6:7:8',
    'fe80::1:0:0:0',
  ]);
});

test('every truncation: refused wherever dns2 refused, read alike elsewhere', () => {
  for (const [index, bytes] of messages.entries()) {
    for (let length = 0; length < bytes.length; length += 1) compare(bytes.subarray(0, length), `message ${index} cut at ${length}`);
  }
});

test('every one-octet corruption: refused wherever dns2 refused, read alike elsewhere', () => {
  for (const [index, bytes] of messages.entries()) {
    for (let offset = 0; offset < bytes.length; offset += 1) {
      for (const value of [0x00, 0x01, 0x3f, 0x40, 0xc0, 0xff]) {
        const corrupted = Buffer.from(bytes);
        corrupted[offset] = value;
        compare(corrupted, `message ${index}, octet ${offset} = ${value}`);
      }
    }
  }
});

test('ipv6Text compresses the first longest run of two or more zero groups (RFC 5952 4.2)', () => {
  const text = (groups: number[]) => ipv6Text(Buffer.from(groups.flatMap((group) => [group >> 8, group & 0xff])), 0);
  assert.is(text([1, 0, 2, 0, 0, 3, 0, 0]), '1:0:2::3:0:0');
  assert.is(text([1, 0, 2, 3, 4, 5, 6, 7]), '1:0:2:3:4:5:6:7');
  assert.is(text([0, 0, 0, 0, 0, 0, 0, 1]), '::1');
});

test.run();
