// What the engine gathers about one domain's DMARC policy (RFC 7489), for the dmarc-* checks.
// Kept free of imports beyond the resolver types, so src/types.ts can use it.

import type { LookupResult } from '../dns/types.js';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type Alignment = 'r' | 's';

export interface DmarcProblem {
  message: string;
  /** 1-based character position in the record (TXT strings joined). */
  column: number;
  /** error: receivers misread or discard the record; warn: ignored by receivers, likely a slip. */
  severity: 'error' | 'warn';
}

export interface ReportUri {
  tag: 'rua' | 'ruf';
  uri: string;
  column: number;
  /** The mailbox's domain of a valid mailto: URI, lower-case. */
  host?: string;
}

export interface DmarcRecord {
  /** The record as published, strings joined. */
  text: string;
  /** Absent when p= is missing or invalid. */
  policy?: DmarcPolicy;
  subdomainPolicy?: DmarcPolicy;
  adkim: Alignment;
  aspf: Alignment;
  /** pct=, 0..100 (100 when absent or invalid). */
  percent: number;
  reportUris: ReportUri[];
  problems: DmarcProblem[];
}

/** The RFC 7489 7.1 authorization asked of a report destination in another organizational domain. */
export interface ReportAuthorization {
  destination: string;
  /** `<policy domain>._report._dmarc.<destination>`. */
  name: string;
  uris: string[];
  /** Absent when the run could not ask (offline, the name outside the zone files). */
  lookup?: LookupResult;
  authorized: boolean;
}

export interface DmarcFacts {
  domain: string;
  /**
   * The domain's organizational domain (Public Suffix List); absent when discovery stopped at the
   * domain's own record, so the list (tldts) is not loaded for it.
   */
  organizationalDomain?: string;
  /** `_dmarc.<domain>`, then `_dmarc.<organizational domain>` when the first holds no DMARC record. */
  lookups: LookupResult[];
  /** Names the run could not ask (offline, outside the zone files): nothing is concluded from them. */
  notAsked: string[];
  /** The domain whose `_dmarc` record applies (the domain itself or its organizational domain). */
  policyDomain?: string;
  /** Every record starting `v=DMARC1` at the policy domain: one is a policy; more is none (6.6.3). */
  records: DmarcRecord[];
  /** TXT at a `_dmarc` name that meant to be DMARC but that receivers discard (no exact `v=DMARC1` first). */
  discarded: { name: string; text: string }[];
  reportAuthorizations: ReportAuthorization[];
  /** Report destinations in other organizations past the limit, not asked about; absent when none. */
  destinationsNotChecked?: string[];
}
