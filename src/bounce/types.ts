// What `maillint bounce` reports per recipient of a bounce. The reason vocabulary is Sisimai's
// (https://libsisimai.org/en/reason/), so results compare with the most used bounce classifier.

export const BOUNCE_REASONS = [
  'authfailure',
  'badreputation',
  'blocked',
  'contenterror',
  'delivered',
  'exceedlimit',
  'expired',
  'failedstarttls',
  'feedback',
  'filtered',
  'hasmoved',
  'hostunknown',
  'mailboxfull',
  'mailererror',
  'mesgtoobig',
  'networkerror',
  'norelaying',
  'notaccept',
  'notcompliantrfc',
  'onhold',
  'policyviolation',
  'rejected',
  'requireptr',
  'securityerror',
  'spamdetected',
  'speeding',
  'suspend',
  'syntaxerror',
  'systemerror',
  'systemfull',
  'toomanyconn',
  'undefined',
  'userunknown',
  'vacation',
  'virusdetected',
] as const;

export type BounceReason = (typeof BOUNCE_REASONS)[number];

/** RFC 3464 2.3.3 Action values. */
export type BounceAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

/** One recipient of a bounce: what happened, why, and what would have prevented it. */
export interface BounceResult {
  /** The recipient address as the bounce names it ('' when it names none). */
  recipient: string;
  /** Enhanced status code (RFC 3463), e.g. 5.1.1; '' when the bounce gives none. */
  status: string;
  /** SMTP reply code (RFC 5321 4.2), e.g. 550; '' when the bounce gives none. */
  reply: string;
  reason: BounceReason;
  /** The receiving server's text (escaped by the formatters, capped here). */
  diagnostic: string;
  action: BounceAction;
  /** The row of the provider's bounce list (DESIGN.md section 1) this bounce is, where one fits. */
  seedRow?: string;
  /** maillint check ids that catch the cause before sending; empty where nothing can. */
  preventedBy: string[];
  /** One sentence: what to do about it. */
  remedy: string;
  /** 1-based line of the bounce where this recipient is reported, when known. */
  line?: number;
  /** The IP the diagnostic names (a blocklist or reverse-DNS rejection), when it names one. */
  ip?: string;
}
