// Why a recipient bounced, in Sisimai's vocabulary: first the server's words (each pattern names
// the mail system or standard whose text it reads), then the enhanced status code (RFC 3463 and its
// IANA registry, RFC 7372, RFC 7505, RFC 8601's 5.7.x family as the big mailbox providers use it).
// Words come first because servers put a generic code (5.0.0, 5.7.1, 5.2.1) before specific text.

import type { BounceReason } from './types.js';

interface TextRule {
  reason: BounceReason;
  /** Who writes these words (the mail system or standard the rule follows). */
  source: string;
  pattern: RegExp;
}

/**
 * Most specific first: a message "rejected as spam because the IP is listed" is blocked (the IP),
 * a "mailbox full" that also says "user" is mailboxfull.
 */
export const TEXT_RULES: readonly TextRule[] = [
  // DNS failures while routing (RFC 3463 X.4.3): Gmail "DNS Error", Postfix "Host not found, try again", Sendmail "host name lookup failure", Microsoft 5.4.312.
  { reason: 'networkerror', source: 'DNS failures: Gmail "DNS Error", Postfix, Sendmail, Microsoft 5.4.312', pattern: /dns error|dns query failed|host not found, try again|host name lookup failure|temporary lookup failure|responded with code (?:servfail|nxdomain|noerror)|mail (?:forwarding|routing) loop|loops back to myself|too many hops|hop count exceeded|routing loop/i },
  // Delay notices: the message is still queued and will be retried (RFC 3464 Action: delayed as Gmail,
  // Exim, Sendmail and Zoho word it) or the retries ran out (RFC 3463 X.4.7).
  { reason: 'expired', source: 'delay notices and retry time-outs: Gmail, Exim, Sendmail, qmail, IMail, Zoho', pattern: /will be retried|will keep trying|still undelivered after|delivery attempts will continue|warning message only|has not yet been delivered|all hosts have been failing|could not deliver for the last \d+|(?:has been|was) (?:in the queue|queued) too long|too long in (?:the )?queue|could not be delivered for (?:more than )?\d|message expired(?!, dns)|delivery failed (?:after )?\d+ attempts|did not accept our requests? to connect|connection timed out|timed out while|delivery time expired|i'm not going to try again/i },
  // Authentication results (RFC 7208 SPF, RFC 6376 DKIM, RFC 7489 DMARC) as Gmail (5.7.26, "unauthenticated"),
  // Yahoo, Microsoft (5.7.509 "does not pass DMARC"), GoDaddy ("per its SPF record") word them.
  { reason: 'spamdetected', source: 'Google Groups "spam classification"', pattern: /spam classification/i },
  { reason: 'authfailure', source: 'RFC 7208/7489 rejections: Gmail, Yahoo, Microsoft, GoDaddy', pattern: /\bspf\b.{0,60}\b(?:fail|not (?:permitted|authorized|designated)|record)|\bdmarc\b.{0,60}(?:fail|reject|policy|not pass)|not pass dmarc|unauthenticated (?:email|mail)|(?:dkim|spf) (?:check|validation)? ?failed|not allowed to send from .{0,80}spf|5\.7\.(?:23|26|509)\b/i },
  // Reverse DNS required: Gmail 5.7.25, GMX "Bad DNS PTR", Microsoft "mismatches client ip", Postfix reject_unknown_client_hostname, Exim verify.
  { reason: 'requireptr', source: 'Gmail 5.7.25, GMX, Microsoft, Postfix reject_unknown_*_hostname, Sendmail', pattern: /(?:no|missing|without|lacks?|does not have a|has no|bad) (?:valid )?(?:dns )?(?:ptr|reverse[- ]dns|rdns)|reverse (?:dns|lookup) (?:failed|required|does not match|mismatch)|cannot find your (?:reverse )?hostname|client host rejected: cannot find|ptr (?:resource )?record|not have a reverse dns|unresolvable (?:ip|address)|5\.7\.25\b|ip name lookup failed|unknown client host|reverse hostname|mismatches client ip|fix reverse dns|unverifi?[ay]ble sending ips?|is not \d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/i },
  { reason: 'speeding', source: 'Gmail 4.7.28/4.2.1 rate limits, Yahoo TS0x, GoDaddy IB607', pattern: /(?:receiving|sending) (?:mail|messages) at a rate|rate limit(?:ed)?|too many (?:messages|mails|emails)|has sent to too many recipients|exceeded the (?:maximum )?(?:sending|message) rate|throttl|slow down/i },
  // Connection and message-rate limits: Tencent "Ip frequency limited", Postfix connection limits.
  { reason: 'toomanyconn', source: 'Tencent QQ, Postfix smtpd_client_connection_count_limit, Exim, Sendmail', pattern: /too many (?:connections|concurrent|simultaneous|smtp sessions|sessions|recipients)|connection (?:count|rate) limit|frequency limited|too many errors/i },
  // RFC 5782 DNS blocklists and provider reputation blocks: Spamhaus, Spamcop, Barracuda; Outlook.com
  // "banned sending IP", Yahoo 553 "IP blocked", AOL "DYN:T1", Japanese ISPs' OP25B ("use the smtp server of your ISP").
  { reason: 'blocked', source: 'RFC 5782 DNSBLs via Postfix/Sendmail/Exim, Outlook.com, Yahoo, AOL, Japanese ISPs', pattern: /blocked using|(?<!not )listed (?:at|on|in|by) (?!.*directory)|\b(?:rbl|dnsbl|blacklist(?:ed)?|blocklist(?:ed)?|spamhaus|spamcop|barracudacentral|sorbs|cbl\.abuseat)\b|client host (?:\[[^\]]*\] )?blocked|ip (?:address )?(?:is |has been )?(?:blocked|banned|blacklisted|listed)|banned sending ip|your (?:ip|network|server) (?:address )?(?:has been |is )?(?:blocked|banned|blacklisted|listed)|dynamic (?:ip|address|pool)|dyn:t1|residential|dialup|not (?:allowed|accepted) from (?:your|this) (?:ip|network)|service unavailable;? client host|rejected due to (?:ip|network)|hostname .* looks generic|mail from your (?:ip|network)|use the smtp server of your isp|use your (?:isp|provider)'?s? (?:smtp|mail) server/i },
  { reason: 'badreputation', source: 'Gmail 421/550 5.7.1 "unusual rate/low reputation", Outlook.com', pattern: /(?:low|poor|bad) reputation|unusual rate of unsolicited|suspicious due to the very low reputation/i },
  // Relaying refused: RFC 5321 550 "relay not permitted" as Postfix, Sendmail, Exim, Exchange write it; Amazon SES sandbox identities.
  { reason: 'norelaying', source: 'RFC 5321 relaying refused (Postfix, Sendmail, Exim, Exchange), Amazon SES', pattern: /relay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed)|prohibited|refused)|(?:not permitted|unable) to relay|we do not relay|no relaying|cannot relay|is not a local domain|open relay|email address is not verified/i },
  { reason: 'virusdetected', source: 'Amavis, ClamAV, McAfee, Trend Micro, Exim content scanners', pattern: /\bvirus\b|\bmalware\b|infected|trojan/i },
  // Sender authentication to the submission server (RFC 4954).
  { reason: 'securityerror', source: 'RFC 4954 SMTP AUTH, RFC 3463 X.7.x security wording', pattern: /authentication (?:is )?required|must (?:be authenticated|authenticate)|smtp auth(?:entication)? (?:failed|required)|invalid credentials|encryption (?:required|needed)|tls required|unauthenticated senders?|sender not authenticated|message integrity|delivery not authorized/i },
  { reason: 'failedstarttls', source: 'RFC 3207 STARTTLS failures (Postfix, Exim)', pattern: /starttls (?:failed|failure|error)|tls (?:handshake|negotiation) failed|cannot start tls/i },
  { reason: 'notcompliantrfc', source: 'RFC 5322 compliance: Gmail 5.7.1 "not RFC 5322 compliant", Microsoft', pattern: /rfc ?5322|rfc ?2822|not (?:rfc|standards?)[- ]compliant|messages with multiple (?:\S+ ){0,3}addresses in from|multiple (?:from|sender|date|subject|to|cc|message-id):? (?:headers|fields)|duplicate (?:header|field)|header (?:is )?(?:malformed|invalid)|malformed (?:header|message)|missing (?:required )?(?:header|date|from|message-id)/i },
  { reason: 'spamdetected', source: 'SpamAssassin, Rspamd, Gmail, Yahoo, Barracuda, Amazon SES "Message content rejected"', pattern: /\bspam\b|unsolicited|junk mail|bulk mail|scored as|message content rejected|spam score|high probability of being spam/i },
  // Mailbox full: RFC 3463 X.2.2 wording, Dovecot "Quota exceeded", Exchange "mailbox is full", Yahoo, qmail, KDDI.
  { reason: 'mailboxfull', source: 'RFC 3463 X.2.2 wording; Dovecot, Exchange, Yahoo, qmail, Courier, KDDI', pattern: /mailbox (?:is )?(?:full|over ?quota|exceeds|size limit)|over ?quota|quota (?:exceeded|full|violation)|exceed(?:ed|s)? (?:the )?(?:storage |mailbox )?quota|(?:mailbox|mail ?box|inbox|disk) (?:is )?full|insufficient storage for mailbox|user(?:'s)? (?:mailbox|disk) (?:is )?(?:full|over)|account is full|mailfolder is full|too much mail data|storage limit/i },
  { reason: 'exceedlimit', source: 'RFC 3463 X.2.3, Exchange RecipSizeLimit, Sendmail administrative limits', pattern: /recipsizelimit|message too large for this recipient|exceeded (?:the )?administrative limit|message length exceeds administrative limit/i },
  // Message too large: RFC 1870 SIZE (552 5.3.4), Postfix message_size_limit, Exchange 5.3.4.
  { reason: 'mesgtoobig', source: 'RFC 1870 SIZE, Postfix message_size_limit, Exchange 5.3.4', pattern: /message (?:is )?too (?:big|large)|message (?:size|length) exceeds|exceeds (?:the )?(?:maximum|fixed) (?:message )?size|size (?:limit )?exceeded|message file too big|mail size limit|larger than the (?:current )?(?:system )?limit/i },
  { reason: 'systemfull', source: 'RFC 3463 X.3.1; Postfix "insufficient system storage", Sendmail', pattern: /insufficient (?:system |disk )?(?:storage|resources|space)(?! for mailbox)|(?:mail )?system (?:is )?full|disk full|out of (?:disk|memory|space)|no space left/i },
  // Moved: RFC 5321 551 "user not local; please try", RFC 3463 X.1.6.
  { reason: 'hasmoved', source: 'RFC 5321 551, RFC 3463 X.1.6', pattern: /has (?:been )?moved|mailbox moved|user not local|no longer at this address|new address/i },
  // Account disabled or suspended (RFC 3463 X.2.1): Gmail "account ... is disabled", Yahoo, Outlook.com, La Poste "account is blocked".
  { reason: 'suspend', source: 'RFC 3463 X.2.1; Gmail, Yahoo, Outlook.com, La Poste, Amazon SES', pattern: /(?:account|mailbox|user|recipient|address)(?: that you tried to reach)?(?: has been| is)? (?:(?:temporarily|currently|now|been) )?(?:disabled|suspended|deactivated|inactive|locked|frozen|blocked|not active)|(?:disabled|suspended|inactive|deactivated) (?:account|mailbox|recipient|user)/i },
  // A domain without mail service: RFC 7505 null MX, no MX (Yahoo, qmail, Mail.ru "indicated no SMTP service").
  { reason: 'notaccept', source: 'RFC 7505 null MX; no MX (Yahoo, qmail, Mail.ru), RFC 5321 521/556', pattern: /null mx|no mx record|couldn't find a mail exchanger|indicated no smtp service|does not accept (?:any )?mail|not accepting (?:any )?mail|accepts no mail|host does not receive any mail|domain does not receive|no mail service/i },
  // Unknown host: RFC 3463 X.1.2 wording, Postfix "Host or domain name not found", Exim "all relevant MX records point to non-existent hosts".
  { reason: 'hostunknown', source: 'RFC 3463 X.1.2; Postfix, Sendmail, Exim, qmail, Outlook.com', pattern: /host or domain name not found|domain (?:name )?(?:not found|does not exist|is not valid|unknown|is not reachable)|unknown (?:host|domain)|no such (?:domain|host)|host (?:unknown|not found)|unrouteable (?:mail )?domain|unroutable domain|all relevant mx records point to non-existent hosts|couldn't find any host named|recipient domain .* does not exist|domain couldn't be found|invalid domain|illegal host\/domain/i },
  // Unknown user: RFC 5321 550 "no such user", RFC 3463 X.1.1 wording, and the phrasings of Postfix,
  // Sendmail, Exim, qmail, Exchange ("RESOLVER.ADR.RecipientNotFound"), Gmail, Yahoo, Outlook.com, Domino.
  { reason: 'userunknown', source: 'RFC 5321/3463 X.1.1 wording; Postfix, Sendmail, Exim, qmail, Exchange, Gmail, Yahoo, Domino', pattern: /user (?:unknown|not found|does not exist|doesn't exist|name is not recognized)|unknown (?:user|recipient|local[- ]part|mailbox|alias)|no such (?:user|mailbox|recipient|account|person|local user)|(?:mailbox|recipient|account|email address|user) (?:\S+ )?(?:does not exist|doesn't exist|not found|is not known|is unknown|was not found|cannot be found|couldn't be found)|recip(?:ient)?notfound|recipient not found|invalid (?:recipient|mailbox|user)|not a (?:valid|known) (?:user|recipient|mailbox)|doesn't have an? \S+ account|email account that you tried to reach does not exist|wasn.?t found at the destination|recipient name is not recognized|not listed in (?:the )?(?:domino )?directory|mailbox not found|address couldn.?t be found|no mailbox here by that name|is not a valid mailbox|is not a registered|unknown or illegal alias|address does not exist|bad recipient|destinataire invalide/i },
  // Trend Micro InterScan MSS reports an unknown recipient as "Unable to deliver message to <x> (and other recipients in the same domain)".
  { reason: 'userunknown', source: 'Trend Micro InterScan Messaging Security Suite', pattern: /\(and other recipients in the same domain\)/i },
  { reason: 'policyviolation', source: 'Exim ACLs, Microsoft, Google and Zoho policy rejections', pattern: /policy (?:violation|reasons|rejection)|violat(?:es?|ion of) (?:our|the|local|site) (?:policy|policies|terms)|rejected by (?:local )?policy|header error|content policy|content presents a potential|prohibited (?:attachment|file|content)|blocked by (?:transport|mail flow) rule/i },
  { reason: 'contenterror', source: 'RFC 3463 X.6.x wording: media, encoding and conversion', pattern: /content (?:error|not accepted)|invalid (?:mime|content)|(?:mime|message) (?:structure|format) (?:error|invalid)|improper use of 8-bit|conversion (?:required|failed)|illegal (?:character|header)/i },
  // Mail refused for the sender (RFC 5321 550/553 at MAIL FROM; RFC 3463 X.1.7, X.1.8, X.7.27).
  { reason: 'rejected', source: 'RFC 3463 X.1.7/X.1.8, Postfix reject_*_sender, Sendmail, Exim, Yahoo', pattern: /sender (?:address )?(?:rejected|denied|refused|blocked|verify failed|not allowed)|domain of sender address .* does not exist|unroutable sender|(?:mail ?from|return[- ]path|envelope sender|sender) (?:address )?(?:is )?(?:invalid|not accepted|unknown)|not accepting (?:mail|messages) from|administrative prohibition|rejected by recipient|your (?:message|email|mail) (?:was|has been) (?:rejected|refused)/i },
  { reason: 'systemerror', source: 'RFC 3463 X.3.0/X.3.5 and local errors (Postfix, Sendmail, Exim, Exchange, Yahoo)', pattern: /system (?:error|failure|config(?:uration)? error)|internal (?:server )?error|server (?:error|failure)|local (?:error|configuration error)|temporary (?:local )?problem|misconfigur|unable to deliver message after multiple retries|service refuse|transaction failed|i\/o error|too many recursive/i },
  { reason: 'mailererror', source: 'Sendmail/Postfix/Exim local delivery agents (pipe, procmail) failing', pattern: /mailer error|\bmailer\b.*(?:died|failed|exited)|command (?:died|failed|output)|pipe to .* failed|procmail|unknown mailer|\bsh: |local delivery failed/i },
  // Weak words last: servers write them for many causes (RFC 5321 550 "mailbox unavailable").
  { reason: 'filtered', source: 'RFC 5321 550 "mailbox unavailable", filters (Postfix check_*_access, Exchange, Yahoo)', pattern: /filter(?:ed)?\b|delivery (?:not allowed)|message (?:was )?(?:blocked|refused)|recipient (?:has )?(?:blocked|refused)|does not accept mail from|mailbox unavailable|delivery restrictions|permission denied|not allowed to (?:receive|send)/i },
  { reason: 'userunknown', source: 'RFC 5321 550 5.1.1 wording used loosely (Postfix "Recipient address rejected", Yahoo, Zoho)', pattern: /recipient (?:address )?rejected|invalid (?:address|e-?mail)|address (?:rejected|unknown|invalid)|undeliverable address|no longer available|(?:mailbox|address) (?:unavailable|not available)/i },
  { reason: 'expired', source: 'RFC 3463 X.4.7 retry time-outs (Exim "retry timeout exceeded")', pattern: /retry time(?:out)? (?:not reached|exceeded)/i },
  { reason: 'syntaxerror', source: 'RFC 5321 500-504 command syntax replies', pattern: /syntax error|command unrecognized|bad sequence of commands|command not implemented|parameter not implemented|unrecognized command/i },
  { reason: 'networkerror', source: 'RFC 3463 X.4.x network wording; Postfix, Sendmail, Exim, qmail', pattern: /connection (?:refused|reset|lost|closed|dropped)|network (?:is )?(?:unreachable|error|down)|no route to host|lost connection|could not connect|unable to connect|can't connect|host is unreachable|broken pipe|name server (?:failure|timeout)/i },
];

/** RFC 3463 subject.detail codes (and the registry's later ones) with one plain reason each. */
const STATUS_REASONS: Readonly<Record<string, BounceReason>> = {
  '1.1': 'userunknown',
  '1.2': 'hostunknown',
  '1.3': 'userunknown',
  '1.4': 'userunknown',
  '1.5': 'delivered',
  '1.6': 'hasmoved',
  '1.7': 'rejected',
  '1.8': 'rejected',
  '1.9': 'rejected',
  '1.10': 'notaccept',
  '2.0': 'filtered',
  '2.1': 'filtered',
  '2.2': 'mailboxfull',
  '2.3': 'exceedlimit',
  '2.4': 'systemerror',
  '3.0': 'systemerror',
  '3.1': 'systemfull',
  '3.2': 'notaccept',
  '3.3': 'systemerror',
  '3.4': 'mesgtoobig',
  '3.5': 'systemerror',
  '4.0': 'networkerror',
  '4.1': 'expired',
  '4.2': 'networkerror',
  '4.3': 'systemerror',
  // X.4.4 "unable to route": the domain names no mail host (Yahoo, qmail, AOL write it for a missing MX).
  '4.4': 'notaccept',
  '4.5': 'networkerror',
  '4.6': 'networkerror',
  '4.7': 'expired',
  '5.0': 'syntaxerror',
  '5.1': 'syntaxerror',
  '5.2': 'syntaxerror',
  '5.3': 'toomanyconn',
  '5.4': 'syntaxerror',
  '5.5': 'syntaxerror',
  '5.6': 'syntaxerror',
  '6.0': 'contenterror',
  '6.1': 'contenterror',
  '6.2': 'contenterror',
  '6.3': 'contenterror',
  '6.4': 'contenterror',
  '6.5': 'contenterror',
  '6.6': 'contenterror',
  '6.7': 'contenterror',
  '6.8': 'contenterror',
  '6.9': 'contenterror',
  '7.0': 'securityerror',
  '7.1': 'rejected',
  '7.2': 'systemerror',
  '7.3': 'securityerror',
  '7.4': 'securityerror',
  '7.5': 'securityerror',
  '7.6': 'securityerror',
  '7.7': 'securityerror',
  '7.8': 'securityerror',
  '7.9': 'securityerror',
  '7.10': 'securityerror',
  '7.11': 'securityerror',
  '7.13': 'suspend',
  '7.14': 'securityerror',
  '7.15': 'securityerror',
  '7.16': 'mesgtoobig',
  '7.17': 'suspend',
  '7.18': 'suspend',
  '7.20': 'authfailure',
  '7.21': 'authfailure',
  '7.22': 'authfailure',
  '7.23': 'authfailure',
  '7.24': 'authfailure',
  '7.25': 'requireptr',
  '7.26': 'authfailure',
  '7.27': 'notaccept',
  '7.28': 'speeding',
  '7.29': 'authfailure',
  '7.30': 'securityerror',
  // Microsoft's DMARC rejection.
  '7.509': 'authfailure',
};

/** A server's words fit in a few lines; a hostile report must not feed megabytes to every rule. */
const MAX_CLASSIFIED_CHARACTERS = 8000;

export function reasonFromText(text: string): BounceReason | undefined {
  const words = text.slice(0, MAX_CLASSIFIED_CHARACTERS);
  if (words.trim() === '') return undefined;
  return TEXT_RULES.find((rule) => rule.pattern.test(words))?.reason;
}

export function reasonFromStatus(status: string): BounceReason | undefined {
  const match = /^([245])\.(\d{1,3}\.\d{1,3})$/.exec(status);
  if (!match) return undefined;
  if (match[1] === '2') return 'delivered';
  return STATUS_REASONS[match[2]!];
}

/** Codes too generic to name a cause alone: the words decide (X.0.0, and 5.7.1, "delivery not authorized"). */
export function isGenericStatus(status: string): boolean {
  return status === '' || /^[45]\.0\.0$/.test(status) || /^[45]\.7\.1$/.test(status) || /^[45]\.[124-7]\.0$/.test(status);
}
