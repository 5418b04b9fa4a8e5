import { defineCheck } from '../src/define-check.js';
import { locateInField } from '../src/message/header-section.js';
import { parameterOf } from '../src/mime/parameters.js';
import type { Finding } from '../src/types.js';

// RFC 2047 5: an encoded-word must not appear in a quoted-string, so "=?UTF-8?B?…?=" as a filename
// or name parameter is, by the rules, that literal text. Many readers decode it anyway (Outlook and
// Gmail write it), others show the raw word as the file name: a warning. RFC 2231 is the way.
// A Content-Type name beside an RFC 2231 filename in Content-Disposition is the fallback for old
// Outlook that nodemailer and Thunderbird write on purpose: readers take the filename, so it is not reported.

const ENCODED_WORD = /=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=/;

export default defineCheck({
  id: 'mime-parameter-encoding',
  title: 'RFC 2047 encoded-word inside a MIME parameter',
  target: 'message',
  defaultSeverity: 'warn',
  prevents: 'attachments named "=?UTF-8?B?0KTQsNC50Lsu?=" by readers that follow RFC 2047 5',
  references: ['RFC 2047 5', 'RFC 2231 4'],
  needs: [],
  run({ mime }) {
    const findings: Finding[] = [];
    for (const entity of mime.entities) {
      const standardFilename = parameterOf(entity.contentDisposition, 'filename')?.extended === true;
      for (const value of [entity.contentType, entity.contentDisposition]) {
        if (!value) continue;
        for (const parameter of value.parameters) {
          if (parameter.extended || !ENCODED_WORD.test(parameter.value)) continue;
          if (value === entity.contentType && parameter.name === 'name' && standardFilename) continue;
          findings.push({
            ...locateInField(value.field, parameter.index),
            message: `the ${parameter.name} parameter of ${value.field.name} in ${entity.label} is an RFC 2047 encoded-word; RFC 2047 5 forbids them in parameters, and readers that follow it show ${JSON.stringify(parameter.value.slice(0, 60))} literally`,
            fix: `write it the RFC 2231 way: ${parameter.name}*=utf-8''<percent-encoded UTF-8> (mail libraries do this when asked for RFC 2231 parameters)`,
            data: { part: entity.path, parameter: parameter.name },
          });
        }
      }
    }
    return findings;
  },
});
