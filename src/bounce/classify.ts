// From what a bounce states (read-bounce.ts) to per-recipient results: reason, action, seed row,
// preventing checks, remedy. Feedback reports (RFC 5965) and auto-replies (RFC 3834) are results
// too, not failures.

import { fieldValue, parseHeaderFields } from './mime-reader.js';
import { preventionOf } from './prevention.js';
import { readBounce, replyIn, statusIn, type BounceReading, type RawRecipient } from './read-bounce.js';
import { isGenericStatus, reasonFromStatus, reasonFromText } from './reasons.js';
import type { BounceAction, BounceReason, BounceResult } from './types.js';
import { smtpCommandOf } from './smtp-command.js';
import { sesRecipients } from './amazon-ses.js';

/** A diagnostic is a server's sentence or two; a hostile one must not fill a report. */
const MAX_DIAGNOSTIC_CHARACTERS = 1000;
/** RFC 5321 4.5.3.1.3: a path is at most 256 octets; a longer "recipient" is cut before it is printed. */
const MAX_RECIPIENT_CHARACTERS = 256;

const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/;

function cap(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DIAGNOSTIC_CHARACTERS ? `${flat.slice(0, MAX_DIAGNOSTIC_CHARACTERS)}…` : flat;
}

/** RFC 3834 auto-replies and the vacation programs that predate it (Exchange "Automatic reply", X-Autoreply). */
function isAutoReply(reading: BounceReading): boolean {
  const field = (name: string): string => (fieldValue(reading, name) ?? '').toLowerCase();
  if (field('auto-submitted').startsWith('auto-replied')) return true;
  if (field('x-autoreply') !== '' || field('x-autorespond') !== '' || field('precedence') === 'auto_reply') return true;
  return /^(?:auto(?:matic)?[ -]?reply|out of (?:the )?office|autoreply|auto response|vacation)\b/i.test(reading.subject);
}

/** Where a bounce comes from (RFC 3464 2.1 reporting MTA; RFC 5321 4.5.5 null sender, MAILER-DAEMON by custom). */
function looksLikeBounce(reading: BounceReading): boolean {
  const from = (fieldValue(reading, 'from') ?? '').toLowerCase();
  if (/mailer-daemon|post_?master|mail delivery|mail administrator|mail.?system|bounce/.test(from)) return true;
  if (fieldValue(reading, 'x-failed-recipients') !== undefined) return true;
  return /undeliver|undelivered|delivery (?:status )?notification|delivery failure|failure notice|returned mail|mail delivery failed|could not be delivered|non[- ]?delivery|not delivered|delivery problem|warning: could not send|delayed mail|rejected|bounce|returned to sender|mail system error|failed delivery/i.test(reading.subject);
}

/**
 * Complaint reports that are not RFC 5965: Microsoft's JMRP (a forwarded copy with
 * X-HmXmrOriginalRecipient) and Apple Mail's unsubscribe requests ("sent this email to unsubscribe").
 */
function isComplaintReport(reading: BounceReading): boolean {
  const returnedHeader = reading.returned?.bytes.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  if (/^X-HmXmrOriginalRecipient:/im.test(returnedHeader)) return true;
  return /sent this email to unsubscribe/i.test(reading.text);
}

function feedbackRecipients(source: Uint8Array | string, reading: BounceReading): RawRecipient[] {
  // RFC 5965 3.2: Original-Rcpt-To may repeat, one per recipient; else the returned message's To.
  const text = Buffer.from(typeof source === 'string' ? source : Buffer.from(source)).toString('latin1');
  const recipients = [...text.matchAll(/^(?:Original-Rcpt-To|X-HmXmrOriginalRecipient):\s*<?([^>\s]+)>?/gim)].map((match) => match[1]!);
  if (recipients.length === 0) recipients.push(returnedRecipient(reading));
  return recipients.map((recipient) => ({ recipient, status: '', reply: '', diagnostic: fieldOf(text, 'Feedback-Type') }));
}

function fieldOf(text: string, name: string): string {
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(text)?.[1]?.trim() ?? '';
}

/**
 * The first word with an "@" inside it (as /[^\s<>,"]+@[^\s<>,"]+/ finds it, without the regular
 * expression's backtracking: on a long word with no "@" it tried every start against every end).
 */
