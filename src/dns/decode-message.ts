// Reads a DNS response off the wire (RFC 1035 4.1) into what the resolver uses: the header fields,
// the question, and the answer records of the types maillint reads. Hand-written because dns2's
// decoder reads one bit at a time, which cost more CPU than the rest of a lookup; it keeps dns2's
// rules (test/dns/decode-message.test.ts holds the two equal): a name is at most 255 octets and its
// compression pointers never loop, RDLENGTH bounds each record and must be consumed exactly, TTLs
// over 2^31-1 are clamped (RFC 2181 8), the OPT record's extended RCODE bits are merged (RFC 6891
// 6.1.3). Names keep their labels in zone-file presentation form (wire-name.ts).

import type { DnsRecord, RecordType } from './types.js';
import { normalizeName } from './dns-name.js';
import { ipv6Text } from '../net/ip.js';
import { readName, skipName } from './wire-name.js';

export const TYPE_CODES: Record<RecordType, number> = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };
const TYPE_NAMES = new Map<number, RecordType>(Object.entries(TYPE_CODES).map(([name, code]) => [code, name as RecordType]));
export const CLASS_IN = 1;
/** Response codes (RFC 1035 4.1.1, RFC 6895 2.3) by name, as details name them. */
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, YXDOMAIN: 6, YXRRSET: 7, NXRRSET: 8, NOTAUTH: 9, NOTZONE: 10, DSOTYPENI: 11, BADVERS: 16, BADKEY: 17, BADTIME: 18, BADMODE: 19, BADNAME: 20, BADALG: 21, BADTRUNC: 22, BADCOOKIE: 23 } as const;
const OPT_TYPE = 41;
const HEADER_OCTETS = 12;
const MAX_TTL = 0x7fffffff;

export type MessageSection = 'header' | 'questions' | 'answers' | 'authorities';

/** The message cannot be read in a section that matters (the additional section never does). */
export class MessageDecodeError extends Error {
  override name = 'MessageDecodeError';
  constructor(
    readonly section: MessageSection,
    message: string,
  ) {
    super(message);
  }
}

export interface DecodedMessage {
  id: number;
  qr: number;
  opcode: number;
  tc: number;
  /** With the OPT record's extended bits, when there is one. */
  rcode: number;
  questions: { name: string; type: number; class: number }[];
  /** The answer section's records of the types maillint reads, class IN, in order. */
  answers: DnsRecord[];
}

interface RecordHeader {
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** The TTL field as sent (an OPT record keeps its extended RCODE in it). */
  rawTtl: number;
  rdataStart: number;
  rdataEnd: number;
}

/** A record's header, its owner `name` ending at `fixed`. */
function readRecordFields(bytes: Buffer, name: string, fixed: number): RecordHeader {
  if (fixed + 10 > bytes.length) throw new Error('a record runs past the end of the message');
  const rdataStart = fixed + 10;
  const rdataEnd = rdataStart + bytes.readUInt16BE(fixed + 8);
  if (rdataEnd > bytes.length) throw new Error(`a record declares RDLENGTH ${rdataEnd - rdataStart} but only ${bytes.length - rdataStart} octet(s) remain`);
  const rawTtl = bytes.readUInt32BE(fixed + 4);
  return { name, type: bytes.readUInt16BE(fixed), class: bytes.readUInt16BE(fixed + 2), ttl: Math.min(rawTtl, MAX_TTL), rawTtl, rdataStart, rdataEnd };
}

function readRecordHeader(bytes: Buffer, offset: number): RecordHeader {
  const owner = readName(bytes, offset);
  return readRecordFields(bytes, owner.name, owner.end);
}

/** A name inside RDATA that must end exactly where `end` says (or, for MX/SOA, within the RDATA). */
function nameIn(bytes: Buffer, start: number, limit: number): { name: string; end: number } {
  const read = readName(bytes, start);
  if (read.end > limit) throw new Error('a name runs past its record');
  return read;
}

function exactly(end: number, rdataEnd: number, what: string): void {
  if (end !== rdataEnd) throw new Error(`${what} record data does not fill RDLENGTH`);
}

