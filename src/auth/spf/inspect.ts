// The `spf` domain fact: a domain's SPF record(s), parsed, and its include/redirect tree with the DNS
// lookups and void lookups each record costs, counted as check_host() would count them evaluating an
// address that matches nothing (every term before `all` is evaluated; an include's own `all` ends
// only the include). Terms whose domain depends on the sender or the client IP (macros) are counted
// but not looked up: their answer differs per message.

import { describeFailedLookup } from '../../dns/mx-facts.js';
import type { LookupResult, Resolver } from '../../dns/types.js';
import { spfTextsOf } from './check-host.js';
import { MAX_DNS_TERMS } from './limits.js';
import { isCheckableDomain } from './lookup.js';
import { parseSpfRecord, type ParsedSpfRecord, type SpfMechanism } from './parse.js';
import { flatten, type SpfFacts, type SpfNode } from './tree.js';

export { flatten, type SpfFacts, type SpfLookupStatus, type SpfNode } from './tree.js';

/** Most records walked: a tree past the lookup limit is reported, not followed to its end. */
const MAX_NODES = 4 * MAX_DNS_TERMS;
/**
 * Most a, mx and exists terms asked about in one tree: past them terms are counted, not asked. A
 * receiver stops at the 11th lookup; a record of thousands of terms must not make an audit send
 * thousands of queries to someone's name servers.
 */
const MAX_ADDRESS_QUERIES = 4 * MAX_DNS_TERMS;
const MACRO = /%\{/;

export async function inspectSpf(domain: string, resolver: Resolver): Promise<SpfFacts> {
  const walk: Walk = { nodes: 0, addressQueries: 0, resolver, path: [] };
  const root = await inspectDomain(walk, domain, undefined);
  const facts: SpfFacts = { domain, root, lookups: 0, voidLookups: 0, partial: false };
  for (const node of flatten(root)) {
    facts.lookups += node.lookups;
    facts.voidLookups += node.voidLookups;
    if (node.note !== undefined) facts.partial = true;
  }
  return facts;
}

interface Walk {
  nodes: number;
  addressQueries: number;
  resolver: Resolver;
  /**
   * The domains from the root to the record being read: one stack for the walk, pushed and popped,
   * rather than a copy per record (terms are followed one after another, never at once).
   */
  path: string[];
}

async function inspectDomain(walk: Walk, domain: string, via: SpfNode['via']): Promise<SpfNode> {
  const node: SpfNode = { domain, via, status: 'none', records: [], lookups: 0, voidLookups: 0, voidTerms: [], mxHosts: [], children: [] };
  walk.nodes += 1;
  if (walk.path.includes(domain)) return notFollowed(node, `a loop: ${[...walk.path, domain].join(' → ')}`);
  if (walk.nodes > MAX_NODES) return notFollowed(node, `not followed: more than ${MAX_NODES} records in the tree`);
  if (walk.resolver.canAnswer && !walk.resolver.canAnswer(domain)) return notFollowed(node, 'outside the zone files');
  const answer = await walk.resolver.lookup(domain, 'TXT');
  if (answer.status === 'nxdomain') node.status = 'nxdomain';
  if (answer.status === 'nxdomain' || answer.status === 'nodata') return node;
  if (answer.status !== 'ok') {
    node.status = 'failed';
    node.note = `the TXT lookup failed: ${answer.detail}`;
    node.failures = [{ description: describeFailedLookup(answer) }];
    return node;
  }
  node.records = spfTextsOf(answer.records);
  if (node.records.length === 0) return node;
  node.status = 'found';
  if (node.records.length > 1) return node;
  node.parsed = parseSpfRecord(node.records[0]!);
  if (node.parsed.errors.length > 0) return node;
  walk.path.push(domain);
  await inspectTerms(walk, node, node.parsed);
  walk.path.pop();
  return node;
}

function notFollowed(node: SpfNode, note: string): SpfNode {
  node.status = 'not-followed';
  node.note = note;
  return node;
}

/** A domain-spec as looked up: lower case, without the trailing dot of an absolute name. */
function lookupName(target: string): string {
  const name = target.toLowerCase();
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

async function inspectTerms(walk: Walk, node: SpfNode, record: ParsedSpfRecord): Promise<void> {
  let reachesAll = false;
  for (const term of record.terms) {
    if (term.kind !== 'mechanism') continue;
    if (term.name === 'all') {
      reachesAll = true;
      break;
    }
    if (term.name === 'ip4' || term.name === 'ip6') continue;
    node.lookups += 1;
    const target = term.domainSpec ?? node.domain;
    // A domain built from the sender or the client IP differs per message: counted, not asked.
    if (MACRO.test(target) || term.name === 'ptr') continue;
    const name = lookupName(target);
    if (term.name === 'include') node.children.push(await inspectDomain(walk, name, term));
    else await inspectAddressTerm(walk, node, term, name);
  }
  const redirect = record.redirect;
  if (reachesAll || redirect === undefined) return;
  node.lookups += 1;
  if (MACRO.test(redirect.value)) return;
  node.children.push(await inspectDomain(walk, lookupName(redirect.value), redirect));
}

/** a, mx, exists: the lookup an IPv4 client would cause, void or not; mx: how many hosts it names. */
async function inspectAddressTerm(walk: Walk, node: SpfNode, term: SpfMechanism, name: string): Promise<void> {
  if (!isCheckableDomain(name) || (walk.resolver.canAnswer && !walk.resolver.canAnswer(name))) return;
  if (walk.addressQueries >= MAX_ADDRESS_QUERIES) {
    node.note ??= `terms past the first ${MAX_ADDRESS_QUERIES} a, mx and exists lookups of the tree were counted, not asked`;
    return;
  }
  walk.addressQueries += 1;
  const answer: LookupResult = await walk.resolver.lookup(name, term.name === 'mx' ? 'MX' : 'A');
  if (answer.status === 'nxdomain' || answer.status === 'nodata') {
    node.voidLookups += 1;
    node.voidTerms.push(term);
  }
  if (answer.status === 'ok' && term.name === 'mx') {
    let hosts = 0;
    for (const record of answer.records) if (record.type === 'MX') hosts += 1;
    node.mxHosts.push({ term, hosts });
  }
  if (answer.status !== 'ok' && answer.status !== 'nxdomain' && answer.status !== 'nodata') {
    node.note = `the ${answer.query.type} lookup of ${name} (${term.text}) failed: ${answer.detail}`;
    (node.failures ??= []).push({ term, description: describeFailedLookup(answer) });
  }
}