export function firstAddressWord(text: string): string {
  // An "@" with at least one octet of the word on each side.
  return text.split(/[\s<>,"]+/).find((word) => word.slice(1, -1).includes('@')) ?? '';
}

/** The first recipient of the returned message (To), when the report names none itself. */
function returnedRecipient(reading: BounceReading): string {
  const header = reading.returned?.bytes.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const to = fieldValue({ fields: parseHeaderFields(header) }, 'to') ?? fieldValue(reading, 'x-failed-recipients') ?? '';
  return firstAddressWord(to);
}

/** Reasons about the recipient's mailbox or domain: what a refusal at MAIL FROM or at the greeting cannot be. */
const RECIPIENT_REASONS = new Set<BounceReason>(['userunknown', 'hostunknown', 'mailboxfull', 'filtered', 'suspend', 'hasmoved', 'onhold', 'expired', 'notaccept', 'undefined']);

/** Codes that name their cause outright; weak words ("mailbox unavailable") do not override them. */
const DEFINITE_STATUS = /^[45]\.(?:1\.1|2\.2|7\.(?:23|25|26|27|509))$/;
const WEAK_REASONS = new Set<BounceReason>(['filtered', 'rejected', 'onhold', 'systemerror', 'expired', 'networkerror', 'securityerror', 'syntaxerror', 'undefined']);

function reasonByWordsAndCode(recipient: RawRecipient, reading: BounceReading, action: BounceAction): BounceReason {
  const byStatus = reasonFromStatus(recipient.status);
  // Sendmail's `Diagnostic-Code: X-Unix; 71`: the local mailer's exit status (sysexits.h), no words.
  if (/^\d{1,3}$/.test(recipient.diagnostic.trim())) return byStatus && !isGenericStatus(recipient.status) ? byStatus : 'mailererror';
  const byWords = reasonFromText(recipient.diagnostic);
  // Words first: servers put a generic or borrowed code before specific text (Microsoft's 5.1.10 for
  // an unknown recipient, La Poste's 5.5.0 for everything); a definite code beats weak words.
  if (byWords && !(byStatus && DEFINITE_STATUS.test(recipient.status) && WEAK_REASONS.has(byWords))) return byWords;
  if (byStatus && !isGenericStatus(recipient.status)) return byStatus;
  if (byStatus && /^[45]\.7\.1$/.test(recipient.status)) return byStatus;
  // The recipient's own lines say nothing known: the whole report and its subject may.
  const byReport = reasonFromText(reading.report) ?? reasonFromText(reading.subject);
  if (byReport) return byReport;
  if (action === 'delayed') return 'expired';
  return recipient.status === '' && recipient.diagnostic === '' ? 'undefined' : 'onhold';
}

function reasonFor(recipient: RawRecipient, reading: BounceReading, action: BounceAction): BounceReason {
  if (action === 'delivered' || action === 'relayed' || action === 'expanded' || recipient.status.startsWith('2.')) return 'delivered';
  // Google Groups refuses a post from a non-member or to a group that does not exist: the sender is refused.
  if (/@googlegroups\.com$/i.test(recipient.recipient)) return 'rejected';
  // Exim and Sendmail name a pipe recipient `|/path/to/program`: its failure is the program's.
  if (recipient.recipient.startsWith('|')) return 'mailererror';
  const reason = reasonByWordsAndCode(recipient, reading, action);
  // The recipient's own lines name the command; the whole report does only when it is about one recipient.
  const command = smtpCommandOf(recipient.diagnostic) ?? (reading.recipients.length <= 1 ? smtpCommandOf(reading.report) : undefined);
  // RFC 5321 3.3: a refusal of MAIL FROM concerns the sender, one at the greeting the client host.
  if (command === 'MAIL' && RECIPIENT_REASONS.has(reason)) return 'rejected';
  if ((command === 'CONN' || command === 'HELO') && (RECIPIENT_REASONS.has(reason) || reason === 'systemerror')) return 'blocked';
  // A mailbox "unknown" only after DATA, with no X.1.1 code, is a filter's refusal (Japanese mobile
  // carriers, Courier, Sendmail transcripts answer so: the address was accepted at RCPT TO).
  if (command === 'DATA' && reason === 'userunknown' && !/^[45]\.1\.1$/.test(recipient.status)) return 'filtered';
  // RFC 3463 X.7.x is a security or policy refusal: "user unknown" under it is what a filter says.
  if (reason === 'userunknown' && /^[45]\.7\./.test(recipient.status)) return 'filtered';
  return reason;
}

function actionFor(recipient: RawRecipient): BounceAction {
  if (recipient.action) return recipient.action;
  if (recipient.status.startsWith('2.')) return 'delivered';
  if (recipient.status.startsWith('4.') || /^4\d\d$/.test(recipient.reply)) return 'delayed';
  return 'failed';
}

function resultOf(recipient: RawRecipient, reason: BounceReason, action: BounceAction): BounceResult {
  const prevention = preventionOf(reason);
  const result: BounceResult = {
    recipient: recipient.recipient.length > MAX_RECIPIENT_CHARACTERS ? `${recipient.recipient.slice(0, MAX_RECIPIENT_CHARACTERS)}…` : recipient.recipient,
    status: recipient.status,
    reply: recipient.reply,
    reason,
    diagnostic: cap(recipient.diagnostic),
    action,
    preventedBy: [...prevention.preventedBy],
    remedy: prevention.remedy,
  };
  if (prevention.seedRow) result.seedRow = prevention.seedRow;
  if (recipient.line !== undefined) result.line = recipient.line;
  const ip = IPV4.exec(recipient.diagnostic.replace(/\b\d+\.\d+\.\d+\.\d+\.\d+/g, ''))?.[0];
  if (ip && (reason === 'blocked' || reason === 'requireptr' || reason === 'badreputation')) result.ip = ip;
  return result;
}

export interface ClassifiedBounce {
  reading: BounceReading;
  results: BounceResult[];
  /** Recipients past MAX_RECIPIENTS, not classified (a hostile bounce listing a million addresses). */
  omitted: number;
}

/** More recipients than any real bounce names: the rest are counted, not classified. */
export const MAX_RECIPIENTS = 1000;

/** Amazon SES notifications, complaint reports and auto-replies: results of their own kind, or undefined. */
function otherKindResults(input: Uint8Array | string, reading: BounceReading): BounceResult[] | undefined {
  const contentType = (fieldValue(reading, 'content-type') ?? '').toLowerCase();
  const ses = sesRecipients(reading.text);
  if (ses.length > 0) {
    reading.kind = ses[0]!.kind === 'Complaint' ? 'feedback-report' : 'delivery-status';
    return ses.map((found) => {
      const raw: RawRecipient = { recipient: found.recipient, status: found.status, reply: replyIn(found.diagnostic), diagnostic: found.diagnostic, action: found.action };
      return resultOf(raw, found.kind === 'Complaint' ? 'feedback' : reasonFor(raw, reading, found.action), found.action);
    });
  }
  if (/report-type\s*=\s*"?feedback-report/.test(contentType) || isComplaintReport(reading)) {
    reading.kind = 'feedback-report';
    // The complaint is about a message that was delivered (RFC 5965 1).
    return feedbackRecipients(input, reading).map((recipient) => resultOf(recipient, 'feedback', 'delivered'));
  }
  if (reading.kind !== 'delivery-status' && isAutoReply(reading) && !looksLikeBounce(reading)) {
    reading.kind = 'auto-reply';
    const from = firstAddressWord(fieldValue(reading, 'from') ?? '');
    return [resultOf({ recipient: from, status: '', reply: '', diagnostic: reading.subject }, 'vacation', 'delivered')];
  }
  return undefined;
}

function classifyAll(input: Uint8Array | string): { reading: BounceReading; results: BounceResult[] } {
  const reading = readBounce(input);
  reading.omitted = Math.max(0, reading.recipients.length - MAX_RECIPIENTS);
  reading.recipients.splice(MAX_RECIPIENTS);
  const other = otherKindResults(input, reading);
  if (other) return { reading, results: other };
  if (reading.recipients.length === 0 && looksLikeBounce(reading)) {
    // A bounce whose report names no recipient in a layout we know: its text is the diagnostic.
    const report = reading.report;
    const diagnostic = report.split(/\r?\n\s*\r?\n/).find((paragraph) => statusIn(paragraph) !== '' || replyIn(paragraph) !== '') ?? report;
    reading.kind = 'text-report';
    reading.recipients.push({ recipient: returnedRecipient(reading), status: statusIn(diagnostic), reply: replyIn(diagnostic), diagnostic });
  }
  const results = reading.recipients.map((recipient) => {
    const action = actionFor(recipient);
    return resultOf(recipient, reasonFor(recipient, reading, action), action);
  });
  return { reading, results };
}

/** Reads a bounce and classifies each recipient (up to MAX_RECIPIENTS); a message that is no bounce gives no results. */
export function classifyBounce(input: Uint8Array | string): ClassifiedBounce {
  const { reading, results } = classifyAll(input);
  const omitted = (reading.omitted ?? 0) + Math.max(0, results.length - MAX_RECIPIENTS);
  return { reading, results: results.slice(0, MAX_RECIPIENTS), omitted };
}

/** `554 5.7.1 Service unavailable; Client host [192.0.2.4] blocked using …`: an SMTP reply line pasted as is. */
export const REPLY_LINE = /^\s*([245]\d\d)(?:[ -]+([245]\.\d{1,3}\.\d{1,3}))?[ -]+\S/;

export function looksLikeReplyLine(text: string): boolean {
  return REPLY_LINE.test(text) && !text.includes('\n');
}

export function classifyReplyLine(text: string): BounceResult {
  const match = REPLY_LINE.exec(text)!;
  const reply = match[1]!;
  const status = match[2] ?? '';
  const recipient = /<([^<>\s]+@[^<>\s]+)>/.exec(text)?.[1] ?? '';
  const raw: RawRecipient = { recipient, status, reply, diagnostic: text.trim() };
  const action = actionFor(raw);
  const reading: BounceReading = { kind: 'reply-line', recipients: [raw], subject: '', text: '', report: '', fields: [] };
  return resultOf(raw, reasonFor(raw, reading, action), action);
}
