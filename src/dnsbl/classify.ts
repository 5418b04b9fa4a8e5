// Reads one blocklist answer (RFC 5782 2.1–2.3). Only two answers mean something: NXDOMAIN (not
// listed) and A records in 127.0.0.0/8 (listed, the code saying why). Everything else — refusal
// codes, addresses outside 127/8, NOERROR without an A record, failed lookups — leaves the address
// unverified, and is never read as "not listed".

import { ipaddr } from '../net/ipaddr-on-demand.js';
import type { DnsRecord, LookupResult } from '../dns/types.js';
import { failureDetail } from '../dns/lookup-detail.js';
import type { BlocklistDefinition, ListingCode, ListOutcome } from './types.js';

/** Longest TXT reason kept (a hostile or broken list may publish kilobytes). */
export const MAX_REASON_LENGTH = 300;

function bareName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** Records that answer the question: owned by the query name or by a CNAME target on its chain. */
function recordsOnChain<Type extends DnsRecord['type']>(
  result: { query: { name: string }; records: DnsRecord[] },
  type: Type,
): Extract<DnsRecord, { type: Type }>[] {
  const chain = new Set([bareName(result.query.name)]);
  // CNAMEs may come in any order; follow until nothing new is added (a loop adds nothing twice).
  for (let grew = true; grew; ) {
    grew = false;
    for (const record of result.records) {
      if (record.type === 'CNAME' && chain.has(bareName(record.name)) && !chain.has(bareName(record.target))) {
        chain.add(bareName(record.target));
        grew = true;
      }
    }
  }
  return result.records.filter(
    (record): record is Extract<DnsRecord, { type: Type }> => record.type === type && chain.has(bareName(record.name)),
  );
}

