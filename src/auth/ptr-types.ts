// What the engine gathers about a sending IP's reverse DNS, for the ptr-* checks.
// Kept free of imports beyond the resolver types, so src/types.ts can use it.

import type { LookupResult } from '../dns/types.js';

export interface PtrName {
  /** The PTR target, lower-case, no trailing dot. */
  name: string;
  /** A for an IPv4 address, AAAA for IPv6: the name's forward answer; absent when the name cannot be asked about. */
  forward?: LookupResult;
  /** Why the name was not looked up: DNS cannot ask about it (a label with a dot in it, read off the wire). */
  unaskable?: string;
  /** The forward answer holds the address: forward-confirmed reverse DNS. */
  confirmed: boolean;
  /** Why the name looks assigned to a dynamic or end-user line (src/auth/generic-ptr.ts); absent when it does not. */
  generic?: string;
}

export interface PtrFacts {
  /** Canonical text of the address. */
  address: string;
  family: 4 | 6;
  /** The address bytes (4 or 16). */
  bytes: number[];
  /** `7.113.0.203.in-addr.arpa`, or the 32 nibbles under ip6.arpa. */
  reverseName: string;
  /** Absent when not asked (see notAsked). */
  lookup?: LookupResult;
  /** Why the reverse name was not asked: an address receivers never see, or one outside the zone files. */
  notAsked?: string;
  /** The PTR names, each with its forward answer (at most MAX_PTR_NAMES). */
  names: PtrName[];
  /** PTR names past the limit, not looked up; absent when none. */
  namesNotLookedUp?: string[];
}
