// Converts between maillint's DnsRecord and dns2's wire-level Packet.Resource, so the resolver and
// the test server share one mapping of record fields.
//
// Names are read off the wire here too, label by label: dns2 joins labels with "." whatever they
// hold, so the one label `mail.relay` would come out as two. A name keeps its labels by writing
// them in zone-file presentation form (RFC 1035 5.1): "." and "\" inside a label as `\.` and `\\`,
// octets outside printable ASCII as `\DDD`. Such a name is never sent as a query (dns-name.ts).

import type { Resource } from 'dns2';
import { Packet } from './dns2-packet.js';
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

const HEADER_OCTETS = 12;
/** More compression pointers than any sound name needs; past it the name loops. */
const MAX_POINTERS = 127;

/** One label in presentation form. */
function presentLabel(octets: Buffer): string {
  let text = '';
  for (const octet of octets) {
    if (octet === 0x2e || octet === 0x5c) text += `\\${String.fromCharCode(octet)}`;
    else if (octet > 0x20 && octet < 0x7f) text += String.fromCharCode(octet);
    else text += `\\${String(octet).padStart(3, '0')}`;
  }
  return text;
}

/** The name at `start` in presentation form (no trailing dot), and where the bytes after it begin. */
function readName(bytes: Buffer, start: number): { name: string; end: number } {
  const labels: string[] = [];
  let offset = start;
  let end: number | undefined;
  for (let pointers = 0; ; ) {
    const length = bytes[offset];
    if (length === undefined) throw new Error('a name runs past the end of the message');
    if (length === 0) return { name: labels.join('.'), end: end ?? offset + 1 };
    if ((length & 0xc0) === 0xc0) {
      pointers += 1;
      if (pointers > MAX_POINTERS || offset + 1 >= bytes.length) throw new Error('compression pointers loop or run past the end');
      end ??= offset + 2;
      offset = ((length & 0x3f) << 8) | bytes[offset + 1]!;
      continue;
    }
    if (length > 63 || offset + 1 + length > bytes.length) throw new Error('a label is longer than 63 octets or runs past the end');
    labels.push(presentLabel(bytes.subarray(offset + 1, offset + 1 + length)));
    offset += 1 + length;
  }
}

/** The names in a record's RDATA that maillint reads, in the order the record holds them. */
function rdataNames(bytes: Buffer, type: number, start: number): string[] {
  switch (type) {
    case TYPE_CODES.MX:
      return [readName(bytes, start + 2).name];
    case TYPE_CODES.CNAME:
    case TYPE_CODES.NS:
    case TYPE_CODES.PTR:
      return [readName(bytes, start).name];
    case TYPE_CODES.SOA: {
      const primary = readName(bytes, start);
      return [primary.name, readName(bytes, primary.end).name];
    }
    default:
      return [];
  }
}

/**
 * Replaces the names dns2 decoded in the question and answer sections of `packet` (decoded from
 * `bytes` without errors in those sections) with the same names read label by label.
 */
export function keepLabelSequences(packet: Packet, bytes: Buffer): void {
  let offset = HEADER_OCTETS;
  for (const question of packet.questions) {
    const read = readName(bytes, offset);
    question.name = read.name;
    offset = read.end + 4;
  }
  for (const resource of packet.answers) {
    const owner = readName(bytes, offset);
    resource.name = owner.name;
    const rdataStart = owner.end + 10;
    const names = rdataNames(bytes, resource.type, rdataStart);
    if (resource.type === TYPE_CODES.MX) resource.exchange = names[0];
    else if (resource.type === TYPE_CODES.CNAME || resource.type === TYPE_CODES.PTR) resource.domain = names[0];
    else if (resource.type === TYPE_CODES.NS) resource.ns = names[0];
    else if (resource.type === TYPE_CODES.SOA) [resource.primary, resource.admin] = names;
    offset = rdataStart + bytes.readUInt16BE(owner.end + 8);
  }
}
