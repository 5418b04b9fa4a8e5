// What the engine gathers about one sending IP before the blocklist checks run (owned by src/dnsbl).
// Kept free of imports from the rest of src/ except the resolver types, so src/types.ts can use it.

import type { LookupFailureStatus } from '../dns/types.js';
import type { AddressKind } from '../net/special-purpose-blocks.js';

/** One DNS blocklist (DNSBL) and how to read its answers (RFC 5782). */
export interface BlocklistDefinition {
  /** The list's zone, lower-case, no trailing dot: `zen.spamhaus.org`. */
  zone: string;
  /** Name shown in findings (defaults to the zone). */
  name: string;
  /** Meaning of each return code, `"127.0.0.2": "SBL: …"`; codes not in the map are still listings. */
  codes: Readonly<Record<string, string>>;
  /** Codes that mark a dynamic/residential (policy) range rather than bad behaviour (Spamhaus PBL). */
  dynamicCodes: readonly string[];
  /** Codes by which the list refuses to answer, besides 127.255.255.0/24 (their meanings go in `codes`). */
  refusalCodes: readonly string[];
  /** The list answers IPv6 queries (32 reversed nibbles); IPv4-only lists are not asked about IPv6 addresses. */
  ipv6: boolean;
  /** Where a listed sender looks up and requests removal (a page name; maillint never fetches it). */
  delisting?: string;
}

/** One code the list answered with and what the list's map says it means. */
export interface ListingCode {
  code: string;
  /** From the list's code map; absent for a code the map does not describe (still a listing). */
  meaning?: string;
  /** A policy/dynamic-range code (PBL): reported by dnsbl-dynamic-ip, not dnsbl-listed. */
  dynamic: boolean;
}

/** Why a list's answer cannot be used: it is never read as "not listed". */
export type UnusableReason =
  /** The list answered with a refusal code (127.255.255.0/24 or one of its own). */
  | 'refused'
  /** The answer was not a DNSBL answer: an address outside 127.0.0.0/8, no A record, records for another name. */
  | 'bad-answer'
  /** The query failed: SERVFAIL, REFUSED, timeout, malformed packet, network error. */
  | 'lookup-error'
  /** The list failed its RFC 5782 test entries in this run, so none of its answers are trusted. */
  | 'self-test-failed';

export type ListOutcome =
  /** NXDOMAIN for the address (and the list passed its test entries). */
  | { status: 'not-listed' }
  | {
      status: 'listed';
      codes: ListingCode[];
      /** The TXT reason, strings joined, shortened; control characters are left for formatters to escape. */
      reason?: string;
      /** Why there is no reason text (TXT lookup failed or empty). */
      reasonMissing?: string;
    }
  | {
      status: 'unusable';
      reason: UnusableReason;
      /** What went wrong, in words, naming the query. */
      detail: string;
      /** The refusal or unexpected codes, when the list answered with codes. */
      codes?: string[];
      /** The resolver's failure status, for lookup errors. */
      failure?: LookupFailureStatus;
    }
  /** The list does not answer for this address family (an IPv4-only list and an IPv6 address). */
  | { status: 'skipped'; detail: string };

export interface ListResult {
  list: BlocklistDefinition;
  /** The DNS name asked for the address: reversed octets or nibbles + the zone. */
  queryName: string;
  outcome: ListOutcome;
}

export interface IpFacts {
  /** The address as the user wrote it. */
  input: string;
  /** Canonical form (IPv4 for ::ffff:a.b.c.d; IPv6 compressed, lower-case). */
  address: string;
  family: 4 | 6;
  /** 'public', or the kind of special-purpose block the address is in ('private', 'documentation', …; src/net/ip.ts). */
  range: AddressKind;
  /** One entry per configured list, in the order the lists were configured. */
  lists: ListResult[];
}
