// Findings about the input itself rather than a check's verdict: the file could not be read, is
// not a message at all, or was left out on purpose. They are not checks (no rule setting turns them
// off: switching them off would turn an unread file into a silent pass). Unread or binary input is
// an error; a cap on what was audited, or a link a folder walk did not follow (it could print any
// file, ~/.aws/credentials say; the user decides by naming it), is a warning, so the gap is never silent.

export const INPUT_UNREADABLE = 'input-unreadable';
export const INPUT_BINARY = 'input-binary';
/** A message named more domains than a run audits for one message: the rest were not checked. */
export const INPUT_DOMAINS_CAPPED = 'input-domains-capped';
/** MIME parts nested past the scanner's depth bound, or past its part cap: not checked. */
export const INPUT_MIME_CAPPED = 'input-mime-capped';
/** An mbox "From " separator line that does not read as "From <sender> <date>", or a mailbox that does not start with one. */
export const INPUT_MBOX_SEPARATOR = 'input-mbox-separator';
/** A symbolic link out of the folder being walked: not followed. */
export const INPUT_SKIPPED = 'input-skipped';

/** --fix left a signed message as it was: any repair would break its signature (RFC 7103). */
export const FIX_SIGNED_MESSAGE = 'fix-signed-message';
/** --fix met a message of an mbox file: mailboxes are linted, never rewritten. */
export const FIX_MAILBOX_MESSAGE = 'fix-mailbox-message';
/** --fix repaired a message but could not write it back: the file is as it was. */
export const FIX_WRITE_FAILED = 'fix-write-failed';

/** `maillint bounce`: a recipient the bounce reports as failed, delayed, or complained about; or no bounce at all. */
export const BOUNCE_FAILED = 'bounce-failed';
export const BOUNCE_DELAYED = 'bounce-delayed';
export const BOUNCE_COMPLAINT = 'bounce-complaint';
export const BOUNCE_UNRECOGNIZED = 'bounce-unrecognized';
/** Past the size or recipient cap of one bounce: the rest was not read. */
export const BOUNCE_TRUNCATED = 'bounce-truncated';

interface InputFindingKind {
  title: string;
  severity: 'error' | 'warn' | 'info';
  /** What `maillint rules <id>` says of it. */
  explanation: string;
  /** A flag that raises it to an error (`bounce --strict`), when one does. */
  raisedBy?: string;
}

const BOUNCE_NEVER_OFF = 'No rule turns it off: it is what the bounce says, not a check of the message.';
const NEVER_OFF = 'No rule turns it off, because an input that was not checked must never look clean.';

