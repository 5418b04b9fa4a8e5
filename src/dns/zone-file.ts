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
//
// A zone path may name any file, so errors give the file, the line and what is wrong, never the
// text read there. What DNS cannot hold is an error, as servers refuse it: a label over 63 octets,
// a name over 255, a character-string over 255, an RDATA over 65,535. The same limits bound the
// parser: it stops at the first overlong word, string or record instead of accumulating it.
//
// Layout: ZoneLexer splits the text into entries (a line, or lines joined by parentheses) of
// tokens; ZoneParser reads directives, owner, TTL, class and type; one function per record type
// reads its RDATA (RDATA_PARSERS).

import { isIpv4Text } from '../net/ip-text.js';
import { normalizeName } from './dns-name.js';
import { ipFamilyOf, ipv6Octets, ipv6Text } from '../net/ip.js';
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

// DNS's own limits (RFC 1035 2.3.4, 3.3). They also bound what the parser holds at once: it stops
// at the first token or record that DNS could not carry instead of accumulating it.
const MAX_LABEL_OCTETS = 63;
const MAX_NAME_WIRE_OCTETS = 255;
const MAX_CHARACTER_STRING_OCTETS = 255;
const MAX_RDATA_OCTETS = 65535;
/** One word: the longest presentation of one RDATA is hexadecimal, two characters an octet. */
const MAX_WORD_CHARACTERS = 2 * MAX_RDATA_OCTETS;
/** One record: its RDATA with every octet written \DDD, plus room for owner, TTL, class and type. */
const MAX_ENTRY_CHARACTERS = 4 * MAX_RDATA_OCTETS + 4096;

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

/** A run of word characters: anything but blanks, line ends, comments, parentheses, quotes and escapes. */
const WORD_RUN = new RegExp(`[^ \\t\\r\\n;()"\\\\]{1,${MAX_WORD_CHARACTERS + 1}}`, 'y');

/** Octets `text` takes in UTF-8 (a surrogate pair counts 2 + 2). */
function utf8Octets(text: string): number {
  let octets = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    octets += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return octets;
}

/**
 * Splits a zone file into entries. Errors give a line and what is wrong, never the text read: a
 * zone path may point at any file (a config can name /proc/self/environ).
 */
