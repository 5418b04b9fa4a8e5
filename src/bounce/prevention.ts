// Which maillint checks catch each bounce reason before sending, which row of the provider's list
// (DESIGN.md section 1, the IONOS table maillint grew from) it is, and one sentence of remedy.
// Check ids are the catalogue's (DESIGN.md section 4); some belong to checks other branches are
// adding (spf-*, dmarc-*, ptr-*, smtp-*, mime-*), and test/bounce/prevention.test.ts lists which
// ones the registry does not have yet. Empty preventedBy: nothing can be checked before sending.

import type { BounceReason } from './types.js';

export interface Prevention {
  preventedBy: readonly string[];
  seedRow?: string;
  remedy: string;
}

const SEED = {
  policy: '554 Transaction failed, reject due to policy restrictions',
  noMx: 'Domain has no valid mail exchangers',
  dnsbl: '554 Service unavailable; client host blocked using a DNSBL',
  dynamic: '550 not all recipients reachable: own server on dyndns',
  authRequired: '550 not all recipients reachable: authentication required',
  authFailed: '535 Authentication failure',
  unknownUser: '550 Unknown User / Mailbox unavailable',
  unauthenticated: '550 5.7.26 unauthenticated (DMARC), 550 5.7.25 no PTR',
  content: '550 5.6.0 invalid content, 554 5.6.1 body type not supported',
  quota: '550 Quota exceeded',
} as const;

const HEADER_CHECKS = [
  'header-syntax',
  'header-duplicate',
  'header-non-ascii',
  'header-size',
  'date-missing',
  'date-invalid',
  'from-missing',
  'from-invalid',
  'from-multiple',
  'sender-invalid',
  'message-id-missing',
  'message-id-invalid',
  'encoded-word-invalid',
  'line-too-long',
  'line-ending',
] as const;
const MIME_CHECKS = ['mime-version-missing', 'mime-boundary-missing', 'mime-boundary-invalid', 'mime-transfer-encoding-invalid', 'mime-8bit-undeclared', 'mime-charset-invalid', 'mime-parameter-encoding', 'body-nul'] as const;
const ADDRESS_CHECKS = ['address-invalid', 'address-typo-domain', 'address-special-use-domain', 'domain-nxdomain', 'mx-null', 'mx-missing', 'smtp-recipient-rejected'] as const;
const MX_CHECKS = ['domain-nxdomain', 'mx-missing', 'mx-null', 'mx-null-mixed', 'mx-cname', 'mx-ip-literal', 'mx-target-missing', 'mx-private-address', 'address-typo-domain', 'address-special-use-domain'] as const;
const AUTH_CHECKS = ['spf-missing', 'spf-invalid', 'spf-multiple', 'spf-too-many-lookups', 'spf-void-lookups', 'spf-not-authorized', 'dmarc-missing', 'dmarc-invalid', 'dmarc-multiple', 'dmarc-would-fail', 'dkim-key-missing', 'dkim-key-invalid', 'dkim-key-weak'] as const;
const PTR_CHECKS = ['ptr-missing', 'ptr-mismatch', 'ptr-generic'] as const;

