import { defineCheck } from '../src/define-check.js';
import { dominantLineEnding, fieldBytes } from '../src/message/field-bytes.js';
import { fieldAtLine, fileLine, formatCount } from '../src/message/fields.js';
import { foldValue } from '../src/message/fold.js';
import { HARD_LINE_LIMIT, LONG_LINE_RECORD_THRESHOLD } from '../src/message/scan.js';
import type { HeaderField, LongLine, ParsedMessage } from '../src/message/types.js';
import type { Finding, FixEdit } from '../src/types.js';

/** RFC 5322 2.1.1: lines SHOULD stay within 78 characters; a fold aims there whatever the limit. */
const FOLD_WIDTH = 78;
const ADDRESS_LISTS = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'resent-from', 'resent-sender', 'resent-to', 'resent-cc', 'resent-bcc']);

/** The field folded at white space (or list commas) so no line passes the limit; none when a word is too long. */
function foldEdit(message: ParsedMessage, field: HeaderField, limit: number): FixEdit[] {
  const bytes = fieldBytes(field);
  if (!bytes) return [];
  const folded = foldValue(field.name, field.value, {
    width: FOLD_WIDTH,
    limit,
    addressList: ADDRESS_LISTS.has(field.lowerName),
    ending: dominantLineEnding(message),
  });
  return folded === undefined ? [] : [{ range: [bytes.valueStart, bytes.valueEnd], text: folded }];
}

/** Lines reported one by one; the rest are summed up in one finding, so a broken file stays readable. */
const MAX_REPORTED_LINES = 20;

// The option is validated to 78..998: the scanner records lines over 78 octets, and over 998 is
// always an error.
function limitFrom(options: { readonly maxLength: number }): number {
  return Math.floor(options.maxLength);
}

function findingFor(message: ParsedMessage, longLine: LongLine, limit: number): Finding {
  const overHard = longLine.octets > HARD_LINE_LIMIT;
  const field = longLine.inHeader ? fieldAtLine(message, longLine.line) : undefined;
  const where = longLine.inHeader ? `header line${field ? ` (${field.name})` : ''}` : 'body line';
  const why = overHard
    ? `the limit is ${HARD_LINE_LIMIT} octets before CRLF (RFC 5322 2.1.1, RFC 5321 4.5.3.1.6): receivers reject it ("500 line too long") or break the line, corrupting the text and DKIM signatures`
    : `over the ${limit}-octet limit set for this check (RFC 5322 2.1.1 recommends 78)`;
  const fix = longLine.inHeader
    ? `fold the ${field?.name ?? 'field'}: break it at white space with a line break followed by a space, so no line passes 78 characters`
    : 'send the body as quoted-printable or base64 (Content-Transfer-Encoding wraps long lines), or wrap the text';
  return {
    message: `${where} ${fileLine(message, longLine.line)} is ${formatCount(longLine.octets)} octets long: ${why}`,
    line: longLine.line,
    column: (overHard ? HARD_LINE_LIMIT : limit) + 1,
    fix,
    edits: field ? foldEdit(message, field, limit) : [],
    severity: overHard ? 'error' : 'warn',
    data: { octets: longLine.octets, limit: overHard ? HARD_LINE_LIMIT : limit },
  };
}

export default defineCheck({
  id: 'line-too-long',
  title: 'Line longer than 998 octets (or the configured limit)',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '500/554 line too long at receivers, or lines broken in transit (Postfix splits lines past 2048 octets), which corrupts text and invalidates DKIM',
  references: ['RFC 5322 2.1.1', 'RFC 5321 4.5.3.1.6', 'RFC 2045 6.7'],
  needs: [],
  options: {
    maxLength: {
      type: 'number',
      default: HARD_LINE_LIMIT,
      minimum: LONG_LINE_RECORD_THRESHOLD,
      maximum: HARD_LINE_LIMIT,
      description: 'Octets a line may hold before its line break, from 78 to 998; lines over it but within 998 are warnings (set 78 for the RFC 5322 recommendation).',
    },
  },
  run({ message, options }) {
    const limit = limitFrom(options);
    const over = message.longLines.filter((longLine) => longLine.octets > limit);
    const findings = over.slice(0, MAX_REPORTED_LINES).map((longLine) => findingFor(message, longLine, limit));

    const allRecorded = message.longLineCount === message.longLines.length;
    const reportedOverHard = over.slice(0, MAX_REPORTED_LINES).filter((longLine) => longLine.octets > HARD_LINE_LIMIT).length;
    const moreOverHard = message.linesOver998 - reportedOverHard;
    const moreOverLimit = allRecorded ? over.length - findings.length : Math.max(over.length - findings.length, moreOverHard);
    if (moreOverLimit > 0) {
      const count = allRecorded ? formatCount(moreOverLimit) : `at least ${formatCount(moreOverLimit)}`;
      findings.push({
        message: `${count} more line(s) over ${limit} octets${moreOverHard > 0 ? ` (${formatCount(moreOverHard)} over ${HARD_LINE_LIMIT})` : ''} not listed one by one; the longest in the message is ${formatCount(message.maxLineOctets)} octets`,
        severity: moreOverHard > 0 ? 'error' : 'warn',
        line: over[MAX_REPORTED_LINES]?.line,
        column: 1,
        fix: 'wrap or encode the body (quoted-printable or base64) and fold long header fields',
        data: { more: moreOverLimit, moreOver998: moreOverHard },
      });
    }
    return findings;
  },
});
