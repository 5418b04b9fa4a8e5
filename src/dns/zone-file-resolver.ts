// A Resolver that answers from master-format zone files, so a zone can be audited before it is
// published and the examples run without a network.
//
// It behaves like a recursive resolver whose only data are the loaded zones: inside a zone it
// answers authoritatively (NXDOMAIN included), following CNAMEs across the loaded zones. What it
// cannot know it does not guess: a name outside every zone, or a CNAME leading out of them, is a
// 'refused' lookup whose detail says so (never NXDOMAIN, never NODATA). The same goes for names at
// or below a delegation (NS records below a zone's apex, RFC 1034 4.2.1): their records live in the
// child zone, which a parent zone file only points at (RFC 1034 4.3.2 step 3b: a referral).

import { InputFileError, readTextFile } from '../input/read-text-file.js';
import { normalizeName } from './dns-name.js';
import { RecordTable, type TableAnswer } from './record-table.js';
import type { DnsRecord, LookupResult, RecordType, Resolver } from './types.js';
import { isInZone, parseZoneFile, ZoneFileError, type ParsedZone } from './zone-file.js';

export { ZoneFileError } from './zone-file.js';

export type ZoneFileResolver = Resolver & {
  canAnswer(name: string): boolean;
  /** The apex of every loaded zone. */
  readonly origins: readonly string[];
  /**
   * The mail domains the zones define, for an audit given no names (as named-checkzone checks
   * every MX): every owner of MX records and every zone apex, in DNS canonical order (RFC 4034
   * 6.1: by labels from the right, so a zone's names follow its apex). Left out: wildcard owners
   * (no one sends to `*.example.com`) and names at or below a zone cut, whose records the child
   * zone holds.
   */
  mailDomains(): string[];
};

/** Zone files are refused past this size: real zones are a few MB; the largest TLD zones are not audited here. */
export const MAX_ZONE_FILE_BYTES = 32 * 1024 * 1024;

/** The server name put on answers, so a finding can say where an answer came from. */
const SERVER = 'zone file';

export class ZoneSetResolver implements ZoneFileResolver {
  readonly origins: readonly string[];
  private readonly table: RecordTable;
  /** Names that own records of types DnsRecord does not model (and their ancestors). */
  private readonly otherNames = new Set<string>();
  private readonly sources = new Map<string, string>();
  /** Zone cuts: owners of NS records below their zone's apex, with the NS targets. */
  private readonly cuts = new Map<string, string[]>();

  constructor(zones: readonly (ParsedZone & { source: string })[]) {
    this.origins = zones.map((zone) => zone.origin);
    for (const zone of zones) this.sources.set(zone.origin, zone.source);
    this.table = new RecordTable(zones.flatMap((zone) => zone.records));
    for (const zone of zones) {
      for (const record of zone.records) {
        if (record.type !== 'NS' || record.name === zone.origin) continue;
        this.cuts.set(record.name, [...(this.cuts.get(record.name) ?? []), record.target]);
      }
    }
    for (const zone of zones) {
      for (const owner of zone.otherOwners) {
        const labels = owner.split('.');
        for (let index = 0; index < labels.length; index += 1) this.otherNames.add(labels.slice(index).join('.'));
      }
    }
  }

  mailDomains(): string[] {
    const names = new Set(this.origins);
    for (const record of this.table.records()) if (record.type === 'MX') names.add(record.name);
    return [...names]
      // Reverse zones (in-addr.arpa, ip6.arpa) hold PTR records for the ptr-* checks, not mail domains.
      .filter((name) => name !== '' && !name.split('.').includes('*') && name !== 'arpa' && !name.endsWith('.arpa') && this.canAnswer(name))
      .sort(compareCanonically);
  }

  canAnswer(name: string): boolean {
    const normalized = normalizeName(name);
    const zone = this.zoneOf(normalized);
    return zone !== undefined && this.delegationOf(normalized, zone) === undefined;
  }

  lookup(name: string, type: RecordType): Promise<LookupResult> {
    return Promise.resolve(this.answer(name, type));
  }

  /** The apex of the deepest loaded zone that covers `name`. */
  private zoneOf(name: string): string | undefined {
    let best: string | undefined;
    for (const origin of this.origins) {
      if (isInZone(name, origin) && (best === undefined || origin.length > best.length)) best = origin;
    }
    return best;
  }

  /** The zone cut at or above `name` and strictly below the apex of `zone`, if any. */
  private delegationOf(name: string, zone: string): string | undefined {
    const labels = name.split('.');
    for (let index = 0; index < labels.length; index += 1) {
      const ancestor = labels.slice(index).join('.');
      if (ancestor === zone || !isInZone(ancestor, zone)) return undefined;
      if (this.cuts.has(ancestor)) return ancestor;
    }
    return undefined;
  }

