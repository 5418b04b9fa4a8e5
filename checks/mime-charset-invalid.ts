import { defineCheck } from '../src/define-check.js';
import { fileLine } from '../src/message/fields.js';
import { locateInField } from '../src/message/header-section.js';
import { isKnownCharset } from '../src/mime/charsets.js';
import { parameterOf } from '../src/mime/parameters.js';
import type { Finding } from '../src/types.js';

// A charset readers do not know, or text that is not in the charset it names, is shown as
// replacement characters or mojibake: mangled, an error. UTF-8 text is checked in any encoding
// (base64 and quoted-printable are decoded); US-ASCII only where 8-bit octets stand as they are.

export default defineCheck({
  id: 'mime-charset-invalid',
  title: 'Unknown charset, or text not valid in its declared charset',
  target: 'message',
  defaultSeverity: 'error',
  prevents: 'text shown as "�" replacement characters or mojibake; spam filters score undecodable text',
  references: ['RFC 2046 4.1.2', 'RFC 2978', 'RFC 3629'],
  needs: [],
  run({ message, mime }) {
    const findings: Finding[] = [];
    for (const entity of mime.entities) {
      const parameter = parameterOf(entity.contentType, 'charset');
      if (parameter && entity.contentType && entity.mediaType.startsWith('text/') && !isKnownCharset(parameter.value)) {
        findings.push({
          ...locateInField(entity.contentType.field, parameter.index),
          message: `${entity.label} names the charset ${JSON.stringify(parameter.value.slice(0, 40))}, which is not in the IANA registry and which readers do not know: they show the text undecoded`,
          fix: 'name the charset the text is really in, as registered: almost always "utf-8"',
          data: { part: entity.path, charset: parameter.value },
        });
        continue;
      }
      const at = entity.content.invalidText;
      if (!at || !entity.charset) continue;
      if (entity.charset === 'us-ascii') {
        // 8-bit text under 7bit is mime-8bit-undeclared's finding.
        if (entity.encoding === '7bit') continue;
        findings.push({
          ...at,
          message: `${entity.label} is ${entity.encoding} text with 8-bit octets but ${parameter ? 'declares charset us-ascii' : 'names no charset (so it is US-ASCII)'}: readers guess the charset and often show mojibake`,
          fix: 'declare the charset the text is in: Content-Type: text/plain; charset=utf-8',
          data: { part: entity.path, charset: entity.charset },
        });
        continue;
      }
      findings.push({
        ...at,
        message: `${entity.label} declares charset ${entity.charset} but its text is not valid UTF-8 from line ${fileLine(message, at.line)}: readers show "�" in its place`,
        fix: 'write the text as UTF-8 (it is probably Latin-1 or Windows-1252: convert it, or declare that charset)',
        data: { part: entity.path, charset: entity.charset },
      });
    }
    return findings;
  },
});