function decodeRecord(bytes: Buffer, header: RecordHeader): DnsRecord | undefined {
  const type = TYPE_NAMES.get(header.type);
  const { rdataStart: start, rdataEnd: end } = header;
  const name = normalizeName(header.name);
  const ttl = header.ttl;
  const length = end - start;
  switch (type) {
    case 'A':
      if (length !== 4) throw new Error(`A record data is ${length} octets, not 4`);
      return header.class === CLASS_IN ? { type, name, ttl, address: `${bytes[start]}.${bytes[start + 1]}.${bytes[start + 2]}.${bytes[start + 3]}` } : undefined;
    case 'AAAA':
      if (length !== 16) throw new Error(`AAAA record data is ${length} octets, not 16`);
      return header.class === CLASS_IN ? { type, name, ttl, address: ipv6Text(bytes, start) } : undefined;
    case 'MX': {
      if (length < 3) throw new Error('MX record data is too short');
      const exchange = nameIn(bytes, start + 2, end);
      exactly(exchange.end, end, 'MX');
      return header.class === CLASS_IN ? { type, name, ttl, preference: bytes.readUInt16BE(start), exchange: normalizeName(exchange.name) } : undefined;
    }
    case 'CNAME':
    case 'PTR':
    case 'NS': {
      const target = nameIn(bytes, start, end);
      exactly(target.end, end, type);
      return header.class === CLASS_IN ? { type, name, ttl, target: normalizeName(target.name) } : undefined;
    }
    case 'TXT': {
      const strings: string[] = [];
      for (let offset = start; offset < end; ) {
        const size = bytes[offset]!;
        if (offset + 1 + size > end) throw new Error(`TXT character-string of ${size} octets overruns its record`);
        strings.push(bytes.toString('utf8', offset + 1, offset + 1 + size));
        offset += 1 + size;
      }
      return header.class === CLASS_IN ? { type, name, ttl, strings } : undefined;
    }
    case 'SOA': {
      const primary = nameIn(bytes, start, end);
      const admin = nameIn(bytes, primary.end, end);
      exactly(admin.end + 20, end, 'SOA');
      return header.class === CLASS_IN
        ? { type, name, ttl, primary: normalizeName(primary.name), admin: normalizeName(admin.name), serial: bytes.readUInt32BE(admin.end) }
        : undefined;
    }
    default:
      return undefined; // a type maillint does not read: skipped by RDLENGTH
  }
}

/** Decodes a response; throws MessageDecodeError when the header, question, answer or authority section cannot be read. */
export function decodeMessage(bytes: Buffer): DecodedMessage {
  if (bytes.length < HEADER_OCTETS) throw new MessageDecodeError('header', `message is ${bytes.length} octets, too short for the 12-octet header`);
  const flags = bytes.readUInt16BE(2);
  const message: DecodedMessage = {
    id: bytes.readUInt16BE(0),
    qr: flags >> 15,
    opcode: (flags >> 11) & 0xf,
    tc: (flags >> 9) & 1,
    rcode: flags & 0xf,
    questions: [],
    answers: [],
  };
  const additionals = bytes.readUInt16BE(10);
  // One try for the sections that matter, `section` saying which one failed (a closure per record
  // to name it was a share of every answer's decoding).
  let section: MessageSection = 'questions';
  let offset = HEADER_OCTETS;
  try {
    for (let index = bytes.readUInt16BE(4); index > 0; index -= 1) {
      const read = readName(bytes, offset);
      if (read.end + 4 > bytes.length) throw new Error('a question runs past the end of the message');
      message.questions.push({ name: read.name, type: bytes.readUInt16BE(read.end), class: bytes.readUInt16BE(read.end + 2) });
      offset = read.end + 4;
    }
    section = 'answers';
    for (let index = bytes.readUInt16BE(6); index > 0; index -= 1) {
      const header = readRecordHeader(bytes, offset);
      const record = decodeRecord(bytes, header);
      if (record !== undefined) message.answers.push(record);
      offset = header.rdataEnd;
    }
    // Authority records are decoded only to check them: one that cannot be read makes the answer untrustworthy.
    section = 'authorities';
    for (let index = bytes.readUInt16BE(8); index > 0; index -= 1) {
      const header = readRecordHeader(bytes, offset);
      decodeRecord(bytes, header);
      offset = header.rdataEnd;
    }
  } catch (error) {
    throw new MessageDecodeError(section, (error as Error).message);
  }
  // The additional section matters only for the OPT record's extended RCODE; trouble there (EDNS
  // options) does not change what the answer says.
  try {
    for (let index = 0; index < additionals; index += 1) {
      // Owner names here are checked, not read (left empty): no additional record is kept.
      const header = readRecordFields(bytes, '', skipName(bytes, offset));
      if (header.type === OPT_TYPE && header.rawTtl >>> 24 !== 0) message.rcode = ((header.rawTtl >>> 24) << 4) | (message.rcode & 0xf);
      offset = header.rdataEnd;
    }
  } catch {
    // ignored, as above
  }
  return message;
}
