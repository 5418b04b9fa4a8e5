// RFC 1035 section 5 master-format zone files, parsed into the resolver's DnsRecord shape.
//
// Hand-written: the two npm parsers were tried on real zone-file features and both get answers
// wrong without saying so. `zone-file` reads an omitted owner as the record's name ("IN", "MX")
// and cuts TXT strings at a quoted ";"; `dns-zonefile` gives an omitted owner the name "@" instead
// of the previous owner and accepts `A not-an-ip` and `MX ten host`. Neither reports line numbers.
//
// Supported: $ORIGIN, $TTL, `@`, relative names, omitted owner (= previous owner), omitted TTL and
// class (in either order), TTL units (1h30m), parentheses over several lines, comments, quoted
// strings and bare words with escapes (\X, \DDD). A name holding a CNAME and other data, or two
// CNAMEs, is refused as servers refuse it. Records of types the resolver does not model (SRV, CAA, DS, …) are checked
// for their type name only and kept as "names that exist", so a name holding only those answers
// NODATA rather than NXDOMAIN. $INCLUDE and $GENERATE are refused with a clear error.

import ipaddr from 'ipaddr.js';
import { normalizeName } from './dns-name.js';
import { parseIp } from './ip-address.js';
import type { DnsRecord } from './types.js';

export class ZoneFileError extends Error {
  override name = 'ZoneFileError';
  /** `line` 0: the problem is the file as a whole (it cannot be read). */
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
  }
}

export interface ParsedZone {
  /** The zone apex: the SOA owner, else the first $ORIGIN (lower-case, no trailing dot). */
  origin: string;
  records: DnsRecord[];
  /** Owners of records of types DnsRecord does not model (they exist: NODATA, not NXDOMAIN). */
  otherOwners: string[];
}

export interface ParseZoneOptions {
  /** Shown in errors. */
  fileName?: string;
  /** Origin to start with when the file has no $ORIGIN before its first relative name. */
  origin?: string;
}

/** Types that may appear in a zone and that the resolver does not answer (accepted, not modelled). */
const OTHER_TYPES = new Set([
  'AFSDB', 'APL', 'CAA', 'CDNSKEY', 'CDS', 'CERT', 'CSYNC', 'DHCID', 'DLV', 'DNAME', 'DNSKEY', 'DS', 'EUI48', 'EUI64',
  'HINFO', 'HIP', 'HTTPS', 'IPSECKEY', 'KEY', 'KX', 'LOC', 'NAPTR', 'NSEC', 'NSEC3', 'NSEC3PARAM', 'OPENPGPKEY', 'RP',
  'RRSIG', 'SIG', 'SMIMEA', 'SPF', 'SRV', 'SSHFP', 'SVCB', 'TA', 'TKEY', 'TLSA', 'TSIG', 'URI', 'ZONEMD',
]);
const CLASSES = new Set(['IN', 'CH', 'CS', 'HS']);
const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const MAX_TTL = 0x7fffffff;

interface Token {
  /** The text with escapes decoded. */
  text: string;
  quoted: boolean;
  /** The token held a backslash escape (names with escapes are refused, not guessed at). */
  escaped: boolean;
}

/** One logical entry: the tokens of a line, or of several lines joined by parentheses. */
interface Entry {
  line: number;
  /** The line began with blank space: the owner is omitted. */
  ownerOmitted: boolean;
  tokens: Token[];
}

