// RFC 7208 check_host(): is this IP allowed to send mail for this domain? In full: macros,
// include/redirect, a/mx/ptr/ip4/ip6/exists, exp=, the limits of 4.6.4 (10 DNS-querying terms, 2 void
// lookups, 10 names behind one mx or ptr). A lookup that failed is never a pass, and never a
// permerror: it is a temperror.

import type IpaddrModule from 'ipaddr.js';
import { parseIp, parseIpAddress } from '../../net/ip.js';
import type { DnsRecord, RecordType, Resolver } from '../../dns/types.js';
import { dottedIp, expandMacros, shortenDomain, type MacroValues } from './macro.js';
import { isSpfRecord, macroStringProblem, parseSpfRecord, type ParsedSpfRecord, type SpfMechanism, type SpfQualifier } from './parse.js';
import { MAX_DNS_TERMS, MAX_NAMES_PER_TERM, MAX_VOID_LOOKUPS } from './limits.js';
import { lookupForSpf, reverseName, isCheckableDomain, SpfAbort } from './lookup.js';
import { textOf } from '../txt.js';

export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

export interface SpfVerdict {
  result: SpfResult;
  /** fail: the domain's exp= text, expanded; temperror/permerror: what went wrong. */
  explanation?: string;
  /** The term that decided (as written in the top-level record), when one matched. */
  mechanism?: string;
  /** DNS-querying terms evaluated (include, a, mx, ptr, exists, redirect), the tree over. */
  lookups: number;
  /** Lookups that found no name or no data. */
  voidLookups: number;
}

export interface CheckHostOptions {
  /** The HELO/EHLO name (the "h" macro; the sender domain when the reverse-path is empty). */
  helo?: string;
  /** The "t" macro's clock. */
  now?: Date;
}

export { MAX_DNS_TERMS, MAX_NAMES_PER_TERM, MAX_VOID_LOOKUPS } from './limits.js';

const QUALIFIER_RESULTS: Record<SpfQualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

interface Evaluation {
  resolver: Resolver;
  address: IpaddrModule.IPv4 | IpaddrModule.IPv6;
  family: 4 | 6;
  macros: Omit<MacroValues, 'domain'>;
  lookups: number;
  voidLookups: number;
}

interface Outcome {
  result: SpfResult;
  mechanism?: string;
  explanation?: string;
}

/**
 * RFC 7208 check_host(ip, domain, sender). `sender` is the reverse-path (local@domain; empty means
 * postmaster@domain). Throws an InvalidIpAddressError for an `ip` that is not an address; never rejects
 * for anything DNS answers.
 */
export async function checkHost(ip: string, domain: string, sender: string, resolver: Resolver, options: CheckHostOptions = {}): Promise<SpfVerdict> {
  const parsedIp = parseIpAddress(ip);
  const address = parseIp(parsedIp.address);
  const fullSender = sender === '' ? `postmaster@${domain}` : sender.includes('@') ? sender : `postmaster@${sender}`;
  const at = fullSender.lastIndexOf('@');
  let validated: Promise<string> | undefined;
  const evaluation: Evaluation = {
    resolver,
    address,
    family: parsedIp.family,
    lookups: 0,
    voidLookups: 0,
    macros: {
      sender: at === 0 ? `postmaster${fullSender}` : fullSender,
      localPart: at === 0 ? 'postmaster' : fullSender.slice(0, at),
      senderDomain: fullSender.slice(at + 1),
      ipDotted: dottedIp(parsedIp.bytes),
      ipReadable: parsedIp.address,
      family: parsedIp.family,
      helo: options.helo ?? 'unknown',
      timestamp: Math.floor((options.now ?? new Date()).getTime() / 1000),
      // Looked up once, and only when a macro asks for it.
      validatedName: () => (validated ??= validatedNameOf(evaluation)),
    },
  };
  const verdict = (outcome: Outcome): SpfVerdict => ({ ...outcome, lookups: evaluation.lookups, voidLookups: evaluation.voidLookups });
  if (!isCheckableDomain(domain)) return verdict({ result: 'none' });
  try {
    return verdict(await evaluateDomain(evaluation, domain.toLowerCase().replace(/\.$/, '')));
  } catch (error) {
    if (error instanceof SpfAbort) return verdict({ result: error.result, explanation: error.message });
    throw error;
  }
}

