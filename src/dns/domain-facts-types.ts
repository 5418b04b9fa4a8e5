// What the engine gathers about one domain before the domain checks run (owned by the domain audit).
import type { LookupResult } from './types.js';

export interface ExchangeFacts {
  /** The MX record's exchange, lower-case, no trailing dot. */
  exchange: string;
  preference: number;
  a: LookupResult;
  aaaa: LookupResult;
}

export interface DomainFacts {
  /** The domain as looked up (lower-case, no trailing dot). */
  domain: string;
  mx: LookupResult;
  /** One entry per distinct exchange of the MX answer (empty when there is no MX answer). */
  exchanges: ExchangeFacts[];
  /** The domain's own A/AAAA, asked for the implicit-MX fallback (RFC 5321 5.1) when there is no MX. */
  a?: LookupResult;
  aaaa?: LookupResult;
}