  /** Why `name` cannot be answered from the zone files because it is delegated, or undefined. */
  private delegationProblem(name: string): string | undefined {
    const zone = this.zoneOf(name);
    const cut = zone === undefined ? undefined : this.delegationOf(name, zone);
    if (cut === undefined) return undefined;
    const servers = (this.cuts.get(cut) ?? []).join(', ');
    return `${cut} is delegated (NS ${servers}) by the zone file of ${zone}: its records are in the child zone, which is not loaded`;
  }

  private answer(rawName: string, type: RecordType): LookupResult {
    const name = normalizeName(rawName);
    const query = { name, type };
    const zone = this.zoneOf(name);
    if (zone === undefined) {
      return { status: 'refused', query, server: SERVER, detail: `no loaded zone file covers ${name || '.'} (zones: ${this.origins.join(', ')})` };
    }
    const server = `zone file ${this.sources.get(zone) ?? zone}`;
    const delegated = this.delegationProblem(name);
    if (delegated !== undefined) return { status: 'refused', query, server, detail: `${name}: ${delegated}` };
    const answer = this.withWildcards(this.table.answer(name, type), type);
    if (answer.status === 'servfail') return { status: 'servfail', query, server, detail: answer.detail };
    const last = answer.records[answer.records.length - 1];
    const final = last?.type === 'CNAME' && answer.status !== 'ok' ? normalizeName(last.target) : undefined;
    if (final !== undefined && this.zoneOf(final) === undefined) {
      return {
        status: 'refused',
        query,
        server,
        detail: `${name} leads by CNAME to ${final}, which no loaded zone file covers`,
      };
    }
    // A CNAME chain that enters delegated space would be answered from the parent's glue, not the child.
    for (const hop of answer.records) {
      if (hop.type !== 'CNAME') continue;
      const target = normalizeName(hop.target);
      const problem = this.zoneOf(target) === undefined ? undefined : this.delegationProblem(target);
      if (problem !== undefined) return { status: 'refused', query, server, detail: `${name} leads by CNAME to ${target}: ${problem}` };
    }
    const endName = final ?? name;
    if (answer.status === 'nxdomain') {
      // A name owning only records maillint does not model (SRV, CAA, …) exists: NODATA.
      if (this.otherNames.has(endName)) return { status: 'nodata', query, server, records: answer.records };
      return { status: 'nxdomain', query, server };
    }
    return { status: answer.status, query, server, records: answer.records };
  }

  /**
   * RFC 4592 wildcards: a name that does not exist, whose closest existing ancestor owns `*`,
   * is answered from the wildcard's records, owned by the name asked for.
   */
  private withWildcards(answer: TableAnswer, type: RecordType): TableAnswer {
    if (answer.status !== 'nxdomain') return answer;
    const last = answer.records[answer.records.length - 1];
    const missing = last?.type === 'CNAME' ? normalizeName(last.target) : answer.query.name;
    const labels = missing.split('.');
    for (let index = 1; index < labels.length; index += 1) {
      const encloser = labels.slice(index).join('.');
      if (!this.table.exists(encloser) && !this.otherNames.has(encloser)) continue;
      const wildcard = `*.${encloser}`;
      if (!this.table.owns(wildcard)) return answer;
      const synthesized = this.table.answer(wildcard, type);
      const renamed = synthesized.records.map((record): DnsRecord => (record.name === wildcard ? { ...record, name: missing } : record));
      return { ...synthesized, query: answer.query, records: [...answer.records, ...renamed] };
    }
    return answer;
  }
}

/** RFC 4034 6.1 canonical order: compare labels from the right; a name sorts before its descendants. */
function compareCanonically(left: string, right: string): number {
  const leftLabels = left.split('.').reverse();
  const rightLabels = right.split('.').reverse();
  for (let index = 0; index < Math.min(leftLabels.length, rightLabels.length); index += 1) {
    if (leftLabels[index] !== rightLabels[index]) return leftLabels[index]! < rightLabels[index]! ? -1 : 1;
  }
  return leftLabels.length - rightLabels.length;
}

/**
 * Reads and parses zone files. A file that cannot be read or parsed is a ZoneFileError naming the
 * file and line (the CLI reports it and exits 2). Only regular files of at most MAX_ZONE_FILE_BYTES
 * are read: a config may point `zones` at /dev/zero, a FIFO or a huge log.
 */
export async function loadZoneFiles(paths: readonly string[]): Promise<ZoneFileResolver> {
  const zones = await Promise.all(
    paths.map(async (path) => {
      let text: string;
      try {
        text = readTextFile(path, { maxBytes: MAX_ZONE_FILE_BYTES });
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        throw new ZoneFileError(path, 0, `cannot read zone file: ${error.reason}`);
      }
      return { ...parseZoneFile(text, { fileName: path }), source: path };
    }),
  );
  const seen = new Map<string, string>();
  for (const zone of zones) {
    const earlier = seen.get(zone.origin);
    if (earlier !== undefined) throw new ZoneFileError(zone.source, 1, `the zone this file defines is also loaded from ${earlier}`);
    seen.set(zone.origin, zone.source);
  }
  return new ZoneSetResolver(zones);
}
