// A linter-grade parser for SPF records (RFC 7208 4.5, 4.6, 5, 6, 7). Every term keeps its offset in
// the record, and every syntax error names the term at fault, so a finding can point at it.
//
// Why our own parser and not mailauth's: mailauth's current major needs Node 22.19+ (maillint supports
// Node 20.19+), and it returns a verdict only. A linter needs every syntax error, the term each one sits
// in, and per-term lookup counts over the include/redirect tree, which a verdict cannot give.

import { ipFamilyOf } from '../../net/ip-text.js';

export type SpfQualifier = '+' | '-' | '~' | '?';
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

interface TermBase {
  /** The term as written. */
  text: string;
  /** 0-based offset of the term in the record text. */
  offset: number;
}

export interface SpfMechanism extends TermBase {
  kind: 'mechanism';
  qualifier: SpfQualifier;
  name: SpfMechanismName;
  /** include, exists (always), a, mx, ptr (when written): the unexpanded domain-spec. */
  domainSpec?: string;
  /** ip4, ip6: the network address as written. */
  network?: string;
  /** a, mx, ip4: the IPv4 prefix length (32 when absent). */
  ip4Prefix: number;
  /** a, mx, ip6: the IPv6 prefix length (128 when absent). */
  ip6Prefix: number;
}