function* entries(text: string, fileName: string): Generator<Entry> {
  let line = 1;
  let index = 0;
  let depth = 0;
  let current: Entry | undefined;
  let atLineStart = true;
  const fail = (reason: string): never => {
    throw new ZoneFileError(fileName, line, reason);
  };
  while (index <= text.length) {
    const character = index < text.length ? text[index]! : '\n';
    if (atLineStart && depth === 0) {
      atLineStart = false;
      current = { line, ownerOmitted: character === ' ' || character === '\t', tokens: [] };
    }
    if (character === '\n' || (character === '\r' && text[index + 1] === '\n')) {
      if (character === '\r') index += 1;
      index += 1;
      if (depth === 0) {
        if (current && current.tokens.length > 0) yield current;
        current = undefined;
        atLineStart = true;
      }
      if (index > text.length) break;
      line += 1;
      continue;
    }
    if (character === ' ' || character === '\t' || character === '\r') {
      index += 1;
      continue;
    }
    if (character === ';') {
      while (index < text.length && text[index] !== '\n') index += 1;
      continue;
    }
    if (character === '(') {
      depth += 1;
      index += 1;
      continue;
    }
    if (character === ')') {
      if (depth === 0) fail('")" without a matching "("');
      depth -= 1;
      index += 1;
      continue;
    }
    if (character === '"') {
      const startLine = line;
      let value = '';
      index += 1;
      for (;;) {
        if (index >= text.length) throw new ZoneFileError(fileName, startLine, 'quoted string is not closed');
        const next = text[index]!;
        if (next === '"') break;
        if (next === '\n') line += 1;
        if (next === '\\') {
          const [decoded, length] = decodeEscape(text, index, () => fail('"\\" at the end of the file'));
          value += decoded;
          index += length;
          continue;
        }
        value += next;
        index += 1;
      }
      index += 1;
      current!.tokens.push({ text: value, quoted: true, escaped: false });
      continue;
    }
    let value = '';
    let escaped = false;
    while (index < text.length && !/[\s;()"]/.test(text[index]!)) {
      if (text[index] === '\\') {
        const [decoded, length] = decodeEscape(text, index, () => fail('"\\" at the end of the file'));
        value += decoded;
        escaped = true;
        index += length;
        continue;
      }
      value += text[index];
      index += 1;
    }
    current!.tokens.push({ text: value, quoted: false, escaped });
  }
  if (depth > 0) fail('"(" is not closed before the end of the file');
}

/** `\X` is X; `\DDD` is the octet DDD (decimal). Returns the text and how many characters it took. */
function decodeEscape(text: string, at: number, atEnd: () => never): [string, number] {
  if (at + 1 >= text.length) atEnd();
  const digits = /^[0-9]{3}/.exec(text.slice(at + 1, at + 4));
  if (digits) return [String.fromCharCode(Number(digits[0]) & 0xff), 4];
  return [text[at + 1]!, 2];
}

export function parseTtl(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) {
    const value = Number(text);
    return value <= MAX_TTL ? value : undefined;
  }
  const parts = /^(?:[0-9]+[smhdw])+$/i.test(text) ? [...text.matchAll(/([0-9]+)([smhdw])/gi)] : [];
  if (parts.length === 0) return undefined;
  const total = parts.reduce((sum, part) => sum + Number(part[1]) * TTL_UNITS[part[2]!.toLowerCase()]!, 0);
  return total <= MAX_TTL ? total : undefined;
}

/** `name` equals `zone` or lies below it (both normalised). */
export function isInZone(name: string, zone: string): boolean {
  return zone === '' || name === zone || name.endsWith(`.${zone}`);
}

/** Types that may share a name with a CNAME (RFC 2181 10.1, RFC 4035 2.5): DNSSEC data about it. */
const BESIDE_CNAME = new Set(['RRSIG', 'NSEC', 'SIG', 'NXT', 'KEY']);

/**
 * RFC 1034 3.6.2 and RFC 2181 10.1: a name with a CNAME has no other data, and one CNAME only.
 * Servers refuse such a zone (knotd: "another record exists beside CNAME"); answering from it would
 * hide the conflict, so it is an error naming the later of the two lines.
 */
function checkCnameExclusive(fileName: string, entries: readonly { owner: string; line: number; type: string; target?: string }[]): void {
  const byOwner = new Map<string, { cname?: { line: number; target?: string }; other?: { line: number; type: string } }>();
  for (const entry of [...entries].sort((left, right) => left.line - right.line)) {
    if (BESIDE_CNAME.has(entry.type)) continue;
    const seen = byOwner.get(entry.owner) ?? {};
    byOwner.set(entry.owner, seen);
    const shown = entry.owner || '.';
    if (entry.type === 'CNAME') {
      if (seen.cname !== undefined && seen.cname.target !== entry.target) {
        throw new ZoneFileError(fileName, entry.line, `more than one CNAME at ${shown} (the first is on line ${seen.cname.line}): a name is an alias for one name only (RFC 2181 10.1)`);
      }
      if (seen.other !== undefined) {
        throw new ZoneFileError(fileName, entry.line, `CNAME and other data at ${shown} (${seen.other.type} on line ${seen.other.line}): an alias owns no other records (RFC 1034 3.6.2, RFC 2181 10.1), and servers refuse the zone`);
      }
      seen.cname ??= { line: entry.line, target: entry.target };
    } else {
      if (seen.cname !== undefined) {
        throw new ZoneFileError(fileName, entry.line, `CNAME and other data at ${shown} (CNAME on line ${seen.cname.line}): an alias owns no other records (RFC 1034 3.6.2, RFC 2181 10.1), and servers refuse the zone`);
      }
      seen.other ??= { line: entry.line, type: entry.type };
    }
  }
}

