// Converts between maillint's DnsRecord and dns2's wire-level Packet.Resource, so the resolver and
// the test server share one mapping of record fields.

import { Packet, type Resource } from 'dns2';
import { normalizeName } from './dns-name.js';
import type { DnsRecord, RecordType } from './types.js';

export const TYPE_CODES: Record<RecordType, number> = {
  A: Packet.TYPE.A,
  AAAA: Packet.TYPE.AAAA,
  MX: Packet.TYPE.MX,
  CNAME: Packet.TYPE.CNAME,
  TXT: Packet.TYPE.TXT,
  NS: Packet.TYPE.NS,
  SOA: Packet.TYPE.SOA,
  PTR: Packet.TYPE.PTR,
};

const TYPE_NAMES = new Map<number, RecordType>(
  Object.entries(TYPE_CODES).map(([name, code]) => [code, name as RecordType]),
);

/** The maillint type of a wire type code, or undefined for types maillint does not read. */
function recordTypeOf(code: number): RecordType | undefined {
  return TYPE_NAMES.get(code);
}

/** A decoded answer record as a DnsRecord; undefined for types maillint does not read. */
export function toDnsRecord(resource: Resource): DnsRecord | undefined {
  const type = recordTypeOf(resource.type);
  if (type === undefined || resource.class !== Packet.CLASS.IN) return undefined;
  const name = normalizeName(resource.name);
  const ttl = resource.ttl;
  switch (type) {
    case 'A':
    case 'AAAA':
      return { type, name, ttl, address: String(resource.address) };
    case 'MX':
      return { type, name, ttl, preference: resource.priority ?? 0, exchange: normalizeName(resource.exchange ?? '') };
    case 'CNAME':
    case 'PTR':
      return { type, name, ttl, target: normalizeName(resource.domain ?? '') };
    case 'NS':
      return { type, name, ttl, target: normalizeName(resource.ns ?? '') };
    case 'TXT': {
      const data = resource.data;
      const strings = Array.isArray(data) ? data.map(String) : data === undefined ? [] : [String(data)];
      return { type, name, ttl, strings };
    }
    case 'SOA':
      return {
        type,
        name,
        ttl,
        primary: normalizeName(resource.primary ?? ''),
        admin: normalizeName(resource.admin ?? ''),
        serial: resource.serial ?? 0,
      };
  }
}

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
