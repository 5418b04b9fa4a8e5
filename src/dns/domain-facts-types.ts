// What the engine gathers about one domain before the domain checks run (owned by the domain audit).
import type { LookupResult } from './types.js';

export interface ExchangeFacts {
  /** The MX record's exchange, lower-case, no trailing dot. */
  exchange: string;
  /** The lowest preference the exchange is listed with. */
  preference: number;
  a: LookupResult;
  aaaa: LookupResult;
  /**
   * Asked only when the A lookup says NXDOMAIN or REFUSED: such an answer carries no records, so this
   * shows whether the exchange is an alias (whose target is missing, or outside the zone files).
   */
  cname?: LookupResult;
}

export interface DomainFacts {
  /** The domain as looked up (lower-case, no trailing dot). */
  domain: string;
  mx: LookupResult;
  /**
   * One entry per distinct exchange of the MX answer (empty when there is no MX answer), ordered by
   * preference. A null MX exchange (`.`, kept as the empty string) is not looked up and not listed.
   */
  exchanges: ExchangeFacts[];
  /** The domain's own A/AAAA, asked for the implicit-MX fallback (RFC 5321 5.1) when there is no MX. */
  a?: LookupResult;
  aaaa?: LookupResult;
  /**
   * Exchanges the resolver cannot answer for (an offline run whose zone files do not cover them, such
   * as a mail provider's hosts): not looked up, so no check judges them; absent when none.
   */
  exchangesOutsideZones?: { exchange: string; preference: number }[];
  /**
   * Set when the domain was NXDOMAIN and so was its top-level domain, which the Public Suffix List
   * knows to exist: the resolver is broken or filtering, so the domain's absence proves nothing.
   */
  topLevelDomainDenied?: { topLevelDomain: string; server?: string };
  /** Exchanges past the audit's limit, not looked up (a hostile or broken MX set); absent when none. */
  exchangesNotLookedUp?: string[];
}
