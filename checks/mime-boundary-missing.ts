import { defineCheck } from '../src/define-check.js';
import { parameterOf } from '../src/mime/parameters.js';
import type { Finding } from '../src/types.js';

// A multipart without a usable boundary cannot be split: readers show it as one raw text, and
// Exchange answers "550 5.6.0 invalid content". A missing close delimiter is only a warning: readers
// end the last part at the end of the message, but filters count it as a sign of broken or crafted mail.

export default defineCheck({
  id: 'mime-boundary-missing',
  title: 'Multipart without a boundary, its delimiters, or its close delimiter',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '550 5.6.0 Corrupt message content / invalid content (Exchange Online); attachments shown as raw base64 text',
  references: ['RFC 2046 5.1', 'RFC 2046 5.1.1'],
  needs: [],
  run({ mime }) {
    const findings: Finding[] = [];
    for (const entity of mime.entities) {
      if (!entity.mediaType.startsWith('multipart/') || !entity.contentType) continue;
      const field = entity.contentType.field;
      const boundary = parameterOf(entity.contentType, 'boundary');
      if (!boundary || boundary.value === '') {
        findings.push({
          line: field.line,
          column: field.column,
          message: `${entity.label} is ${entity.mediaType} but its Content-Type has ${boundary ? 'an empty' : 'no'} boundary parameter: readers cannot split it into parts and show it raw`,
          fix: 'add a boundary: Content-Type: multipart/mixed; boundary="=_part_0f3c9a" (one that occurs in no part), and write it before each part',
          data: { part: entity.path },
        });
        continue;
      }
      const multipart = entity.multipart;
      if (!multipart) continue; // nested past the depth bound: input-mime-capped says so
      if (multipart.delimiters === 0) {
        findings.push({
          line: field.line,
          column: field.column,
          message: `the boundary ${JSON.stringify(multipart.boundary)} of ${entity.label} never occurs as "--${multipart.boundary}" on a line of its own: readers find no parts and show the body raw`,
          fix: `start each part with a line "--${multipart.boundary}" and end the last with "--${multipart.boundary}--" (or correct the boundary parameter to the one the body uses)`,
          data: { part: entity.path, boundary: multipart.boundary },
        });
      } else if (!multipart.closed) {
        findings.push({
          line: multipart.endLine,
          severity: 'warn',
          message: `${entity.label} (${entity.mediaType}) never ends with its close delimiter "--${multipart.boundary}--": readers end the last part where the ${entity.depth === 0 ? 'message' : 'enclosing part'} ends, filters count it as broken mail`,
          fix: `end the multipart with a line "--${multipart.boundary}--"`,
          data: { part: entity.path, boundary: multipart.boundary },
        });
      }
    }
    return findings;
  },
});
