// The resolver contract shared by the network resolver, the zone-file resolver, the domain audit
// and the blocklist checks. Every failure mode is a distinct status: a lookup that failed is never
// mistaken for "no records".

export type RecordType = 'A' | 'AAAA' | 'MX' | 'CNAME' | 'TXT' | 'NS' | 'SOA' | 'PTR';

export type DnsRecord =
  | { type: 'A'; name: string; ttl: number; address: string }
  | { type: 'AAAA'; name: string; ttl: number; address: string }
  | { type: 'MX'; name: string; ttl: number; preference: number; exchange: string }
  | { type: 'CNAME'; name: string; ttl: number; target: string }
  | { type: 'TXT'; name: string; ttl: number; strings: string[] }
  | { type: 'NS'; name: string; ttl: number; target: string }
  | { type: 'PTR'; name: string; ttl: number; target: string }
  | { type: 'SOA'; name: string; ttl: number; primary: string; admin: string; serial: number };

export type LookupFailureStatus = 'servfail' | 'refused' | 'timeout' | 'malformed' | 'network-error';

export type LookupResult =
  /** NOERROR with records; `records` holds the whole answer section (CNAMEs included, owner names kept). */
  | { status: 'ok'; query: Query; records: DnsRecord[]; server?: string }
  /** NOERROR without records of the asked type (the answer may still hold a CNAME chain). */
  | { status: 'nodata'; query: Query; records: DnsRecord[]; server?: string }
  | { status: 'nxdomain'; query: Query; server?: string }
  /** The question could not be answered: never read as "no records". `detail` says what went wrong. */
  | { status: LookupFailureStatus; query: Query; detail: string; server?: string };

export interface Query {
  /** Lower-case, no trailing dot. */
  name: string;
  type: RecordType;
}

export interface Resolver {
  /** Never rejects: every failure comes back as a LookupResult with a failure status. */
  lookup(name: string, type: RecordType): Promise<LookupResult>;
  /**
   * Whether this resolver answers for `name` at all. An offline run with zone files answers only
   * for names inside those zones; the engine does not audit a domain its resolver cannot answer.
   * Absent = every name.
   */
  canAnswer?(name: string): boolean;
  /** The mail domains the resolver's zone files define (MX owners and zone apexes); absent without zone files. */
  mailDomains?(): string[];
  /** Releases sockets and timers. */
  close?(): Promise<void> | void;
}
