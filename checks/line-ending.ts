import { defineCheck } from '../src/define-check.js';
import { formatCount } from '../src/message/fields.js';
import type { Finding } from '../src/types.js';

// Decisions (checks/line-ending.md explains them):
// - bare CR anywhere: error. RFC 5322 2.3 allows CR only in CRLF; receivers reject it (SMTP smuggling defences).
// - CRLF and bare LF mixed: error. A sending library that sees CRLF passes the file through as is,
//   so the bare LFs go out on the wire and are rejected ("bare LF", Exchange's BareLinefeedsAreIllegal).
// - LF only: info. A draft on disk in Unix line endings is normal; sendmail -t, smtplib, nodemailer
//   and MSAs convert every line ending to CRLF. It only matters if the bytes go out unconverted.

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
        message: `${formatCount(bareCr)} bare CR octet(s) (a CR not followed by LF), the first at line ${firstBareCr.line}: RFC 5322 allows CR only as part of CRLF, and receivers reject it or read it as a line break`,
        line: firstBareCr.line,
        column: firstBareCr.column,
        fix: 'replace each bare CR with CRLF (or delete it); it often comes from text pasted from an old Mac file or a "\\r" in a template',
        data: { bareCr },
      });
    }
    if (crlf > 0 && bareLf > 0 && firstBareLf && firstCrlf) {
      // Point at the minority style: that is where the file differs from itself.
      const lfIsMinority = bareLf <= crlf;
      const at = lfIsMinority ? firstBareLf : firstCrlf;
      findings.push({
        message: `mixed line endings: ${formatCount(crlf)} line(s) end in CRLF and ${formatCount(bareLf)} in a bare LF (first ${lfIsMinority ? 'bare LF' : 'CRLF'} at line ${at.line}); a sender that sees CRLF sends the bare LFs as they are, and receivers reject them`,
        line: at.line,
        column: at.column,
        fix: 'convert every line ending to CRLF (e.g. unix2dos, or normalise "\\r?\\n" to "\\r\\n" when rendering)',
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