/** Every input finding: its title, severity and explanation, in one table. */
export const INPUT_FINDINGS: Readonly<Record<string, InputFindingKind>> = {
  [INPUT_UNREADABLE]: {
    title: 'Input could not be read',
    severity: 'error',
    explanation: `maillint reports it when it could not read an input (permission denied, not a regular file, a read error). ${NEVER_OFF}`,
  },
  [INPUT_BINARY]: {
    title: 'Input is binary data, not a message',
    severity: 'error',
    explanation: `maillint reports it when an input is not an RFC 5322 message at all (NUL or control bytes where the header should be). ${NEVER_OFF}`,
  },
  [INPUT_DOMAINS_CAPPED]: {
    title: 'Message names more domains than one run audits for a message',
    severity: 'warn',
    explanation:
      'a message whose address fields name more distinct domains than a run audits for one message (50) has the mail DNS of ' +
      `the first 50 audited and this warning for the rest, so a hostile recipient list cannot drive thousands of lookups. ${NEVER_OFF}`,
  },
  [INPUT_SKIPPED]: {
    title: 'Input was not read: a symbolic link out of the folder being linted',
    severity: 'warn',
    explanation:
      'a folder walk does not follow a symbolic link (to a file or a folder) whose target lies outside the folder it was given, ' +
      'since such a link could put any file on the machine (credentials, say) in the report; it reports the link with this ' +
      'warning instead. To lint what it points at, name it on the command line. An mbox file with no message in it is reported ' +
      `the same way, so an empty mailbox is never taken for a clean one. ${NEVER_OFF}`,
  },
  [INPUT_MIME_CAPPED]: {
    title: 'Message nests MIME parts deeper, or has more parts, than one run checks',
    severity: 'warn',
    explanation:
      'the MIME structure is read in one pass with a bound: parts nested deeper than 20 levels, or past the 1,000th part, are read ' +
      `as content and not checked, so a hostile message cannot make the scan unbounded; this warning says so. ${NEVER_OFF}`,
  },
  [INPUT_MBOX_SEPARATOR]: {
    title: 'Mailbox file has a broken "From " separator line',
    severity: 'warn',
    explanation:
      'an mbox file is split into its messages at its "From " lines (RFC 4155); a separator that is not "From <sender> <date>", ' +
      'or a mailbox that does not start with one, is reported with this warning at its line, since mail programs may split the ' +
      `mailbox differently there. ${NEVER_OFF}`,
  },
  [FIX_SIGNED_MESSAGE]: {
    title: 'Message is signed (DKIM or ARC), so --fix left it as it was',
    severity: 'info',
    explanation:
      '--fix and --fix-dry-run leave a message with a DKIM-Signature, ARC-Seal or ARC-Message-Signature field byte for byte: ' +
      'any repair would break the signature (RFC 7103: receivers do not repair mail for that reason). Fix the draft before it is signed; ' +
      'the findings are still reported.',
  },
  [FIX_MAILBOX_MESSAGE]: {
    title: 'Message is in a mailbox (mbox) file, so --fix left it as it was',
    severity: 'info',
    explanation:
      '--fix and --fix-dry-run rewrite message files, never an mbox file, whose other messages a mail program owns; each ' +
      'message of a mailbox gets this note, its findings are reported, and none carries edits (they would be offsets in the ' +
      'message, not in the file). Fix the draft where it is written, or save it as an .eml file.',
  },
  [FIX_WRITE_FAILED]: {
    title: 'The fixed message could not be written back; the file is as it was',
    severity: 'error',
    explanation:
      '--fix repaired a message but could not replace the file (permission denied, a full disk): the file is left as it was, ' +
      'and the findings reported are those of the file as it is.',
  },
  [BOUNCE_FAILED]: {
    title: 'A bounce reports that delivery to this recipient failed',
    severity: 'error',
    explanation: `\`maillint bounce\` reports it for each failed recipient of a bounce; its \`bounces\` result gives the reason, the checks that prevent it and the remedy. ${BOUNCE_NEVER_OFF}`,
  },
  [BOUNCE_DELAYED]: {
    title: 'A bounce reports that delivery to this recipient is delayed',
    severity: 'warn',
    explanation: `\`maillint bounce\` reports it for each recipient a delay notice names: the server is still retrying. ${BOUNCE_NEVER_OFF}`,
  },
  [BOUNCE_COMPLAINT]: {
    title: 'A feedback report (RFC 5965): the recipient complained about the message',
    severity: 'warn',
    explanation: `\`maillint bounce\` reports it for each recipient of a feedback report (RFC 5965, Microsoft JMRP, Amazon SES complaints). ${BOUNCE_NEVER_OFF}`,
  },
  [BOUNCE_UNRECOGNIZED]: {
    title: 'The message is not a bounce maillint recognizes',
    severity: 'warn',
    explanation: `\`maillint bounce\` reports it for an input with no delivery status, feedback report, auto-reply or failed recipient. ${BOUNCE_NEVER_OFF}`,
    raisedBy: '--strict',
  },
  [BOUNCE_TRUNCATED]: {
    title: 'Only part of a bounce input was read',
    severity: 'warn',
    explanation: `\`maillint bounce\` reads the first 16 MB of an input and classifies up to 1,000 recipients of one bounce; it reports what it left out with this warning, so the gap is never silent. ${BOUNCE_NEVER_OFF}`,
  },
};