class ZoneLexer {
  private index = 0;
  private line = 1;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly fileName: string,
  ) {}

  private fail(reason: string, line = this.line): never {
    throw new ZoneFileError(this.fileName, line, reason);
  }

  *entries(): Generator<Entry> {
    const { text } = this;
    let current: Entry = { line: 1, ownerOmitted: false, tokens: [] };
    let entryCharacters = 0;
    let atLineStart = true;
    while (this.index <= text.length) {
      const character = this.index < text.length ? text[this.index]! : '\n';
      if (atLineStart && this.depth === 0) {
        atLineStart = false;
        current = { line: this.line, ownerOmitted: character === ' ' || character === '\t', tokens: [] };
        entryCharacters = 0;
      }
      if (character === '\n' || (character === '\r' && text[this.index + 1] === '\n')) {
        this.index += character === '\r' ? 2 : 1;
        if (this.depth === 0) {
          if (current.tokens.length > 0) yield current;
          atLineStart = true;
        }
        if (this.index > text.length) break;
        this.line += 1;
      } else if (character === ' ' || character === '\t' || character === '\r') {
        this.index += 1;
      } else if (character === ';') {
        const end = text.indexOf('\n', this.index);
        this.index = end === -1 ? text.length : end;
      } else if (character === '(' || character === ')') {
        if (character === ')' && this.depth === 0) this.fail('")" without a matching "("');
        this.depth += character === '(' ? 1 : -1;
        this.index += 1;
      } else {
        const start = this.index;
        current.tokens.push(character === '"' ? this.quoted() : this.word());
        entryCharacters += this.index - start;
        if (entryCharacters > MAX_ENTRY_CHARACTERS) {
          this.fail(`record longer than ${MAX_ENTRY_CHARACTERS} characters: more than DNS can hold (RDATA is at most ${MAX_RDATA_OCTETS} octets)`, current.line);
        }
      }
    }
    if (this.depth > 0) this.fail('"(" is not closed before the end of the file');
  }

  /** A "quoted string": one character-string, at most 255 octets (RFC 1035 3.3). */
  private quoted(): Token {
    const startLine = this.line;
    let value = '';
    let octets = 0;
    this.index += 1;
    for (;;) {
      if (this.index >= this.text.length) this.fail('quoted string is not closed', startLine);
      const next = this.text[this.index]!;
      if (next === '"') break;
      if (next === '\\') {
        value += this.escape();
        octets += 1;
      } else {
        if (next === '\n') this.line += 1;
        value += next;
        octets += utf8Octets(next);
        this.index += 1;
      }
      if (octets > MAX_CHARACTER_STRING_OCTETS) {
        this.fail(`quoted string longer than ${MAX_CHARACTER_STRING_OCTETS} octets: a character-string holds at most ${MAX_CHARACTER_STRING_OCTETS} (RFC 1035 3.3)`, startLine);
      }
    }
    this.index += 1;
    return { text: value, quoted: true, escaped: false };
  }

  /** A bare word, up to the next blank, line end, comment, parenthesis or quote. */
  private word(): Token {
    const start = this.index;
    let value = '';
    let escaped = false;
    for (;;) {
      WORD_RUN.lastIndex = this.index;
      const run = WORD_RUN.exec(this.text);
      if (run !== null) {
        value += run[0];
        this.index += run[0].length;
      }
      if (this.index - start > MAX_WORD_CHARACTERS) {
        this.fail(`a word longer than ${MAX_WORD_CHARACTERS} characters: more than DNS can hold (RDATA is at most ${MAX_RDATA_OCTETS} octets)`);
      }
      if (this.text[this.index] !== '\\') return { text: value, quoted: false, escaped };
      value += this.escape();
      escaped = true;
    }
  }

  /** `\X` is X; `\DDD` is the octet DDD (decimal). Moves past the escape; returns what it stands for. */
  private escape(): string {
    const at = this.index;
    if (at + 1 >= this.text.length) this.fail('"\\" at the end of the file');
    const digits = /^[0-9]{3}/.exec(this.text.slice(at + 1, at + 4));
    if (digits) {
      this.index += 4;
      return String.fromCharCode(Number(digits[0]) & 0xff);
    }
    this.index += 2;
    const escaped = this.text[at + 1]!;
    if (escaped === '\n') this.line += 1;
    return escaped;
  }
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
    const conflict = (reason: string): never => {
      throw new ZoneFileError(fileName, entry.line, reason);
    };
    const rule = 'an alias owns no other records (RFC 1034 3.6.2, RFC 2181 10.1), and servers refuse the zone';
    if (entry.type === 'CNAME') {
      if (seen.cname !== undefined && seen.cname.target !== entry.target) {
        conflict(`more than one CNAME at one name (the first is on line ${seen.cname.line}): a name is an alias for one name only (RFC 2181 10.1)`);
      }
      if (seen.other !== undefined) conflict(`CNAME and other data at one name (${seen.other.type} on line ${seen.other.line}): ${rule}`);
      seen.cname ??= { line: entry.line, target: entry.target };
    } else {
      if (seen.cname !== undefined) conflict(`CNAME and other data at one name (CNAME on line ${seen.cname.line}): ${rule}`);
      seen.other ??= { line: entry.line, type: entry.type };
    }
  }
}

/** Why a name (absolute, lower case, no trailing dot) cannot be a DNS name, or undefined. */
function nameLimitProblem(name: string): string | undefined {
  if (name === '') return undefined;
  let wireOctets = 1;
  for (const label of name.split('.')) {
    const octets = utf8Octets(label);
    if (octets > MAX_LABEL_OCTETS) return `has a label of ${octets} octets; DNS allows ${MAX_LABEL_OCTETS} (RFC 1035 2.3.4)`;
    wireOctets += 1 + octets;
  }
  return wireOctets > MAX_NAME_WIRE_OCTETS ? `is ${wireOctets} octets on the wire; DNS allows ${MAX_NAME_WIRE_OCTETS} (RFC 1035 2.3.4)` : undefined;
}

