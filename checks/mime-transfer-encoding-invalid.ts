import { defineCheck } from '../src/define-check.js';
import { formatCount } from '../src/message/fields.js';
import { MAX_ENCODED_LINE, RECOMMENDED_LINE } from '../src/mime/content.js';
import type { Finding } from '../src/types.js';

// Errors: an encoding readers do not know, an encoded multipart or message (RFC 2045 6.4: readers
// do not decode it and find no parts), and encoded text that does not decode (characters outside
// base64, a truncated base64 quantum, a bad "=XX" escape): the reader shows different text or drops
// the attachment. Lines over 76 only break RFC 2045 6.7/6.8; decoders read them: a warning past 78,
// information up to it.

const KNOWN = new Set(['7bit', '8bit', 'binary', 'quoted-printable', 'base64']);
const IDENTITY = new Set(['7bit', '8bit', 'binary']);

function printable(octet: number): string {
  return octet >= 0x21 && octet <= 0x7e ? JSON.stringify(String.fromCharCode(octet)) : `octet 0x${octet.toString(16).padStart(2, '0')}`;
}

export default defineCheck({
  id: 'mime-transfer-encoding-invalid',
  title: 'Unknown or broken Content-Transfer-Encoding',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '550 5.6.0 invalid content (Exchange Online); attachments that do not open and text shown as raw "=C3=A9" escapes',
  references: ['RFC 2045 6', 'RFC 2045 6.4', 'RFC 2045 6.7', 'RFC 2045 6.8'],
  needs: [],
  run({ mime }) {
    const findings: Finding[] = [];
    for (const entity of mime.entities) {
      const declared = entity.transferEncoding;
      const at = declared ? { line: declared.field.valueLine, column: declared.field.valueColumn } : { line: entity.headerLine };
      const data = { part: entity.path, encoding: entity.encoding };
      if (declared && !KNOWN.has(entity.encoding)) {
        findings.push({
          ...at,
          message: `${entity.label} has Content-Transfer-Encoding ${JSON.stringify(entity.encoding.slice(0, 40))}, which readers do not know: they show the encoded octets or drop the part`,
          fix: 'use base64 for attachments, quoted-printable or 8bit for text (RFC 2045 6.1 names the only encodings)',
          data,
        });
        continue;
      }
      const nests = entity.mediaType.startsWith('multipart/') || entity.mediaType.startsWith('message/');
      if (nests && !IDENTITY.has(entity.encoding)) {
        findings.push({
          ...at,
          message: `${entity.label} is ${entity.mediaType} encoded as ${entity.encoding}: RFC 2045 6.4 allows only 7bit, 8bit or binary there, and readers do not decode it to find the parts inside`,
          fix: 'encode the parts inside instead, and give the multipart or message no Content-Transfer-Encoding (or 7bit)',
          data,
        });
      }
      const content = entity.content;
      if (content.base64BadCharacter) {
        findings.push({
          ...content.base64BadCharacter,
          message: `the base64 content of ${entity.label} holds ${printable(content.base64BadCharacter.character)}, outside the base64 alphabet: decoders skip or stop at it, so the attachment comes out damaged`,
          fix: 'encode the content again with a base64 encoder (letters, digits, "+", "/", "=" padding at the end only, lines of 76)',
          data,
        });
      } else if (content.base64Truncated) {
        findings.push({
          ...content.base64Truncated,
          message: `the base64 content of ${entity.label} ends in the middle of a 4-character group: it was cut short, and the last octets are lost`,
          fix: 'encode the whole content again; a truncated attachment usually means the message was cut while being written',
          data,
        });
      }
      if (content.badEscape) {
        findings.push({
          ...content.badEscape,
          message: `the quoted-printable content of ${entity.label} holds ${JSON.stringify(content.badEscape.text)}: "=" must be followed by two hex digits or end the line, so readers show the text mangled`,
          fix: 'write "=" itself as "=3D" (quoted-printable encoders do it; a template that was not encoded is the usual cause)',
          data,
        });
      }
      // Over 78 a hand-made encoder is at work (a warning); 77 and 78 are what CPython's email writes
      // for quoted-printable, which every decoder reads (information only).
      const long = content.firstOverlongEncodedLine ?? content.firstLongEncodedLine;
      if (long) {
        const count = content.firstOverlongEncodedLine ? content.overlongEncodedLines : content.longEncodedLines;
        const limit = content.firstOverlongEncodedLine ? RECOMMENDED_LINE : MAX_ENCODED_LINE;
        findings.push({
          ...long,
          severity: content.firstOverlongEncodedLine ? 'warn' : 'info',
          message: `${formatCount(count)} ${entity.encoding} line(s) of ${entity.label} over ${limit} characters, the first ${formatCount(long.octets)} long: RFC 2045 limits encoded lines to ${MAX_ENCODED_LINE}${content.firstOverlongEncodedLine ? '' : ' (decoders read them; CPython\'s email writes 78)'}`,
          fix: `let the encoder wrap lines at ${MAX_ENCODED_LINE} characters (a soft line break "=" in quoted-printable)`,
          data: { ...data, lines: count },
        });
      }
    }
    return findings;
  },
});
