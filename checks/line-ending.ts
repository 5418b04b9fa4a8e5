import { defineCheck } from '../src/define-check.js';
import { dominantLineEnding } from '../src/message/field-bytes.js';
import { fileLine, formatCount } from '../src/message/fields.js';
import type { ParsedMessage } from '../src/message/types.js';
import type { Finding, FixEdit } from '../src/types.js';

// Decisions (checks/line-ending.md explains them):
// - bare CR anywhere: error. RFC 5322 2.3 allows CR only in CRLF; receivers reject it (SMTP smuggling defences).
// - CRLF and bare LF mixed: error. A sending library that sees CRLF passes the file through as is,
//   so the bare LFs go out on the wire and are rejected ("bare LF", Exchange's BareLinefeedsAreIllegal).
// - LF only: info. A draft on disk in Unix line endings is normal; sendmail -t, smtplib, nodemailer
//   and MSAs convert every line ending to CRLF. It only matters if the bytes go out unconverted.

// The fixes write the ending most lines already have (CRLF on a tie), and only when the scanner kept
// the offset of every ending to change.

/**
 * Bare CRs: one right before a CRLF is deleted (a doubled conversion, "\r\r\n"); in the header
 * any other becomes a space (a line break there would start a line that is not a field); in the
 * body it becomes a line break.
 */
function bareCrEdits(message: ParsedMessage): FixEdit[] {
  const { bareCr, crlf, offsets } = message.lineEndings;
  if (!offsets || offsets.bareCr.length !== bareCr || offsets.crlf.length !== crlf) return [];
  const crlfAt = new Set(offsets.crlf);
  const ending = dominantLineEnding(message);
  return offsets.bareCr.map((offset) => {
    const text = crlfAt.has(offset + 1) ? '' : offset < message.header.byteLength ? ' ' : ending;
    return { range: [offset, offset + 1], text };
  });
}

/** The minority endings of a mixed message, rewritten in the majority's form. */
function mixedEdits(message: ParsedMessage): FixEdit[] {
  const { bareLf, crlf, offsets } = message.lineEndings;
  if (!offsets) return [];
  if (dominantLineEnding(message) === '\r\n') {
    return offsets.bareLf.length === bareLf ? offsets.bareLf.map((offset) => ({ range: [offset, offset + 1], text: '\r\n' })) : [];
  }
  return offsets.crlf.length === crlf ? offsets.crlf.map((offset) => ({ range: [offset, offset + 2], text: '\n' })) : [];
}

export default defineCheck({
  id: 'line-ending',
  title: 'Bare CR, or CRLF and bare LF mixed',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal (Exchange Online); "bare <LF> received" / "bare <CR> received" rejections by Postfix and others since the SMTP smuggling fixes',
  references: ['RFC 5322 2.1', 'RFC 5322 2.3', 'RFC 5321 2.3.8', 'RFC 5321 4.1.1.4'],
  needs: [],
  run({ message }) {
    const { crlf, bareLf, bareCr, firstBareCr, firstBareLf, firstCrlf } = message.lineEndings;
    const findings: Finding[] = [];
    if (bareCr > 0 && firstBareCr) {
      findings.push({
        message: `${formatCount(bareCr)} bare CR octet(s) (a CR not followed by LF), the first at line ${fileLine(message, firstBareCr.line)}: RFC 5322 allows CR only as part of CRLF, and receivers reject it or read it as a line break`,
        line: firstBareCr.line,
        column: firstBareCr.column,
        fix: 'replace each bare CR with CRLF (or delete it); it often comes from text pasted from an old Mac file or a "\\r" in a template',
        edits: bareCrEdits(message),
        data: { bareCr },
      });
    }
    if (crlf > 0 && bareLf > 0 && firstBareLf && firstCrlf) {
      // Point at the minority style: that is where the file differs from itself.
      const lfIsMinority = bareLf <= crlf;
      const at = lfIsMinority ? firstBareLf : firstCrlf;
      findings.push({
        message: `mixed line endings: ${formatCount(crlf)} line(s) end in CRLF and ${formatCount(bareLf)} in a bare LF (first ${lfIsMinority ? 'bare LF' : 'CRLF'} at line ${fileLine(message, at.line)}); a sender that sees CRLF sends the bare LFs as they are, and receivers reject them`,
        line: at.line,
        column: at.column,
        fix:
          dominantLineEnding(message) === '\r\n'
            ? 'convert every line ending to CRLF (e.g. unix2dos, or normalise "\\r?\\n" to "\\r\\n" when rendering)'
            : 'end every line in LF like most of the file (what --fix does), or convert them all to CRLF (unix2dos) if the bytes are sent as they are',
        edits: mixedEdits(message),
        data: { crlf, bareLf },
      });
    }
    if (crlf === 0 && bareLf > 0 && firstBareLf) {
      findings.push({
        severity: 'info',
        message: `the file uses LF line endings only (${formatCount(bareLf)} lines): fine for a draft on disk, but SMTP sends CRLF; make sure your sending library or MSA converts them (most do)`,
        line: firstBareLf.line,
        column: firstBareLf.column,
        fix: 'convert the line endings to CRLF if the bytes are sent as they are (e.g. piped into an SMTP DATA command)',
        data: { bareLf },
      });
    }
    return findings;
  },
});