/** The one table: reason → checks, seed row, remedy. */
export const PREVENTION: Readonly<Record<BounceReason, Prevention>> = {
  authfailure: { preventedBy: AUTH_CHECKS, seedRow: SEED.unauthenticated, remedy: 'Publish SPF and DMARC for the sender domain and sign with DKIM so the From domain aligns, then resend.' },
  badreputation: { preventedBy: ['dnsbl-listed', 'dnsbl-dynamic-ip', ...PTR_CHECKS, ...AUTH_CHECKS], remedy: 'Authenticate the mail (SPF, DKIM, DMARC), send only to people who asked for it, and let the sending IP or domain rebuild its reputation.' },
  blocked: { preventedBy: ['dnsbl-listed', 'dnsbl-dynamic-ip', ...PTR_CHECKS], seedRow: SEED.dnsbl, remedy: 'Send through a relay whose IP is not on a blocklist (or have this IP delisted) and give it matching reverse DNS.' },
  contenterror: { preventedBy: [...MIME_CHECKS, 'smtp-8bit-unsupported'], seedRow: SEED.content, remedy: 'Fix the MIME structure and declare 8-bit content (or encode it) before sending.' },
  delivered: { preventedBy: [], remedy: 'Nothing to do: the message was delivered.' },
  exceedlimit: { preventedBy: ['smtp-size-exceeded'], remedy: 'Send a smaller message (link large files) or fewer recipients per message.' },
  expired: { preventedBy: [...MX_CHECKS, 'dns-lookup-failed'], remedy: 'The receiving server did not answer for days: check its MX hosts are reachable, then resend.' },
  failedstarttls: { preventedBy: ['smtp-tls-unavailable', 'smtp-tls-certificate'], remedy: 'Fix TLS on the sending or receiving server (certificate, protocol versions) so STARTTLS succeeds.' },
  feedback: { preventedBy: [], remedy: 'A recipient reported the message as spam: stop mailing them and review how the list was gathered.' },
  filtered: { preventedBy: [], remedy: 'The recipient or their server filters this sender: ask the recipient to allow it, or reach them another way.' },
  hasmoved: { preventedBy: [], remedy: 'The recipient has a new address: update the list with it.' },
  hostunknown: { preventedBy: MX_CHECKS, seedRow: SEED.noMx, remedy: 'Correct the recipient domain (a typo, or a domain without mail service) and remove it from the list if it is gone.' },
  mailboxfull: { preventedBy: [], seedRow: SEED.quota, remedy: 'Nothing to fix before sending: the recipient must empty their mailbox; retry later.' },
  mailererror: { preventedBy: [], remedy: 'The receiving side\'s local delivery program failed: tell its postmaster.' },
  mesgtoobig: { preventedBy: ['smtp-size-exceeded'], remedy: 'Send a smaller message: link large attachments instead of attaching them.' },
  networkerror: { preventedBy: [...MX_CHECKS, 'dns-lookup-failed'], remedy: 'The receiving server could not be reached: check its MX hosts and the network path, then resend.' },
  norelaying: { preventedBy: ['smtp-auth-required', 'smtp-auth-unavailable', ...MX_CHECKS], seedRow: SEED.authRequired, remedy: 'Send through your own provider\'s submission server with SMTP AUTH, not a server that does not relay for you.' },
  notaccept: { preventedBy: ['mx-null', 'mx-missing', 'mx-null-mixed', 'domain-nxdomain'], seedRow: SEED.noMx, remedy: 'The domain accepts no mail (null MX or none): remove the address from the list.' },
  notcompliantrfc: { preventedBy: [...HEADER_CHECKS, ...MIME_CHECKS], seedRow: SEED.policy, remedy: 'Make the message RFC 5322 compliant (one valid Date, From and Message-ID; well-formed headers), then resend.' },
  onhold: { preventedBy: [], remedy: 'The bounce does not say why: read the diagnostic and ask the receiving postmaster.' },
  policyviolation: { preventedBy: [...HEADER_CHECKS, ...MIME_CHECKS, 'address-unquoted-display-name'], seedRow: SEED.policy, remedy: 'The receiver\'s policy refused the message: fix the headers or content it names, then resend.' },
  rejected: { preventedBy: ['from-invalid', 'sender-invalid', 'smtp-sender-rejected', ...AUTH_CHECKS, 'domain-nxdomain', 'mx-missing'], remedy: 'The sender address was refused: send from a valid, existing domain that publishes SPF and DMARC.' },
  requireptr: { preventedBy: [...PTR_CHECKS, 'dnsbl-dynamic-ip'], seedRow: SEED.dynamic, remedy: 'Give the sending IP reverse DNS (PTR) that resolves back to it, or send through a relay that has it.' },
  securityerror: { preventedBy: ['smtp-auth-required', 'smtp-auth-failed', 'smtp-auth-mechanism', 'smtp-tls-unavailable', 'smtp-tls-certificate'], seedRow: SEED.authFailed, remedy: 'Authenticate to the submission server (correct credentials, a mechanism it offers, over TLS).' },
  spamdetected: { preventedBy: AUTH_CHECKS, remedy: 'The content was scored as spam: authenticate the mail and review the content and list hygiene.' },
  speeding: { preventedBy: [], remedy: 'Too much mail too fast: slow the sending rate and retry later.' },
  suspend: { preventedBy: [], remedy: 'The recipient\'s account is disabled: remove or pause the address.' },
  syntaxerror: { preventedBy: ['smtp-recipient-rejected', 'smtp-sender-rejected', 'smtp-utf8-unsupported'], remedy: 'The sending program spoke SMTP wrongly: update or fix it.' },
  systemerror: { preventedBy: [], remedy: 'The receiving system failed: retry later, and tell its postmaster if it persists.' },
  systemfull: { preventedBy: [], remedy: 'The receiving system is out of storage: retry later.' },
  toomanyconn: { preventedBy: [], remedy: 'Too many connections or recipients at once: lower the concurrency and retry.' },
  undefined: { preventedBy: [], remedy: 'The bounce gives no cause maillint recognizes: read the diagnostic.' },
  userunknown: { preventedBy: ADDRESS_CHECKS, seedRow: SEED.unknownUser, remedy: 'Correct or remove the recipient address: the mailbox does not exist.' },
  vacation: { preventedBy: [], remedy: 'An automatic reply, not a failure: nothing to do.' },
  virusdetected: { preventedBy: [], remedy: 'Scan the message and its attachments, remove the infected content, then resend.' },
};

export function preventionOf(reason: BounceReason): Prevention {
  return PREVENTION[reason];
}