/** What an RDATA parser gets: the record so far, its data tokens, and the tools of its line. */
interface RecordInput {
  type: string;
  owner: string;
  ttl: number;
  data: readonly Token[];
  fail(reason: string): never;
  /** The token as an absolute name; `what` says which name it is in errors. */
  name(token: Token, what: string): string;
}

type RdataParser = (input: RecordInput) => DnsRecord;

function expectCount(input: RecordInput, count: number, shape: string): void {
  const found = input.data.length;
  if (found !== count) input.fail(`${input.type} record needs ${shape}; found ${found} value${found === 1 ? '' : 's'}`);
}

function unsignedNumber(input: RecordInput, token: Token, what: string, max: number): number {
  if (!/^[0-9]+$/.test(token.text) || Number(token.text) > max) input.fail(`${input.type} ${what} is not a number from 0 to ${max}`);
  return Number(token.text);
}

function parseA(input: RecordInput): DnsRecord {
  expectCount(input, 1, 'one IPv4 address');
  const address = input.data[0]!.text;
  // node:net's dotted quad: four decimal numbers up to 255, no leading zeros (as ipaddr.js's four-part decimal).
  if (!isIpv4Text(address)) input.fail('A record value is not an IPv4 address');
  return { type: 'A', name: input.owner, ttl: input.ttl, address };
}

function parseAaaa(input: RecordInput): DnsRecord {
  expectCount(input, 1, 'one IPv6 address');
  const address = input.data[0]!.text;
  if (ipFamilyOf(address) !== 6 || address.includes('%')) input.fail('AAAA record value is not an IPv6 address');
  return { type: 'AAAA', name: input.owner, ttl: input.ttl, address: ipv6Text(ipv6Octets(address)) };
}

function parseMx(input: RecordInput): DnsRecord {
  expectCount(input, 2, 'a preference and an exchange name');
  const preference = unsignedNumber(input, input.data[0]!, 'preference', 65535);
  return { type: 'MX', name: input.owner, ttl: input.ttl, preference, exchange: input.name(input.data[1]!, 'MX exchange') };
}

/** CNAME, NS and PTR: one name. */
function targetParser(type: 'CNAME' | 'NS' | 'PTR'): RdataParser {
  return (input) => {
    expectCount(input, 1, 'one name');
    return { type, name: input.owner, ttl: input.ttl, target: input.name(input.data[0]!, `${type} target`) };
  };
}

/** One or more character-strings of at most 255 octets, at most 65,535 octets together. */
function parseTxt(input: RecordInput): DnsRecord {
  if (input.data.length === 0) input.fail('TXT record needs at least one string');
  let rdataOctets = 0;
  for (const [index, token] of input.data.entries()) {
    const octets = utf8Octets(token.text);
    if (octets > MAX_CHARACTER_STRING_OCTETS) input.fail(`TXT string ${index + 1} is longer than ${MAX_CHARACTER_STRING_OCTETS} octets (RFC 1035 3.3)`);
    rdataOctets += 1 + octets;
  }
  if (rdataOctets > MAX_RDATA_OCTETS) input.fail(`TXT record data is ${rdataOctets} octets; DNS allows ${MAX_RDATA_OCTETS}`);
  return { type: 'TXT', name: input.owner, ttl: input.ttl, strings: input.data.map((token) => token.text) };
}

function parseSoa(input: RecordInput): DnsRecord {
  expectCount(input, 7, 'primary, admin, serial, refresh, retry, expire and minimum');
  const { data } = input;
  for (const [index, what] of ['refresh', 'retry', 'expire', 'minimum'].entries()) {
    if (parseTtl(data[3 + index]!.text) === undefined) input.fail(`SOA ${what} is not a time value`);
  }
  return {
    type: 'SOA',
    name: input.owner,
    ttl: input.ttl,
    primary: input.name(data[0]!, 'SOA primary'),
    admin: input.name(data[1]!, 'SOA admin'),
    serial: unsignedNumber(input, data[2]!, 'serial', 0xffffffff),
  };
}