/** The domain's one SPF record, or undefined when it has none; throws SpfAbort for failures and duplicates. */
export async function findSpfRecord(resolver: Resolver, domain: string): Promise<ParsedSpfRecord | undefined> {
  const answer = await resolver.lookup(domain, 'TXT');
  if (answer.status === 'nxdomain' || answer.status === 'nodata') return undefined;
  if (answer.status !== 'ok') throw new SpfAbort('temperror', `the SPF record of ${domain} could not be read: ${answer.detail}`);
  const records = spfTextsOf(answer.records);
  if (records.length > 1) throw new SpfAbort('permerror', `${domain} has ${records.length} SPF records (RFC 7208 4.5)`);
  return records.length === 0 ? undefined : parseSpfRecord(records[0]!);
}

/** The SPF records among TXT records, each one's strings joined without a separator (RFC 7208 3.3). */
export function spfTextsOf(records: readonly DnsRecord[]): string[] {
  const texts: string[] = [];
  // A loop, not a flatMap and a filter: no one-element array per record, no array of all the TXT texts.
  for (const record of records) {
    if (record.type !== 'TXT') continue;
    const text = textOf(record.strings);
    if (isSpfRecord(text)) texts.push(text);
  }
  return texts;
}

async function evaluateDomain(evaluation: Evaluation, domain: string): Promise<Outcome> {
  const record = await findSpfRecord(evaluation.resolver, domain);
  if (record === undefined) return { result: 'none' };
  const error = record.errors[0];
  if (error !== undefined) throw new SpfAbort('permerror', `${domain}: "${error.term}": ${error.message}`);
  for (const term of record.terms) {
    if (term.kind !== 'mechanism' || !(await matches(evaluation, domain, term))) continue;
    const result = QUALIFIER_RESULTS[term.qualifier];
    const explanation = result === 'fail' ? await explanationOf(evaluation, domain, record) : undefined;
    return { result, mechanism: term.text, ...(explanation === undefined ? {} : { explanation }) };
  }
  if (record.redirect === undefined) return { result: 'neutral' };
  countLookup(evaluation);
  const target = await expandDomain(evaluation, domain, record.redirect.value);
  const outcome = isCheckableDomain(target) ? await evaluateDomain(evaluation, target) : { result: 'none' as const };
  if (outcome.result === 'none') throw new SpfAbort('permerror', `redirect=${target}: no SPF record there`);
  return outcome;
}

function countLookup(evaluation: Evaluation): void {
  evaluation.lookups += 1;
  if (evaluation.lookups > MAX_DNS_TERMS) throw new SpfAbort('permerror', `more than ${MAX_DNS_TERMS} DNS-querying terms (RFC 7208 4.6.4)`);
}

/** The records of one lookup made for a term, counting a void answer against the limit. */
async function lookupTerm(evaluation: Evaluation, name: string, type: RecordType): Promise<DnsRecord[]> {
  const records = await lookupForSpf(evaluation.resolver, name, type);
  if (records.length === 0) {
    evaluation.voidLookups += 1;
    if (evaluation.voidLookups > MAX_VOID_LOOKUPS) throw new SpfAbort('permerror', `more than ${MAX_VOID_LOOKUPS} void lookups (RFC 7208 4.6.4)`);
  }
  return records;
}

async function expandDomain(evaluation: Evaluation, domain: string, spec: string): Promise<string> {
  return shortenDomain((await expandMacros(spec, { ...evaluation.macros, domain })).toLowerCase());
}

async function matches(evaluation: Evaluation, domain: string, mechanism: SpfMechanism): Promise<boolean> {
  const target = () => expandDomain(evaluation, domain, mechanism.domainSpec ?? domain);
  switch (mechanism.name) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      return inNetwork(evaluation, mechanism.network!, mechanism.name === 'ip4' ? mechanism.ip4Prefix : mechanism.ip6Prefix);
    case 'include':
      countLookup(evaluation);
      return includeMatches(evaluation, await target());
    case 'a':
      countLookup(evaluation);
      return addressesMatch(evaluation, await lookupTerm(evaluation, await target(), addressType(evaluation)), mechanism);
    case 'mx':
      countLookup(evaluation);
      return mxMatches(evaluation, await target(), mechanism);
    case 'ptr': {
      countLookup(evaluation);
      const wanted = await target();
      const names = await validatedNames(evaluation, true);
      return names.some((name) => name === wanted || name.endsWith(`.${wanted}`));
    }
    case 'exists':
      countLookup(evaluation);
      return (await lookupTerm(evaluation, await target(), 'A')).length > 0;
  }
}

async function includeMatches(evaluation: Evaluation, target: string): Promise<boolean> {
  const outcome = isCheckableDomain(target) ? await evaluateDomain(evaluation, target) : { result: 'none' as const };
  switch (outcome.result) {
    case 'pass':
      return true;
    case 'fail':
    case 'softfail':
    case 'neutral':
      return false;
    case 'temperror':
      throw new SpfAbort('temperror', `include:${target}: ${outcome.explanation ?? 'temporary error'}`);
    case 'permerror':
    case 'none':
      throw new SpfAbort('permerror', `include:${target}: no SPF record there`);
  }
}