export function parseZoneFile(text: string, options: ParseZoneOptions = {}): ParsedZone {
  const fileName = options.fileName ?? '<zone>';
  let origin: string | undefined = options.origin === undefined ? undefined : normalizeName(options.origin);
  let firstOrigin = origin;
  let defaultTtl: number | undefined;
  let lastTtl: number | undefined;
  let previousOwner: string | undefined;
  let soaOwner: string | undefined;
  const records: { record: DnsRecord; line: number }[] = [];
  const others: { owner: string; line: number; type: string }[] = [];

  for (const entry of entries(text, fileName)) {
    const fail = (reason: string): never => {
      throw new ZoneFileError(fileName, entry.line, reason);
    };
    const tokens = [...entry.tokens];
    const first = tokens[0]!;

    const absolute = (name: Token, what: string): string => {
      if (name.quoted) fail(`${what} must not be quoted`);
      const raw = name.text;
      if (name.escaped) fail(`${what} "${raw}" has a backslash escape; names with escaped characters (such as "\\.") are not supported`);
      if (raw === '@') {
        if (origin === undefined) fail('"@" used before any $ORIGIN');
        return origin!;
      }
      if (raw === '.') return '';
      if (raw.startsWith('.') || raw.includes('..')) fail(`${what} "${raw}" has an empty label`);
      if (raw.endsWith('.')) return normalizeName(raw);
      if (origin === undefined) fail(`relative ${what} "${raw}" used before any $ORIGIN (add "$ORIGIN example.com." or end the name with a dot)`);
      return origin === '' ? raw.toLowerCase() : `${raw.toLowerCase()}.${origin}`;
    };

    if (!entry.ownerOmitted && !first.quoted && first.text.startsWith('$')) {
      const directive = first.text.toUpperCase();
      if (directive === '$ORIGIN') {
        if (tokens.length !== 2) fail('$ORIGIN takes exactly one name');
        const name = tokens[1]!;
        if (!name.text.endsWith('.') && origin === undefined) fail(`$ORIGIN "${name.text}" must be absolute (end it with a dot)`);
        origin = absolute(name, '$ORIGIN name');
        firstOrigin ??= origin;
      } else if (directive === '$TTL') {
        if (tokens.length !== 2) fail('$TTL takes exactly one value');
        defaultTtl = parseTtl(tokens[1]!.text) ?? fail(`$TTL "${tokens[1]!.text}" is not a TTL (seconds, or units such as 1h30m)`);
      } else if (directive === '$INCLUDE' || directive === '$GENERATE') {
        fail(`${directive} is not supported: give maillint the included file as another --zone`);
      } else {
        fail(`unknown directive ${first.text}`);
      }
      continue;
    }

    let owner: string;
    if (entry.ownerOmitted) {
      if (previousOwner === undefined) fail('record without an owner name, and no previous record to take it from');
      owner = previousOwner!;
    } else {
      owner = absolute(tokens.shift()!, 'owner name');
    }
    previousOwner = owner;

    let ttl: number | undefined;
    let typeWord: string | undefined;
    while (tokens.length > 0 && typeWord === undefined) {
      const token = tokens.shift()!;
      const word = token.text.toUpperCase();
      if (token.quoted) fail(`expected a TTL, class or record type, not the quoted string "${token.text}"`);
      if (/^[0-9]/.test(word)) {
        if (ttl !== undefined) fail(`two TTLs ("${ttl}" and "${token.text}")`);
        ttl = parseTtl(token.text) ?? fail(`"${token.text}" is not a TTL`);
      } else if (CLASSES.has(word)) {
        if (word !== 'IN') fail(`class ${word}: only class IN zones are supported`);
      } else {
        typeWord = word;
      }
    }
    const type: string = typeWord ?? fail('record has no type');
    const effectiveTtl = ttl ?? defaultTtl ?? lastTtl ?? 3600;
    lastTtl = effectiveTtl;

    const data = tokens;
    const expectCount = (count: number, shape: string): void => {
      if (data.length !== count) fail(`${type} record needs ${shape}; found ${data.length} value${data.length === 1 ? '' : 's'}`);
    };
    const number = (token: Token, what: string, max: number): number => {
      if (!/^[0-9]+$/.test(token.text) || Number(token.text) > max) fail(`${type} ${what} "${token.text}" is not a number from 0 to ${max}`);
      return Number(token.text);
    };
    const base = { name: owner, ttl: effectiveTtl };
    switch (type) {
      case 'A': {
        expectCount(1, 'one IPv4 address');
        const address = data[0]!.text;
        if (!ipaddr.IPv4.isValidFourPartDecimal(address)) fail(`A record value "${address}" is not an IPv4 address`);
        records.push({ line: entry.line, record: { ...base, type: 'A', address } });
        break;
      }
      case 'AAAA': {
        expectCount(1, 'one IPv6 address');
        const address = data[0]!.text;
        if (!ipaddr.IPv6.isValid(address) || address.includes('%')) fail(`AAAA record value "${address}" is not an IPv6 address`);
        records.push({ line: entry.line, record: { ...base, type: 'AAAA', address: parseIp(address).toString() } });
        break;
      }
      case 'MX':
        expectCount(2, 'a preference and an exchange name');
        records.push({
          line: entry.line,
          record: { ...base, type: 'MX', preference: number(data[0]!, 'preference', 65535), exchange: absolute(data[1]!, 'MX exchange') },
        });
        break;
      case 'CNAME':
      case 'NS':
      case 'PTR':
        expectCount(1, 'one name');
        records.push({ line: entry.line, record: { ...base, type, target: absolute(data[0]!, `${type} target`) } });
        break;
      case 'TXT':
        if (data.length === 0) fail('TXT record needs at least one string');
        records.push({ line: entry.line, record: { ...base, type: 'TXT', strings: data.map((token) => token.text) } });
        break;
      case 'SOA': {
        expectCount(7, 'primary, admin, serial, refresh, retry, expire and minimum');
        if (soaOwner !== undefined) fail(`second SOA record (the zone already has one at "${soaOwner || '.'}")`);
        soaOwner = owner;
        for (const [index, what] of ['refresh', 'retry', 'expire', 'minimum'].entries()) {
          if (parseTtl(data[3 + index]!.text) === undefined) fail(`SOA ${what} "${data[3 + index]!.text}" is not a time value`);
        }
        records.push({
          line: entry.line,
          record: {
            ...base,
            type: 'SOA',
            primary: absolute(data[0]!, 'SOA primary'),
            admin: absolute(data[1]!, 'SOA admin'),
            serial: number(data[2]!, 'serial', 0xffffffff),
          },
        });
        break;
      }
      default:
        if (!OTHER_TYPES.has(type) && !/^TYPE[0-9]+$/.test(type)) {
          fail(`unknown record type "${type}"` + (data.length === 0 ? '' : ` (or a misspelt TTL or class before "${data[0]!.text}")`));
        }
        others.push({ owner, line: entry.line, type });
    }
  }

  const apex = soaOwner ?? firstOrigin;
  if (apex === undefined) {
    throw new ZoneFileError(fileName, 1, 'no SOA record and no $ORIGIN: cannot tell which names this zone covers');
  }
  for (const { record, line } of records) {
    if (!isInZone(record.name, apex)) throw new ZoneFileError(fileName, line, `"${record.name}" is outside the zone "${apex || '.'}"`);
  }
  for (const { owner, line } of others) {
    if (!isInZone(owner, apex)) throw new ZoneFileError(fileName, line, `"${owner}" is outside the zone "${apex || '.'}"`);
  }
  checkCnameExclusive(fileName, [
    ...records.map(({ record, line }) => ({ owner: record.name, line, type: record.type, target: record.type === 'CNAME' ? record.target : undefined })),
    ...others,
  ]);
  return { origin: apex, records: records.map(({ record }) => record), otherOwners: [...new Set(others.map(({ owner }) => owner))] };
}
