// Non-standard bounces: the recipients and the server's words in the human-readable text, for mail
// systems that send no RFC 3464 delivery-status part (qmail, Exim, older Sendmail, Exchange 2003,
// Courier, webmail providers) or send one without a diagnostic. Each recipient is an address at the
// start of a line in one of the layouts those systems write:
//   qmail        `<user@example.jp>:` then the remote host's words
//   Postfix      `<user@example.jp>: host mx.example.jp[192.0.2.1] said: 550 …`
//   Exim         `  user@example.jp` alone, indented, then `    SMTP error from remote mail server …`
//   Sendmail     `user@example.jp... User unknown`, or the address alone under "had permanent fatal errors"
//   Gmail, Exchange, Courier, webmail: the address alone on its line, the reason in the next paragraph.

export interface TextRecipient {
  recipient: string;
  diagnostic: string;
  /** 0-based line of the text where the recipient is named. */
  lineIndex: number;
}

const ADDRESS = String.raw`[^\s<>()",;:@\[\]]+@[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]`;

/**
 * A line that names a recipient: the address first (after a bullet or a label some systems write),
 * then `:`, `...`, a bracketed reason or the reason itself (Zoho, Mail2000), or nothing.
 */
const RECIPIENT_LINE = new RegExp(
  String.raw`^\s*(?:[*\u2022-]\s*)?(?:RCPT To:\s*|Recipient address:\s*|Recipient:\s*|Original-Recipient:\s*rfc822;\s*|)<?(?:mailto:)?(${ADDRESS})>?(?:\s*\((?:expanded from|generated from)[^)]*\))?(?:\s*(?::|\.\.\.)?\s*(.*))?$`,
  'i',
);

/**
 * A sentence naming the recipient inside it: "There was an error delivering your mail to <x>" (DragonFly),
 * "Could not be delivered to: <x>" (KDDI), "Delivery failed 20 attempts: x" (IMail), "The following
 * recipients returned permanent errors: x." (Mail Enable), "Your message to x couldn't be delivered" (Office 365).
 */
const RECIPIENT_MENTION = new RegExp(
  String.raw`(?:deliver(?:ing|y of)? your (?:mail|message) to|could not be delivered to:?|couldn't be delivered to:?|was not delivered to:?|wasn.?t delivered to|delivery to|failed \d+ attempts:|returned permanent errors:|your message to|undeliverable to|unable to deliver (?:message )?to)\s*<?(${ADDRESS})>?`,
  'i',
);

/** Sendmail's summary of a failed recipient: `550 5.1.1 <user@example.jp>... User unknown`. */
const SENDMAIL_ERROR_LINE = new RegExp(String.raw`^([245]\d\d(?: [245]\.\d{1,3}\.\d{1,3})?) <?(${ADDRESS})>?\.\.\.\s*(.*)$`);

/** Exim lists recipients indented by two spaces under this line, their reasons indented deeper. */
const EXIM_LIST_HEADER = /(?:following address(?:\(es\))? failed|(?:address|addresses) to which the message has not yet been delivered (?:is|are)):\s*$/i;

/**
 * Lines after which the text is the returned message, not the report (qmail, Exim, Sendmail, Exchange, generic).
 * Indentation is [ \t]*, not \s*: searched line by line over a whole body (flag m), \s* ran from every
 * line start across all the blank lines after it (quadratic).
 */
export const RETURNED_MESSAGE_SEPARATOR =
  /^[ \t]*(?:-{2,}[ \t]*)?(?:Below this line is a copy of the message|This is a copy of the message|Original message follows|Original message header follows|Unsent message (?:below|follows)|The (?:original|header of the original) message (?:is following|follows)|Message header follows|Headers of the original message|Original message headers?|Returned message|Forwarded message|Message headers follow|original message)\b.*$/i;

/** The line an SMTP session transcript or DSN field starts with: not a recipient line, though it may hold one. */
const TRANSCRIPT_LINE = /^\s*(?:>>>|<<<|[245]\d\d[ -]|Final-Recipient|Original-Recipient|Diagnostic-Code|X-Actual-Recipient)/i;

/** The report part of a text: everything before the returned message. */
export function reportPartOf(lines: readonly string[]): readonly string[] {
  const separator = lines.findIndex((line) => RETURNED_MESSAGE_SEPARATOR.test(line));
  return separator === -1 ? lines : lines.slice(0, separator);
}

function recipientOnLine(line: string, inEximList: boolean): { address: string; rest: string } | undefined {
  if (inEximList) {
    // Exim: `  user@example.jp` or a local name (`  kijitora`, `  save to xxxx`) at two spaces.
    const exim = /^ {2}(\S.*?)\s*$/.exec(line);
    if (exim && !/^\s{3}/.test(line)) return { address: exim[1]!.replace(/^<(.*)>:?$/, '$1'), rest: '' };
    return undefined;
  }
  const sendmail = SENDMAIL_ERROR_LINE.exec(line);
  if (sendmail) return { address: sendmail[2]!, rest: `${sendmail[1]} ${sendmail[3]}` };
  if (TRANSCRIPT_LINE.test(line)) return undefined;
  const start = RECIPIENT_LINE.exec(line);
  if (start) return { address: start[1]!, rest: (start[2] ?? '').trim() };
  const mention = RECIPIENT_MENTION.exec(line);
  if (mention) return { address: mention[1]!, rest: line.slice(mention.index + mention[0].length).replace(/^[\s.:]+/, '') };
  return undefined;
}

export function recipientsInText(text: string): TextRecipient[] {
  const lines = reportPartOf(text.split(/\r?\n/));
  const found = new Map<string, TextRecipient>();
  let current: TextRecipient | undefined;
  let blankRun = 0;
  let inEximList = false;
  for (const [index, line] of lines.entries()) {
    if (EXIM_LIST_HEADER.test(line)) {
      inEximList = true;
      current = undefined;
      continue;
    }
    const named = recipientOnLine(line, inEximList);
    if (named) {
      const key = named.address.toLowerCase();
      current = found.get(key) ?? { recipient: named.address, diagnostic: '', lineIndex: index };
      found.set(key, current);
      if (named.rest) current.diagnostic += `${named.rest} `;
      blankRun = 0;
      continue;
    }
    if (!current) continue;
    if (line.trim() === '') {
      blankRun += 1;
      // The reason may be in the paragraph after the address (Gmail, Exchange) or after "because:"
      // (Domino); a second paragraph ends it.
      const waiting = current.diagnostic.trim() === '' || current.diagnostic.trimEnd().endsWith(':');
      if (!waiting || blankRun > 2) current = undefined;
      continue;
    }
    blankRun = 0;
    if (/^\s*-{3,}/.test(line)) {
      current = undefined;
      continue;
    }
    current.diagnostic += `${line.trim()} `;
  }
  return [...found.values()].map((recipient) => ({ ...recipient, diagnostic: recipient.diagnostic.trim() }));
}
