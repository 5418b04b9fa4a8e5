import { defineCheck } from '../src/define-check.js';
import type { HeaderField } from '../src/message/types.js';
import type { Finding } from '../src/types.js';

// Without MIME-Version a reader treats the message as plain RFC 5322 text: a multipart shows its
// boundaries and base64 as raw text, an encoded body as its encoding. That is mangling: an error.
// A Content-Type on a plain text body without it only loses the charset: a warning.

/** RFC 2045 4: "1.0", comments allowed around it. */
function isVersionOne(field: HeaderField): boolean {
  return field.value.replace(/\([^()]*\)/g, '').trim() === '1.0';
}

export default defineCheck({
  id: 'mime-version-missing',
  title: 'MIME structure without MIME-Version: 1.0',
  target: 'message',
  defaultSeverity: 'error',
  prevents: 'multipart messages shown as raw boundaries and base64 text; 550 5.6.0 content rejections by filters that require MIME-Version',
  references: ['RFC 2045 4', 'RFC 2049 2'],
  needs: [],
  run({ mime }) {
    const message = mime.entities[0];
    if (!message) return [];
    const structure = message.fields.find((field) => field.lowerName === 'content-type' || field.lowerName === 'content-transfer-encoding');
    if (!structure) return [];
    const versions = message.fields.filter((field) => field.lowerName === 'mime-version');
    const findings: Finding[] = [];
    if (versions.length === 0) {
      const raw = message.mediaType.startsWith('multipart/') || message.mediaType.startsWith('message/') || message.encoding === 'base64' || message.encoding === 'quoted-printable';
      findings.push({
        line: structure.line,
        column: structure.column,
        severity: raw ? 'error' : 'warn',
        message: raw
          ? `${structure.name} without MIME-Version: readers that follow RFC 2045 show the ${message.mediaType.startsWith('multipart/') ? 'parts, boundaries and encoded text' : 'encoded text'} raw`
          : `${structure.name} without MIME-Version: RFC 2045 readers ignore it and read the body as US-ASCII text`,
        fix: 'add "MIME-Version: 1.0" to the header',
      });
    }
    for (const version of versions.filter((field) => !isVersionOne(field))) {
      findings.push({
        line: version.valueLine,
        column: version.valueColumn,
        severity: 'warn',
        message: `MIME-Version is ${JSON.stringify(version.value.trim().slice(0, 40))}; the only version is 1.0 (RFC 2045 4)`,
        fix: 'write "MIME-Version: 1.0"',
      });
    }
    return findings;
  },
});
