// Answers (name, type) questions from an in-memory list of records the way an authoritative server
// would. Used by the zone-file resolver and by the in-process test DNS server.
//
//   const table = new RecordTable(records);
//   table.answer('Mail.Example.COM.', 'A')  // → { status: 'ok', query, records }
//
// Rules:
// - names match exactly (no wildcards), case-insensitively; lower case, no trailing dot;
// - a name that owns a CNAME answers every type but CNAME with the CNAME, chased inside the table:
//   `records` is the chain (each CNAME) followed by the final target's records of the asked type;
//   a loop or a chain longer than MAX_CNAME_CHAIN is a 'servfail' whose detail names where;
// - a chain whose target is not in the table ends as that target would: 'nxdomain' (the chain is
//   still in `records`) or 'nodata';
// - a name that owns nothing but has names below it (an empty non-terminal) is 'nodata';
// - a name that owns other types only is 'nodata'; a name that owns nothing at all is 'nxdomain'.

import { normalizeName } from './dns-name.js';
import type { DnsRecord, Query, RecordType } from './types.js';

export const MAX_CNAME_CHAIN = 8;

/**
 * What the table answers. Every variant is also a valid LookupResult (an 'nxdomain' carries the
 * CNAME chain that led to it in `records`, which LookupResult readers ignore).
 */
export type TableAnswer =
  | { status: 'ok' | 'nodata' | 'nxdomain'; query: Query; records: DnsRecord[] }
  | { status: 'servfail'; query: Query; records: DnsRecord[]; detail: string };

export class RecordTable {
  /** Records by owner name (normalised). */
  private readonly byName = new Map<string, DnsRecord[]>();
  /** Every proper ancestor of an owner name, so empty non-terminals answer NODATA. */
  private readonly ancestors = new Set<string>();

  constructor(records: readonly DnsRecord[]) {
    for (const record of records) {
      const name = normalizeName(record.name);
      const owned = this.byName.get(name);
      const normalized = { ...record, name };
      if (owned) owned.push(normalized);
      else this.byName.set(name, [normalized]);
      const labels = name.split('.');
      for (let index = 1; index < labels.length; index += 1) this.ancestors.add(labels.slice(index).join('.'));
    }
  }

  /** Whether `name` owns at least one record. */
  owns(name: string): boolean {
    return this.byName.has(normalizeName(name));
  }

  /** Whether `name` exists in the table: it owns records or has names below it. */
  exists(name: string): boolean {
    const normalized = normalizeName(name);
    return this.byName.has(normalized) || this.ancestors.has(normalized);
  }

  /** Every record in the table (owner names normalised). */
  records(): DnsRecord[] {
    return [...this.byName.values()].flat();
  }

  answer(name: string, type: RecordType): TableAnswer {
    const query: Query = { name: normalizeName(name), type };
    const chain: DnsRecord[] = [];
    let current = query.name;
    for (;;) {
      const owned = this.byName.get(current) ?? [];
      const cname = type === 'CNAME' ? undefined : owned.find((record) => record.type === 'CNAME');
      if (cname === undefined || cname.type !== 'CNAME') {
        const matching = owned.filter((record) => record.type === type);
        if (matching.length > 0) return { status: 'ok', query, records: [...chain, ...matching] };
        const status = owned.length > 0 || this.ancestors.has(current) ? 'nodata' : 'nxdomain';
        return { status, query, records: chain };
      }
      chain.push(cname);
      const problem = cnameChainProblem(query.name, chain);
      if (problem !== undefined) return { status: 'servfail', query, records: chain, detail: problem };
      current = normalizeName(cname.target);
    }
  }
}

type CnameRecord = Extract<DnsRecord, { type: 'CNAME' }>;

/** The CNAME records met following `name` through `records`, in order, up to the first repeat. */
export function cnameChainOf(name: string, records: readonly DnsRecord[]): CnameRecord[] {
  const chain: CnameRecord[] = [];
  // Most answers hold no alias: no set of visited names for them (every answer off the wire comes here).
  if (!records.some((record) => record.type === 'CNAME')) return chain;
  const visited = new Set([normalizeName(name)]);
  let current = normalizeName(name);
  while (chain.length <= MAX_CNAME_CHAIN) {
    const cname = records.find((record): record is CnameRecord => record.type === 'CNAME' && normalizeName(record.name) === current);
    if (cname === undefined) break;
    chain.push(cname);
    current = normalizeName(cname.target);
    if (visited.has(current)) break;
    visited.add(current);
  }
  return chain;
}

/**
 * What is wrong with a CNAME chain followed from `name` (a loop, or more than MAX_CNAME_CHAIN
 * aliases), or undefined: one rule for zone files and for answers off the wire.
 */
export function cnameChainProblem(name: string, chain: readonly DnsRecord[]): string | undefined {
  const last = chain[chain.length - 1];
  if (last === undefined || last.type !== 'CNAME') return undefined;
  const target = normalizeName(last.target);
  if (target === normalizeName(name) || chain.some((record) => normalizeName(record.name) === target)) {
    return `CNAME loop at ${target} (${describeChain(chain)})`;
  }
  if (chain.length > MAX_CNAME_CHAIN) return `CNAME chain longer than ${MAX_CNAME_CHAIN} at ${normalizeName(last.name)} (${describeChain(chain)})`;
  return undefined;
}

function describeChain(chain: readonly DnsRecord[]): string {
  const names = chain.map((record) => record.name);
  const last = chain[chain.length - 1];
  if (last?.type === 'CNAME') names.push(normalizeName(last.target));
  return names.join(' → ');
}