/** The types the resolver answers, each with the parser of its RDATA. */
const RDATA_PARSERS: Record<string, RdataParser> = {
  A: parseA,
  AAAA: parseAaaa,
  MX: parseMx,
  CNAME: targetParser('CNAME'),
  NS: targetParser('NS'),
  PTR: targetParser('PTR'),
  TXT: parseTxt,
  SOA: parseSoa,
};

/** Reads entries one by one, keeping what master-file syntax carries from one to the next. */
class ZoneParser {
  private origin: string | undefined;
  /** The first origin, and the line of the $ORIGIN that set it (0: given by the caller). */
  private firstOrigin: { name: string; line: number } | undefined;
  private soa: { owner: string; line: number } | undefined;
  private defaultTtl: number | undefined;
  private lastTtl: number | undefined;
  private previousOwner: string | undefined;
  private readonly records: { record: DnsRecord; line: number }[] = [];
  private readonly others: { owner: string; line: number; type: string }[] = [];

  constructor(
    private readonly fileName: string,
    origin: string | undefined,
  ) {
    this.origin = origin === undefined ? undefined : normalizeName(origin);
    this.firstOrigin = this.origin === undefined ? undefined : { name: this.origin, line: 0 };
  }

  read(entry: Entry): void {
    const fail = (reason: string): never => {
      throw new ZoneFileError(this.fileName, entry.line, reason);
    };
    const first = entry.tokens[0]!;
    if (!entry.ownerOmitted && !first.quoted && first.text.startsWith('$')) this.directive(entry, fail);
    else this.record(entry, fail);
  }

  /** `token` as an absolute name (lower case, no trailing dot); errors say `what` it is, never its text. */
  private absoluteName(token: Token, what: string, fail: (reason: string) => never): string {
    if (token.quoted) fail(`${what} must not be quoted`);
    const raw = token.text;
    if (token.escaped) fail(`${what} has a backslash escape; names with escaped characters (such as "\\.") are not supported`);
    if (raw === '@') return this.origin ?? fail('"@" used before any $ORIGIN');
    if (raw === '.') return '';
    if (raw.startsWith('.') || raw.includes('..')) fail(`${what} has an empty label`);
    let name: string;
    if (raw.endsWith('.')) name = normalizeName(raw);
    else if (this.origin === undefined) fail(`relative ${what} used before any $ORIGIN (add "$ORIGIN example.com." or end the name with a dot)`);
    else name = this.origin === '' ? raw.toLowerCase() : `${raw.toLowerCase()}.${this.origin}`;
    const problem = nameLimitProblem(name!);
    if (problem !== undefined) fail(`${what} ${problem}`);
    return name!;
  }

  private directive(entry: Entry, fail: (reason: string) => never): void {
    const [first, ...values] = entry.tokens;
    const directive = first!.text.toUpperCase();
    if (directive === '$ORIGIN') {
      if (values.length !== 1) fail('$ORIGIN takes exactly one name');
      if (!values[0]!.text.endsWith('.') && this.origin === undefined) fail('$ORIGIN name must be absolute (end it with a dot)');
      this.origin = this.absoluteName(values[0]!, '$ORIGIN name', fail);
      this.firstOrigin ??= { name: this.origin, line: entry.line };
    } else if (directive === '$TTL') {
      if (values.length !== 1) fail('$TTL takes exactly one value');
      this.defaultTtl = parseTtl(values[0]!.text) ?? fail('$TTL value is not a TTL (seconds, or units such as 1h30m)');
    } else if (directive === '$INCLUDE' || directive === '$GENERATE') {
      fail(`${directive} is not supported: give maillint the included file as another --zone`);
    } else {
      fail('unknown directive (maillint reads $ORIGIN and $TTL)');
    }
  }

