// Shared by the blocklist tests: local blocklist zones as record tables, RFC 5782 test entries,
// and a small in-memory Resolver over a RecordTable for the pure parts (the network tests use the
// in-process DNS server instead).

import { RecordTable } from '../../src/dns/record-table.js';
import type { DnsRecord, LookupResult, RecordType, Resolver } from '../../src/dns/types.js';
import { DEFAULT_BLOCKLISTS } from '../../src/dnsbl/catalogue.js';
import { dnsblQueryName, TEST_ENTRIES } from '../../src/dnsbl/query-name.js';
import { parseIpAddress } from '../../src/net/ip.js';

/** The A (and optional TXT) records that list `ip` on `zone` with `codes`. */
export function listing(zone: string, ip: string, codes: readonly string[], txt?: readonly string[][]): DnsRecord[] {
  const name = dnsblQueryName(parseIpAddress(ip), zone);
  return [
    ...codes.map((address): DnsRecord => ({ type: 'A', name, ttl: 60, address })),
    ...(txt ?? []).map((strings): DnsRecord => ({ type: 'TXT', name, ttl: 60, strings: [...strings] })),
  ];
}

/** RFC 5782 5 test entries of a working list: 127.0.0.2 listed (and ::FFFF:7F00:2 for IPv6 lists). */
export function testEntryRecords(zone: string, ipv6 = false): DnsRecord[] {
  const records: DnsRecord[] = [{ type: 'A', name: dnsblQueryName(TEST_ENTRIES[4].listed, zone), ttl: 60, address: '127.0.0.2' }];
  if (ipv6) records.push({ type: 'A', name: dnsblQueryName(TEST_ENTRIES[6].listed, zone), ttl: 60, address: '127.0.0.2' });
  return records;
}

/** A fixture's list entry may borrow a default list's code map: `{"zone": "zen.example.test", "codesFrom": "zen.spamhaus.org"}`. */
export function fixtureLists(lists: readonly unknown[]): unknown[] {
  return lists.map((entry) => {
    if (typeof entry !== 'object' || entry === null || !('codesFrom' in entry)) return entry;
    const { codesFrom, ...rest } = entry as { codesFrom: string } & Record<string, unknown>;
    const source = DEFAULT_BLOCKLISTS.find((list) => list.zone === codesFrom);
    if (!source) throw new Error(`fixture: codesFrom "${codesFrom}" is not a default list`);
    return { codes: source.codes, dynamicCodes: source.dynamicCodes, refusalCodes: source.refusalCodes, ipv6: source.ipv6, ...rest };
  });
}

export type FakeFault = { kind: 'drop' | 'servfail' | 'refused' | 'malformed'; match?: string };

/** A Resolver answering from a RecordTable in memory; records every question it was asked. */
export function fakeResolver(records: readonly DnsRecord[], faults: readonly FakeFault[] = []) {
  const table = new RecordTable(records);
  const asked: string[] = [];
  const resolver: Resolver & { asked: string[] } = {
    asked,
    async lookup(name: string, type: RecordType): Promise<LookupResult> {
      const query = { name: name.toLowerCase().replace(/\.$/, ''), type };
      asked.push(`${query.name} ${type}`);
      const fault = faults.find((candidate) => candidate.match === undefined || candidate.match === query.name);
      if (fault) {
        const status = fault.kind === 'drop' ? 'timeout' : fault.kind;
        return { status, query, detail: `fake ${fault.kind}` };
      }
      return table.answer(name, type);
    },
  };
  return resolver;
}
