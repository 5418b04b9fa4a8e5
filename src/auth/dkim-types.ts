// What the engine gathers about a domain's DKIM keys (RFC 6376 3.6), one per selector the run
// knows for the domain, for the dkim-key-* checks. Kept free of imports beyond the resolver types.

import type { LookupResult } from '../dns/types.js';

export interface DkimKeyProblem {
  message: string;
  /** 1-based character position in the record (TXT strings joined). */
  column: number;
  severity: 'error' | 'warn';
}

export interface DkimKey {
  /** The record as published, strings joined. */
  text: string;
  /** k=, lower-case (rsa when absent). */
  keyType: string;
  /** p= is empty: the key was revoked (RFC 6376 3.6.1). */
  revoked: boolean;
  /** The modulus length of an RSA key node:crypto could read. */
  rsaBits?: number;
  problems: DkimKeyProblem[];
}

export interface DkimKeyFacts {
  domain: string;
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  /** Absent when not asked (see notAsked). */
  lookup?: LookupResult;
  /** Why the name was not asked: outside the zone files of an offline run, or not a DNS name. */
  notAsked?: string;
  /** Every TXT record at the name, strings joined. */
  records: string[];
  /** The key, when there is exactly one record. */
  key?: DkimKey;
}