export interface SpfModifier extends TermBase {
  kind: 'modifier';
  /** Lower case. */
  name: string;
  value: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfSyntaxError {
  /** 0-based offset of the term at fault in the record text. */
  offset: number;
  /** The term at fault as written (the whole record for a bad version). */
  term: string;
  message: string;
}

export interface ParsedSpfRecord {
  text: string;
  terms: SpfTerm[];
  /** Any error makes check_host() return permerror (RFC 7208 4.6) before evaluating a term. */
  errors: SpfSyntaxError[];
  redirect?: SpfModifier;
  explanation?: SpfModifier;
}

const MECHANISM_NAMES: ReadonlySet<string> = new Set<SpfMechanismName>(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
const VERSION = 'v=spf1';

/** Whether a TXT record's text is an SPF record (RFC 7208 4.5: "v=spf1" then a space or the end). */
export function isSpfRecord(text: string): boolean {
  // Compared in place, case-insensitively: a lower-cased copy of every TXT record's start was garbage.
  if (text.length < VERSION.length || (text.length > VERSION.length && text.charCodeAt(VERSION.length) !== SPACE)) return false;
  for (let index = 0; index < VERSION.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((isAsciiLetter(code) ? code | LOWER_CASE_BIT : code) !== VERSION.charCodeAt(index)) return false;
  }
  return true;
}

const SPACE = 0x20;
/** Set, it turns an ASCII capital letter into its small letter. */
const LOWER_CASE_BIT = 0x20;

/** Parses one SPF record. Never throws: what is wrong is in `errors`. */
export function parseSpfRecord(text: string): ParsedSpfRecord {
  const parsed: ParsedSpfRecord = { text, terms: [], errors: [] };
  if (!isSpfRecord(text)) {
    parsed.errors.push({ offset: 0, term: text.slice(0, 40), message: 'the record does not begin with "v=spf1" and a space' });
    return parsed;
  }
  // Terms are the runs of non-spaces, found by index: a regex match iterator and a closure per term
  // were most of the SPF parse's time and garbage in a 1,000-domain audit.
  let offset = VERSION.length;
  while (offset < text.length) {
    if (text.charCodeAt(offset) === SPACE) {
      offset += 1;
      continue;
    }
    const spaceAt = text.indexOf(' ', offset);
    const end = spaceAt === -1 ? text.length : spaceAt;
    parseTerm(parsed, text.slice(offset, end), offset);
    offset = end;
  }
  return parsed;
}

function parseTerm(parsed: ParsedSpfRecord, term: string, offset: number): void {
  if (!isPrintableAscii(term)) {
    addError(parsed, offset, term, 'holds a character outside printable ASCII (only spaces separate terms)');
    return;
  }
  const nameLength = modifierNameLength(term);
  if (nameLength > 0) parseModifier(parsed, term, offset, term.slice(0, nameLength).toLowerCase(), term.slice(nameLength + 1));
  else parseDirective(parsed, term, offset);
}

function addError(parsed: ParsedSpfRecord, offset: number, term: string, message: string): void {
  parsed.errors.push({ offset, term, message });
}

/** Every character in \x21-\x7e. */
function isPrintableAscii(term: string): boolean {
  for (let index = 0; index < term.length; index += 1) {
    const code = term.charCodeAt(index);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

/** The length of the name of a modifier term (name "=" value, RFC 7208 4.6.1); 0 for a directive. */
function modifierNameLength(term: string): number {
  // name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), ended by the first "=".
  if (!isAsciiLetter(term.charCodeAt(0))) return 0;
  for (let index = 1; index < term.length; index += 1) {
    const code = term.charCodeAt(index);
    if (code === EQUALS) return index;
    if (!isAsciiLetter(code) && !isAsciiDigit(code) && code !== HYPHEN && code !== UNDERSCORE && code !== DOT) return 0;
  }
  return 0;
}

const EQUALS = 0x3d;
const HYPHEN = 0x2d;
const UNDERSCORE = 0x5f;
const DOT = 0x2e;
const COLON = 0x3a;
const SLASH = 0x2f;

function isAsciiLetter(code: number): boolean {
  return (code | LOWER_CASE_BIT) >= 0x61 && (code | LOWER_CASE_BIT) <= 0x7a;
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function parseModifier(parsed: ParsedSpfRecord, text: string, offset: number, name: string, value: string): void {
  const modifier: SpfModifier = { offset, text, kind: 'modifier', name, value };
  parsed.terms.push(modifier);
  if (name === 'redirect' || name === 'exp') {
    const slot = name === 'redirect' ? 'redirect' : 'explanation';
    if (parsed[slot] !== undefined) addError(parsed, offset, text, `"${name}=" appears more than once (RFC 7208 6)`);
    else parsed[slot] = modifier;
    const problem = domainSpecProblem(value);
    if (problem !== undefined) addError(parsed, offset, text, problem);
    return;
  }
  const problem = macroStringProblem(value, false);
  if (problem !== undefined) addError(parsed, offset, text, problem);
}

function parseDirective(parsed: ParsedSpfRecord, text: string, offset: number): void {
  const first = text[0];
  const qualified = first === '-' || first === '+' || first === '~' || first === '?';
  const qualifier = (qualified ? first : '+') as SpfQualifier;
  const bodyStart = qualified ? 1 : 0;
  let nameEnd = bodyStart;
  while (nameEnd < text.length && text.charCodeAt(nameEnd) !== COLON && text.charCodeAt(nameEnd) !== SLASH) nameEnd += 1;
  const name = text.slice(bodyStart, nameEnd).toLowerCase();
  if (!MECHANISM_NAMES.has(name)) {
    addError(parsed, offset, text, name === '' ? 'a qualifier without a mechanism' : `unknown mechanism ${shown(name)}`);
    return;
  }
  const mechanism: SpfMechanism = { offset, text, kind: 'mechanism', qualifier, name: name as SpfMechanismName, ip4Prefix: 32, ip6Prefix: 128 };
  parsed.terms.push(mechanism);
  const problem = argumentProblem(mechanism, nameEnd === text.length ? '' : text.slice(nameEnd));
  if (problem !== undefined) addError(parsed, offset, text, problem);
}

/** Fills the mechanism's arguments from `rest` (what follows its name); says what is wrong, if anything. */
function argumentProblem(mechanism: SpfMechanism, rest: string): string | undefined {
  switch (mechanism.name) {
    case 'all':
      return rest === '' ? undefined : '"all" takes no argument';
    case 'include':
    case 'exists':
      if (!rest.startsWith(':') || rest.length === 1) return `"${mechanism.name}" needs ":" and a domain`;
      mechanism.domainSpec = rest.slice(1);
      return domainSpecProblem(mechanism.domainSpec);
    case 'ptr':
      if (rest === '') return undefined;
      if (!rest.startsWith(':') || rest.length === 1) return '"ptr" takes ":" and a domain, nothing else';
      mechanism.domainSpec = rest.slice(1);
      return domainSpecProblem(mechanism.domainSpec);
    case 'a':
    case 'mx':
      return addressMechanismProblem(mechanism, rest);
    case 'ip4':
    case 'ip6':
      return networkProblem(mechanism, rest);
  }
}

const DUAL_CIDR_LENGTH = /(?:\/(\d+))?(?:\/\/(\d+))?$/;

function addressMechanismProblem(mechanism: SpfMechanism, rest: string): string | undefined {
  // The dual-cidr-length is the trailing "/n", "//n" or "/n//n"; whatever precedes it is the domain-spec.
  // Most terms have no prefix length: no match array for them.
  const cidr = rest.includes('/') ? DUAL_CIDR_LENGTH.exec(rest)! : undefined;
  const spec = cidr === undefined ? rest : rest.slice(0, cidr.index);
  if (cidr !== undefined) {
    const prefixProblem = prefixLengthProblem(cidr[1], 32) ?? prefixLengthProblem(cidr[2], 128);
    if (prefixProblem !== undefined) return prefixProblem;
    if (cidr[1] !== undefined) mechanism.ip4Prefix = Number(cidr[1]);
    if (cidr[2] !== undefined) mechanism.ip6Prefix = Number(cidr[2]);
  }
  if (spec === '') return undefined;
  if (!spec.startsWith(':') || spec.length === 1) return `"${mechanism.name}" takes ":" and a domain, then optional "/prefix" lengths`;
  mechanism.domainSpec = spec.slice(1);
  return domainSpecProblem(mechanism.domainSpec);
}

function networkProblem(mechanism: SpfMechanism, rest: string): string | undefined {
  const family = mechanism.name === 'ip4' ? 4 : 6;
  // ":" network [ "/" digits ], read by index rather than a regex match array per term.
  const slash = rest.indexOf('/');
  const networkEnd = slash === -1 ? rest.length : slash;
  const prefix = slash === -1 ? undefined : rest.slice(slash + 1);
  if (rest.charCodeAt(0) !== COLON || networkEnd < 2 || (prefix !== undefined && !isDigits(prefix))) {
    return `"${mechanism.name}" needs ":" and an IPv${family} address, then an optional "/prefix" length`;
  }
  const network = rest.slice(1, networkEnd);
  if (ipFamilyOf(network) !== family || network.includes('%')) return `${shown(network)} is not an IPv${family} address`;
  const problem = prefixLengthProblem(prefix, family === 4 ? 32 : 128);
  if (problem !== undefined) return problem;
  mechanism.network = network;
  if (prefix !== undefined) mechanism[family === 4 ? 'ip4Prefix' : 'ip6Prefix'] = Number(prefix);
  return undefined;
}

/** One or more ASCII digits. */
function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index += 1) if (!isAsciiDigit(text.charCodeAt(index))) return false;
  return true;
}

function prefixLengthProblem(digits: string | undefined, maximum: number): string | undefined {
  if (digits === undefined) return undefined;
  if (digits.length > 1 && digits.startsWith('0')) return `prefix length "/${digits}" has a leading zero`;
  if (Number(digits) > maximum) return `prefix length /${digits} is over ${maximum}`;
  return undefined;
}

// RFC 7208 7.1: toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;
const MACRO_EXPAND_AT_END = /(?:%\{[a-z]\d*r?[-.+,/_=]*\}|%[%_-])$/i;

/** What is wrong with a domain-spec (RFC 7208 7.1: a macro-string ending in "." toplabel or a macro), if anything. */
export function domainSpecProblem(spec: string): string | undefined {
  const macroProblem = macroStringProblem(spec, false);
  if (macroProblem !== undefined) return macroProblem;
  if (spec.includes('%') && MACRO_EXPAND_AT_END.test(spec)) return undefined;
  const withoutDot = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const lastDot = withoutDot.lastIndexOf('.');
  const toplabel = withoutDot.slice(lastDot + 1);
  if (lastDot === -1 || !TOPLABEL.test(toplabel)) {
    return `domain ${shown(spec)} does not end in a valid top-level label ("." and letters, digits, "-", not all digits) or a macro`;
  }
  return undefined;
}

/** A piece of a record as an error message quotes it: JSON-escaped and capped (records come from DNS). */
function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

/** Macro letters (RFC 7208 7.2); c, r and t only in explanation strings. */
const DOMAIN_MACRO_LETTERS = 'slodiphv';
const EXPLANATION_MACRO_LETTERS = 'slodiphvcrt';

/** What is wrong with a macro-string (RFC 7208 7.1), if anything. `explanation`: c, r, t allowed. */
export function macroStringProblem(text: string, explanation: boolean): string | undefined {
  const letters = explanation ? EXPLANATION_MACRO_LETTERS : DOMAIN_MACRO_LETTERS;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] !== '%') continue;
    const next = text[index + 1];
    if (next === '%' || next === '_' || next === '-') {
      index += 1;
      continue;
    }
    const macro = /^%\{([a-z])(\d*)(r?)([-.+,/_=]*)\}/i.exec(text.slice(index));
    if (!macro) return `"%" at ${JSON.stringify(text.slice(index, index + 12))} starts no macro ("%{letter…}", "%%", "%_" or "%-")`;
    const letter = macro[1]!.toLowerCase();
    if (!letters.includes(letter)) {
      return EXPLANATION_MACRO_LETTERS.includes(letter)
        ? `macro "%{${macro[1]}}" is allowed only in explanation strings (RFC 7208 7.3)`
        : `unknown macro letter "${macro[1]}" (RFC 7208 7.3)`;
    }
    if (macro[2] !== '' && Number(macro[2]) === 0) return `macro ${shown(macro[0])} keeps zero labels (RFC 7208 7.3)`;
    index += macro[0].length - 1;
  }
  return undefined;
}
