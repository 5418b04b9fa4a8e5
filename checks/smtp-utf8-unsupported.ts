import { defineCheck } from '../src/define-check.js';
import { serverName } from '../src/smtp/classify.js';

export default defineCheck({
  id: 'smtp-utf8-unsupported',
  title: 'The message needs SMTPUTF8 and the server does not offer it',
  target: 'smtp',
  defaultSeverity: 'error',
  prevents: '553 5.6.7 / 550 5.6.7 non-ASCII addresses not permitted; 554 5.6.0 raw UTF-8 header refused',
  references: ['RFC 6531 3.2', 'RFC 6532', 'RFC 6531 3.7.5'],
  needs: [],
  run({ smtp }) {
    const reason = smtp.message?.utf8Reason;
    if (reason === undefined || smtp.extensions === undefined || 'SMTPUTF8' in smtp.extensions) return [];
    return [{ message: `the message needs SMTPUTF8 (${reason}), which ${serverName(smtp)} does not offer`, fix: 'use ASCII addresses, and encode non-ASCII header text as RFC 2047 encoded-words' }];
  },
});
