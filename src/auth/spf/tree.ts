// The shape of the `spf` domain fact (src/auth/spf/inspect.ts gathers it), apart from the code that
// gathers it: the checks read it, and loading them must not load the resolver-side SPF code.

import type { ParsedSpfRecord, SpfMechanism, SpfModifier } from './parse.js';

/** Where a record's text stands: found (one or more v=spf1 records), none, no such domain, or unknown. */
export type SpfLookupStatus = 'found' | 'none' | 'nxdomain' | 'failed' | 'not-followed';

export interface SpfNode {
  domain: string;
  /** The term that led here (include:… or redirect=…), absent for the audited domain. */
  via?: SpfMechanism | SpfModifier;
  status: SpfLookupStatus;
  /** Every v=spf1 record found (more than one is a permerror, RFC 7208 4.5). */
  records: string[];
  /** The record, parsed, when there is exactly one. */
  parsed?: ParsedSpfRecord;
  /** DNS-querying terms of this record that an evaluation reaches (its includes' own not counted). */
  lookups: number;
  /** This record's lookups that found no name or no data. */
  voidLookups: number;
  /** The terms whose lookup was void. */
  voidTerms: SpfMechanism[];
  /** mx terms and the number of hosts each names (over 10 is a permerror, RFC 7208 4.6.4). */
  mxHosts: { term: SpfMechanism; hosts: number }[];
  children: SpfNode[];
  /**
   * Lookups of this record that failed (timeout, SERVFAIL…): its own TXT lookup (no `term`) or an
   * a/mx/exists term's. Receivers get temperror there; the audit cannot call the tree clean.
   */
  failures?: { term?: SpfMechanism; description: string }[];
  /** Why the tree stops here: the lookup failed, the name lies outside the zone files, a loop, too deep. */
  note?: string;
}

export interface SpfFacts {
  /** The domain audited. */
  domain: string;
  /** The domain's own record(s) and everything they include or redirect to. */
  root: SpfNode;
  /** Lookups over the whole tree, as check_host() would count them (more than 10: permerror). */
  lookups: number;
  voidLookups: number;
  /** Some part of the tree was not followed (a failed lookup, a name outside the zone files): counts are at least these. */
  partial: boolean;
}

/** Every node of the tree, parents before children. */
export function flatten(node: SpfNode): SpfNode[] {
  // Into one array: a spread and a flatMap array per node were a tenth of a domain audit's garbage.
  const nodes: SpfNode[] = [];
  addTree(nodes, node);
  return nodes;
}

function addTree(nodes: SpfNode[], node: SpfNode): void {
  nodes.push(node);
  for (const child of node.children) addTree(nodes, child);
}
