// maillint's DnsRecord as dns2's wire-level Packet.Resource, for the test DNS server to encode
// (the resolver reads answers with decode-message.ts). The record type codes live there.

import type { Resource } from 'dns2';
import { Packet } from './dns2-packet.js';
import { TYPE_CODES } from '../../src/dns/decode-message.js';
import type { DnsRecord } from '../../src/dns/types.js';

export { TYPE_CODES } from '../../src/dns/decode-message.js';

/** A DnsRecord as a dns2 resource ready for Packet.toBuffer (owner name as given). */
export function toResource(record: DnsRecord, ownerName: string = record.name): Resource {
  const base = { name: ownerName, type: TYPE_CODES[record.type], class: Packet.CLASS.IN, ttl: record.ttl };
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, address: record.address } as Resource;
    case 'MX':
      return { ...base, priority: record.preference, exchange: record.exchange } as Resource;
    case 'CNAME':
    case 'PTR':
      return { ...base, domain: record.target } as Resource;
    case 'NS':
      return { ...base, ns: record.target } as Resource;
    case 'TXT':
      return { ...base, data: record.strings } as Resource;
    case 'SOA':
      return {
        ...base,
        primary: record.primary,
        admin: record.admin,
        serial: record.serial,
        refresh: 3600,
        retry: 600,
        expiration: 604800,
        minimum: 300,
      } as Resource;
  }
}