function addressType(evaluation: Evaluation): 'A' | 'AAAA' {
  return evaluation.family === 4 ? 'A' : 'AAAA';
}

function inNetwork(evaluation: Evaluation, network: string, prefix: number): boolean {
  const parsed = parseIp(network);
  if (parsed.kind() !== evaluation.address.kind()) return false;
  return evaluation.address.match(parsed, prefix);
}

/** Whether an A/AAAA record holds the client IP, within the mechanism's prefix lengths (exact: 32 and 128). */
function addressesMatch(evaluation: Evaluation, records: readonly DnsRecord[], prefixes: Pick<SpfMechanism, 'ip4Prefix' | 'ip6Prefix'>): boolean {
  const prefix = evaluation.family === 4 ? prefixes.ip4Prefix : prefixes.ip6Prefix;
  return records.some((record) => (record.type === 'A' || record.type === 'AAAA') && inNetwork(evaluation, record.address, prefix));
}

async function mxMatches(evaluation: Evaluation, target: string, mechanism: SpfMechanism): Promise<boolean> {
  const exchanges = (await lookupTerm(evaluation, target, 'MX')).flatMap((record) => (record.type === 'MX' ? [record.exchange] : []));
  if (exchanges.length > MAX_NAMES_PER_TERM) throw new SpfAbort('permerror', `mx:${target} names ${exchanges.length} hosts; the limit is ${MAX_NAMES_PER_TERM} (RFC 7208 4.6.4)`);
  for (const exchange of exchanges) {
    // A null MX ("." : RFC 7505) names no host.
    if (exchange === '' || exchange === '.') continue;
    if (addressesMatch(evaluation, await lookupForSpf(evaluation.resolver, exchange, addressType(evaluation)), mechanism)) return true;
  }
  return false;
}

/**
 * The client IP's validated names (RFC 7208 5.5): PTR names, the first 10, whose addresses include
 * the IP. A failed PTR or address lookup means no name, never an error. `countVoid`: the ptr term counts
 * a void PTR answer; the "p" macro does not.
 */
async function validatedNames(evaluation: Evaluation, countVoid: boolean): Promise<string[]> {
  const reverse = reverseName(evaluation.address);
  let pointers: DnsRecord[];
  try {
    pointers = countVoid ? await lookupTerm(evaluation, reverse, 'PTR') : await lookupForSpf(evaluation.resolver, reverse, 'PTR');
  } catch (error) {
    if (error instanceof SpfAbort && error.result === 'temperror') return [];
    throw error;
  }
  const names = pointers.flatMap((record) => (record.type === 'PTR' ? [record.target.toLowerCase().replace(/\.$/, '')] : [])).slice(0, MAX_NAMES_PER_TERM);
  const validated: string[] = [];
  for (const name of names) {
    try {
      const records = await lookupForSpf(evaluation.resolver, name, addressType(evaluation));
      if (addressesMatch(evaluation, records, { ip4Prefix: 32, ip6Prefix: 128 })) validated.push(name);
    } catch (error) {
      if (!(error instanceof SpfAbort)) throw error;
    }
  }
  return validated;
}

/** The "p" macro: a validated name, the sender domain or one below it preferred; "unknown" without one. */
async function validatedNameOf(evaluation: Evaluation): Promise<string> {
  const names = await validatedNames(evaluation, false);
  const domain = evaluation.macros.senderDomain.toLowerCase();
  return names.find((name) => name === domain) ?? names.find((name) => name.endsWith(`.${domain}`)) ?? names[0] ?? 'unknown';
}

/** The expanded exp= text (RFC 7208 6.2), or undefined when there is none or any step fails. */
async function explanationOf(evaluation: Evaluation, domain: string, record: ParsedSpfRecord): Promise<string | undefined> {
  if (record.explanation === undefined) return undefined;
  try {
    const target = await expandDomain(evaluation, domain, record.explanation.value);
    if (!isCheckableDomain(target)) return undefined;
    const texts = (await lookupForSpf(evaluation.resolver, target, 'TXT')).flatMap((entry) => (entry.type === 'TXT' ? [entry.strings.join('')] : []));
    // Explanation text is 7-bit ASCII (RFC 7208 6.2); anything else is ignored, like a syntax error.
    if (texts.length !== 1 || /[^\x20-\x7e]/.test(texts[0]!) || macroStringProblem(texts[0]!, true) !== undefined) return undefined;
    return await expandMacros(texts[0]!, { ...evaluation.macros, domain });
  } catch (error) {
    if (error instanceof SpfAbort) return undefined;
    throw error;
  }
}