  /** The TTL, class and type before the RDATA, in either order (RFC 1035 5.1); takes them off `tokens`. */
  private recordHeader(entry: Entry, tokens: Token[], fail: (reason: string) => never): { ttl: number | undefined; type: string } {
    let ttl: number | undefined;
    while (tokens.length > 0) {
      const field = entry.tokens.length - tokens.length + 1;
      const token = tokens.shift()!;
      const word = token.text.toUpperCase();
      if (token.quoted) fail(`expected a TTL, class or record type in field ${field}, not a quoted string`);
      if (/^[0-9]/.test(word)) {
        if (ttl !== undefined) fail(`two TTLs (fields ${field - 1} and ${field})`);
        ttl = parseTtl(token.text) ?? fail(`field ${field} is not a TTL (seconds, or units such as 1h30m)`);
      } else if (CLASSES.has(word)) {
        if (word !== 'IN') fail(`class ${word}: only class IN zones are supported`);
      } else if (RDATA_PARSERS[word] !== undefined || OTHER_TYPES.has(word) || /^TYPE[0-9]+$/.test(word)) {
        return { ttl, type: word };
      } else {
        fail(`field ${field} is not a record type maillint knows, nor a TTL or class (a misspelling?)`);
      }
    }
    return fail('record has no type');
  }

  private record(entry: Entry, fail: (reason: string) => never): void {
    const tokens = [...entry.tokens];
    let owner: string;
    if (entry.ownerOmitted) owner = this.previousOwner ?? fail('record without an owner name, and no previous record to take it from');
    else owner = this.absoluteName(tokens.shift()!, 'owner name', fail);
    this.previousOwner = owner;
    const header = this.recordHeader(entry, tokens, fail);
    const ttl = header.ttl ?? this.defaultTtl ?? this.lastTtl ?? 3600;
    this.lastTtl = ttl;
    const parse = RDATA_PARSERS[header.type];
    if (parse === undefined) {
      this.others.push({ owner, line: entry.line, type: header.type });
      return;
    }
    if (header.type === 'SOA') {
      if (this.soa !== undefined) fail(`second SOA record (the first is on line ${this.soa.line})`);
      this.soa = { owner, line: entry.line };
    }
    const name = (token: Token, what: string) => this.absoluteName(token, what, fail);
    this.records.push({ line: entry.line, record: parse({ type: header.type, owner, ttl, data: tokens, fail, name }) });
  }

  /** The zone read: its apex, every record inside it, and the CNAME rule over all of them. */
  finish(): ParsedZone {
    const apex = this.soa?.owner ?? this.firstOrigin?.name;
    if (apex === undefined) throw new ZoneFileError(this.fileName, 1, 'no SOA record and no $ORIGIN: cannot tell which names this zone covers');
    const apexSource =
      this.soa !== undefined
        ? `the owner of the SOA record on line ${this.soa.line}`
        : this.firstOrigin!.line > 0
          ? `the first $ORIGIN, on line ${this.firstOrigin!.line}`
          : 'the origin given';
    const owners = [...this.records.map(({ record, line }) => ({ owner: record.name, line })), ...this.others];
    for (const { owner, line } of owners) {
      if (!isInZone(owner, apex)) throw new ZoneFileError(this.fileName, line, `the owner name is outside the zone whose apex is ${apexSource}`);
    }
    checkCnameExclusive(this.fileName, [
      ...this.records.map(({ record, line }) => ({ owner: record.name, line, type: record.type, target: record.type === 'CNAME' ? record.target : undefined })),
      ...this.others,
    ]);
    return { origin: apex, records: this.records.map(({ record }) => record), otherOwners: [...new Set(this.others.map(({ owner }) => owner))] };
  }
}

export function parseZoneFile(text: string, options: ParseZoneOptions = {}): ParsedZone {
  const fileName = options.fileName ?? '<zone>';
  const parser = new ZoneParser(fileName, options.origin);
  for (const entry of new ZoneLexer(text, fileName).entries()) parser.read(entry);
  return parser.finish();
}
