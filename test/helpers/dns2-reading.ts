// The resolver's reading of an answer before decode-message.ts: dns2's Packet.parse, its error
// sections, names re-read label by label, records mapped to DnsRecords. Kept as the reference
// test/dns/decode-message.test.ts holds decodeMessage equal to.

import { Packet, type Resource } from 'dns2';
import { normalizeName } from '../../src/dns/dns-name.js';
import { TYPE_CODES } from '../../src/dns/decode-message.js';
import type { DnsRecord, RecordType } from '../../src/dns/types.js';
import { readName } from '../../src/dns/wire-name.js';

const HEADER_OCTETS = 12;

const TYPE_NAMES = new Map<number, RecordType>(
  Object.entries(TYPE_CODES).map(([name, code]) => [code, name as RecordType]),
);

/** The maillint type of a wire type code, or undefined for types maillint does not read. */
function recordTypeOf(code: number): RecordType | undefined {
  return TYPE_NAMES.get(code);
}

/** A decoded answer record as a DnsRecord; undefined for types maillint does not read. */
function toDnsRecord(resource: Resource): DnsRecord | undefined {
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
function keepLabelSequences(packet: Packet, bytes: Buffer): void {
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

export type Dns2Reading =
  | { ok: true; id: number; qr: number; opcode: number; tc: number; rcode: number; questions: { name: string; type: number; class: number }[]; answers: DnsRecord[] }
  | { ok: false; section: string };

/** What the resolver made of `bytes` with dns2. */
export function readWithDns2(bytes: Buffer): Dns2Reading {
  let packet: Packet;
  try {
    packet = Packet.parse(bytes);
  } catch {
    return { ok: false, section: 'header' };
  }
  const error = packet.errors.find((candidate) => candidate.section !== 'additionals');
  if (error) return { ok: false, section: String(error.section) };
  try {
    keepLabelSequences(packet, bytes);
  } catch {
    return { ok: false, section: 'names' };
  }
  const { header } = packet;
  return {
    ok: true,
    id: header.id,
    qr: header.qr,
    opcode: header.opcode,
    tc: header.tc,
    rcode: header.rcode,
    questions: packet.questions.map((question) => ({ name: question.name, type: question.type, class: question.class })),
    answers: packet.answers.map(toDnsRecord).filter((record): record is DnsRecord => record !== undefined),
  };
}