function compareCodes(left: string, right: string): number {
  const a = left.split('.').map(Number);
  const b = right.split('.').map(Number);
  for (let index = 0; index < 4; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function isRefusalCode(code: string, list: BlocklistDefinition): boolean {
  return code.startsWith('127.255.255.') || list.refusalCodes.includes(code);
}

function describeCodes(codes: readonly string[], list: BlocklistDefinition): string {
  return codes.map((code) => (list.codes[code] ? `${code} (${list.codes[code]})` : code)).join(', ');
}

/** Classifies the A answer for one address on one list. */
export function classifyAnswer(result: LookupResult, list: BlocklistDefinition): ListOutcome {
  const asked = `${result.query.name} ${result.query.type}`;
  switch (result.status) {
    case 'nxdomain':
      return { status: 'not-listed' };
    case 'nodata':
      return {
        status: 'unusable',
        reason: 'bad-answer',
        detail: `${asked} answered NOERROR with no A record; a blocklist answers NXDOMAIN (not listed) or a 127.0.0.x code (listed)`,
      };
    case 'ok':
      break;
    default:
      return {
        status: 'unusable',
        reason: 'lookup-error',
        failure: result.status,
        detail: `${asked} failed: ${result.status}${failureDetail(result) ? ` (${failureDetail(result)})` : ''}`,
      };
  }

  const addresses = recordsOnChain(result, 'A').map((record) => record.address);
  if (addresses.length === 0) {
    return { status: 'unusable', reason: 'bad-answer', detail: `${asked} answered with no A record for the name asked` };
  }
  const codes: string[] = [];
  for (const address of addresses) {
    if (!ipaddr().IPv4.isValidFourPartDecimal(address)) {
      return { status: 'unusable', reason: 'bad-answer', detail: `${asked} answered ${JSON.stringify(address)}, which is not an IPv4 address` };
    }
    const code = ipaddr().IPv4.parse(address).toString();
    if (!codes.includes(code)) codes.push(code);
  }
  codes.sort(compareCodes);

  const outside = codes.filter((code) => !code.startsWith('127.'));
  if (outside.length > 0) {
    return {
      status: 'unusable',
      reason: 'bad-answer',
      codes: outside,
      detail: `${asked} answered ${outside.join(', ')}, outside 127.0.0.0/8: not a blocklist answer (a wildcard or hijacked zone, or a resolver rewriting NXDOMAIN)`,
    };
  }
  const refusals = codes.filter((code) => isRefusalCode(code, list));
  if (refusals.length > 0) {
    return {
      status: 'unusable',
      reason: 'refused',
      codes: refusals,
      detail: `${list.zone} refused the query ${asked}: ${describeCodes(refusals, list)}`,
    };
  }
  const listing: ListingCode[] = codes.map((code) => {
    const meaning = list.codes[code];
    return meaning === undefined
      ? { code, dynamic: list.dynamicCodes.includes(code) }
      : { code, meaning, dynamic: list.dynamicCodes.includes(code) };
  });
  return { status: 'listed', codes: listing };
}

/** Cuts text to `limit` characters on a code-point boundary, marking the cut. */
function shortenText(text: string, limit = MAX_REASON_LENGTH): string {
  const characters = [...text];
  return characters.length <= limit ? text : `${characters.slice(0, limit - 1).join('')}…`;
}

/**
 * The listing reason from the TXT answer: each record's strings concatenated (one long text is split
 * into 255-octet strings on the wire), distinct records joined with " / ", shortened. Control
 * characters are kept: formatters escape them for display.
 */
export function readReason(result: LookupResult): { reason: string } | { reasonMissing: string } {
  if (result.status === 'nxdomain' || result.status === 'nodata') return { reasonMissing: 'the list publishes no TXT reason' };
  if (result.status !== 'ok') {
    return { reasonMissing: `TXT lookup ${result.query.name} failed: ${result.status}${failureDetail(result) ? ` (${failureDetail(result)})` : ''}` };
  }
  const texts: string[] = [];
  for (const record of recordsOnChain(result, 'TXT')) {
    const text = record.strings.join('').trim();
    if (text !== '' && !texts.includes(text)) texts.push(text);
  }
  if (texts.length === 0) return { reasonMissing: 'the list\'s TXT record is empty' };
  return { reason: shortenText(texts.join(' / ')) };
}

export type SelfTestResult = { passed: true } | { passed: false; outcome: Extract<ListOutcome, { status: 'unusable' }> };

/**
 * RFC 5782 5: a working list lists its test entry (127.0.0.2, or ::FFFF:7F00:2 for IPv6) and does not
 * list 127.0.0.1 (::FFFF:7F00:1). A list that answers NXDOMAIN for the first is refusing this resolver
 * silently or has a mistyped zone; one that lists the second lists everything.
 */
export function judgeSelfTest(
  list: BlocklistDefinition,
  listed: { entry: string; result: LookupResult },
  notListed: { entry: string; result: LookupResult },
): SelfTestResult {
  const positive = classifyAnswer(listed.result, list);
  if (positive.status === 'unusable') {
    return { passed: false, outcome: { ...positive, detail: `test entry ${listed.entry}: ${positive.detail}` } };
  }
  if (positive.status === 'not-listed') {
    return {
      passed: false,
      outcome: {
        status: 'unusable',
        reason: 'self-test-failed',
        detail: `${list.zone} does not list its RFC 5782 test entry ${listed.entry} (NXDOMAIN for ${listed.result.query.name}): the list is refusing this resolver silently, is not answering for this address family, or the zone name is wrong`,
      },
    };
  }
  const negative = classifyAnswer(notListed.result, list);
  if (negative.status === 'unusable') {
    return { passed: false, outcome: { ...negative, detail: `test entry ${notListed.entry}: ${negative.detail}` } };
  }
  if (negative.status === 'listed') {
    return {
      passed: false,
      outcome: {
        status: 'unusable',
        reason: 'self-test-failed',
        codes: negative.codes.map((listing) => listing.code),
        detail: `${list.zone} lists ${notListed.entry}, which RFC 5782 says no list may list (answer ${negative.codes.map((listing) => listing.code).join(', ')}): it appears to list every address, so its answers are not trusted`,
      },
    };
  }
  return { passed: true };
}
